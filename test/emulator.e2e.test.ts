// The production build against the Shopify emulator, through the control API alone: the app's
// unmodified library code installs itself by token exchange, reads the shop through Admin
// GraphQL, and verifies the webhooks the emulator signs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROWSER_USER_AGENT } from "../emulator/http/server.ts";
import { startEmulatedApp, type EmulatedApp } from "./emulated-app";

let t: EmulatedApp;
beforeAll(async () => {
  t = await startEmulatedApp();
});
afterAll(() => t?.close());

async function control(pathname: string, body?: unknown) {
  const response = await fetch(`${t.emulator.url}/_emulator${pathname}`, {
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
    expect(created.body.appOpened, t.app.output()).toBe(true);
    const session = await t.db.session.findUnique({ where: { id: "offline_acme.myshopify.com" } });
    expect(session?.accessToken).toBe(created.body.app.accessToken);
    expect(await t.db.shop.findUnique({ where: { domain: "acme.myshopify.com" } })).not.toBeNull();
  });

  it("shows the shop's name in the admin, read through Admin GraphQL", async () => {
    const { body } = await control("/shops/acme/tokens", { kind: "admin" });
    const url = new URL("/app", t.app.url);
    const host = Buffer.from("admin.shopify.com/store/acme").toString("base64url");
    url.search = new URLSearchParams({
      embedded: "1",
      shop: "acme.myshopify.com",
      host,
      id_token: body.token,
    }).toString();
    // A new program first sends the merchant through the setup guide.
    const first = await fetch(url, { headers: { "User-Agent": BROWSER_USER_AGENT }, redirect: "manual" });
    expect(first.status).toBe(302);
    expect(new URL(first.headers.get("Location")!, t.app.url).pathname).toBe("/app/onboarding");
    await first.arrayBuffer();

    await t.db.program.update({ where: { shop: "acme.myshopify.com" }, data: { onboardedAt: new Date() } });
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
    await t.emulator.webhooks.idle();

    const delivery = t.emulator.webhooks.deliveries.find((d) => d.topic === "orders/paid")!;
    expect(delivery).toMatchObject({ state: "delivered", shop: "acme.myshopify.com" });
    expect(delivery.attempts.map((a) => a.status)).toEqual([200]);
    const recorded = await t.db.webhookEvent.findMany({ where: { shop: "acme.myshopify.com", topic: "orders/paid" } });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.dedupeKey).toBe(delivery.eventId);

    const forged = await fetch(delivery.url, {
      method: "POST",
      body: delivery.body.replace('"quantity":2', '"quantity":20'),
      headers: { ...t.emulator.webhooks.headers(delivery), "X-Shopify-Event-Id": "forged-event" },
    });
    expect(forged.status).toBe(401);
    expect(await t.db.webhookEvent.count({ where: { topic: "orders/paid" } })).toBe(1);
  });

  it("processes a duplicated delivery once", async () => {
    const before = await t.db.webhookEvent.count({ where: { topic: "orders/paid" } });
    const response = await fetch(`${t.emulator.url}/_emulator/faults`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ duplicate: true }),
    });
    expect(response.status).toBe(200);
    await control("/shops/acme/orders", { lineItems: [{ title: "Cup", price: "5.00", quantity: 1 }], paid: true });
    await t.emulator.webhooks.idle();
    const paid = t.emulator.webhooks.deliveries.filter((d) => d.topic === "orders/paid").at(-1)!;
    expect(paid.attempts.map((a) => a.status)).toEqual([200, 200]);
    expect(await t.db.webhookEvent.count({ where: { topic: "orders/paid" } })).toBe(before + 1);
  });
});
