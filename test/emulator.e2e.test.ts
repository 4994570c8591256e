// The production build against the Shopify emulator, through the control API alone: the app's
// unmodified library code installs itself by token exchange, reads the shop through Admin
// GraphQL, and verifies the webhooks the emulator signs.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";
import { createDb } from "../app/db.server";
import { DEMO_CREDENTIALS, laurelApp } from "../emulator/config.ts";
import { BROWSER_USER_AGENT, startEmulator, type Emulator } from "../emulator/http/server.ts";
import { ensureShopifySchemas, schemaPath } from "../scripts/shopify-schemas.ts";
import { freePort, migratedSqlite, startApp, type RunningApp } from "./app-server";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-emulated-"));
const databaseUrl = migratedSqlite(path.join(dir, "laurel.sqlite"));
const db = createDb({ provider: "sqlite", url: databaseUrl });
let emulator: Emulator;
let app: RunningApp;

beforeAll(async () => {
  ensureShopifySchemas();
  const port = await freePort();
  const appUrl = `http://127.0.0.1:${port}`;
  emulator = await startEmulator({
    app: laurelApp({ appUrl }),
    schemaFile: schemaPath("admin"),
    apiVersion: ADMIN_API_VERSION,
    webhooks: { msPerMinute: 5 },
  });
  app = await startApp(
    {
      NODE_ENV: "production",
      SHOPIFY_API_KEY: DEMO_CREDENTIALS.apiKey,
      SHOPIFY_API_SECRET: DEMO_CREDENTIALS.apiSecret,
      SHOPIFY_APP_URL: appUrl,
      DATABASE_URL: databaseUrl,
      SHOPIFY_EMULATOR_URL: emulator.url,
    },
    port,
  );
});

afterAll(async () => {
  app?.stop();
  await emulator?.close();
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function control(pathname: string, body?: unknown) {
  const response = await fetch(`${emulator.url}/_emulator${pathname}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe("the app on the emulator", () => {
  it("installs itself by token exchange when a shop is created", async () => {
    const created = await control("/shops", { name: "acme", currency: "EUR" });
    expect(created.status).toBe(201);
    expect(created.body.appOpened, app.output()).toBe(true);
    const session = await db.session.findUnique({ where: { id: "offline_acme.myshopify.com" } });
    expect(session?.accessToken).toBe(created.body.app.accessToken);
    expect(await db.shop.findUnique({ where: { domain: "acme.myshopify.com" } })).not.toBeNull();
  });

  it("shows the shop's name in the admin, read through Admin GraphQL", async () => {
    const { body } = await control("/shops/acme/tokens", { kind: "admin" });
    const url = new URL("/app", app.url);
    const host = Buffer.from("admin.shopify.com/store/acme").toString("base64url");
    url.search = new URLSearchParams({
      embedded: "1",
      shop: "acme.myshopify.com",
      host,
      id_token: body.token,
    }).toString();
    const response = await fetch(url, { headers: { "User-Agent": BROWSER_USER_AGENT } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Welcome to Laurel, acme");
  });

  it("receives a valid, signed orders/paid for a paid order, and refuses a forged copy", async () => {
    const customer = await control("/shops/acme/customers", { email: "ana@example.com", firstName: "Ana" });
    const order = await control("/shops/acme/orders", {
      customerId: customer.body.id,
      lineItems: [{ title: "Tea", price: "12.50", quantity: 2 }],
      paid: true,
    });
    expect(order.status).toBe(201);
    await emulator.webhooks.idle();

    const delivery = emulator.webhooks.deliveries.find((d) => d.topic === "orders/paid")!;
    expect(delivery).toMatchObject({ state: "delivered", shop: "acme.myshopify.com" });
    expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    const recorded = await db.webhookEvent.findMany({ where: { shop: "acme.myshopify.com", topic: "ORDERS_PAID" } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.dedupeKey).toBe(delivery.eventId);

    const forged = await fetch(delivery.url, {
      method: "POST",
      body: delivery.body.replace('"quantity":2', '"quantity":20'),
      headers: { ...emulator.webhooks.headers(delivery), "X-Shopify-Event-Id": "forged-event" },
    });
    expect(forged.status).toBe(401);
    expect(await db.webhookEvent.count({ where: { topic: "ORDERS_PAID" } })).toBe(1);
  });

  it("processes a duplicated delivery once", async () => {
    const before = await db.webhookEvent.count();
    const response = await fetch(`${emulator.url}/_emulator/faults`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ duplicate: true }),
    });
    expect(response.status).toBe(200);
    await control("/shops/acme/orders", { lineItems: [{ title: "Cup", price: "5.00", quantity: 1 }], paid: true });
    await emulator.webhooks.idle();
    const attempts = emulator.webhooks.deliveries.at(-1)!.attempts;
    expect(attempts.map((a) => a.status)).toEqual([200, 200]);
    expect(await db.webhookEvent.count()).toBe(before + 1);
  });
});
