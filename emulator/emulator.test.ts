// The emulator over HTTP, checked with @shopify/shopify-api's own verification code.
import "@shopify/shopify-api/adapters/node";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApiVersion, LogSeverity, shopifyApi } from "@shopify/shopify-api";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ensureShopifySchemas, schemaPath } from "../scripts/shopify-schemas.ts";
import { startEmulator, type Emulator } from "./http/server.ts";
import type { AppConfig } from "./state/types.ts";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  request: http.IncomingMessage;
}

let receiver: http.Server;
let receiverUrl = "";
const received: Received[] = [];
/** Status codes the fake app answers with, one per request; 200 once they run out. */
let answers: number[] = [];

let emulator: Emulator;
const app = (): AppConfig => ({
  apiKey: "emulator-test-key",
  apiSecret: "emulator-test-secret",
  appId: 99,
  handle: "laurel",
  scopes: ["read_orders"],
  appUrl: receiverUrl,
  webhookApiVersion: "2026-10",
  subscriptions: [
    { topics: ["orders/paid", "customers/create"], uri: "/webhooks" },
    { topics: ["products/create", "products/update", "products/delete"], uri: "/webhooks/products" },
    { topics: ["customers/data_request"], uri: "/webhooks/compliance", compliance: true },
  ],
});

const shopify = shopifyApi({
  apiKey: "emulator-test-key",
  apiSecretKey: "emulator-test-secret",
  apiVersion: ApiVersion.October26,
  hostName: "laurel.test",
  isEmbeddedApp: true,
  logger: { level: LogSeverity.Error },
});

beforeAll(async () => {
  ensureShopifySchemas();
  receiver = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body, request });
      response.statusCode = answers.shift() ?? 200;
      response.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => receiver.close(() => resolve())));

async function start() {
  emulator = await startEmulator({
    app: app(),
    schemaFile: schemaPath("admin"),
    apiVersion: "2026-10",
    webhooks: { msPerMinute: 1, reorderWindowMs: 30 },
    openAppOnInstall: false,
  });
  received.length = 0;
  answers = [];
  return emulator;
}

afterEach(async () => {
  await emulator?.close();
});

async function control(path: string, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const response = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function paidOrder() {
  await control("/shops", { name: "acme" });
  const customer = await control("/shops/acme/customers", { email: "ana@example.com", firstName: "Ana" });
  const order = await control("/shops/acme/orders", {
    customerId: customer.body.id,
    lineItems: [{ title: "Tea", price: "12.50", quantity: 2 }],
    paid: true,
  });
  return { customer: customer.body, order: order.body };
}

describe("session tokens", () => {
  it("mints tokens the library verifies, with Shopify's claims", async () => {
    await start();
    const { customer } = await paidOrder();
    const admin = await control("/shops/acme/tokens", { kind: "admin" });
    const adminClaims = await shopify.session.decodeSessionToken(admin.body.token);
    expect(adminClaims).toMatchObject({
      iss: "https://acme.myshopify.com/admin",
      dest: "https://acme.myshopify.com",
      aud: "emulator-test-key",
    });
    for (const claim of ["exp", "nbf", "iat", "jti", "sid", "sub"]) expect(adminClaims).toHaveProperty(claim);

    const checkout = await control("/shops/acme/tokens", { kind: "checkout", customerId: customer.id });
    const claims = await shopify.session.decodeSessionToken(checkout.body.token, { checkAudience: false });
    expect(claims).toMatchObject({ dest: "acme.myshopify.com", sub: customer.gid, aud: "emulator-test-key" });
    expect(claims.exp - claims.iat).toBe(300);

    const guest = await control("/shops/acme/tokens", { kind: "customer-account" });
    expect(await shopify.session.decodeSessionToken(guest.body.token, { checkAudience: false })).not.toHaveProperty(
      "sub",
    );
  });

  it("mints an expired token on request, which the library rejects", async () => {
    await start();
    await control("/shops", { name: "acme" });
    const expired = await control("/shops/acme/tokens", { kind: "checkout", expiresIn: -60 });
    await expect(shopify.session.decodeSessionToken(expired.body.token, { checkAudience: false })).rejects.toThrow();
  });
});

describe("webhooks", () => {
  it("delivers signed orders/paid with Shopify's headers, verified by the library", async () => {
    await start();
    const { order } = await paidOrder();
    await emulator.webhooks.idle();
    const paid = received.find((r) => r.headers["x-shopify-topic"] === "orders/paid")!;
    expect(paid).toBeDefined();
    expect(paid.headers).toMatchObject({
      "x-shopify-shop-domain": "acme.myshopify.com",
      "x-shopify-api-version": "2026-10",
      "content-type": "application/json",
    });
    for (const header of [
      "x-shopify-hmac-sha256",
      "x-shopify-webhook-id",
      "x-shopify-event-id",
      "x-shopify-triggered-at",
    ]) {
      expect(paid.headers[header], header).toBeTruthy();
    }
    const check = await shopify.webhooks.validate({ rawBody: paid.body, rawRequest: paid.request });
    expect(check).toMatchObject({ valid: true, topic: "ORDERS_PAID", domain: "acme.myshopify.com" });
    expect(JSON.parse(paid.body)).toMatchObject({ id: order.id, admin_graphql_api_id: order.gid });
  });

  it("retries a failing delivery on Shopify's backoff until it succeeds", async () => {
    await start();
    answers = [200, 500, 503];
    await paidOrder();
    await emulator.webhooks.idle();
    const delivery = emulator.webhooks.deliveries.find((d) => d.topic === "orders/paid")!;
    expect(delivery.state).toBe("delivered");
    expect(delivery.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
    const ids = received
      .filter((r) => r.headers["x-shopify-topic"] === "orders/paid")
      .map((r) => r.headers["x-shopify-webhook-id"]);
    expect(new Set(ids).size).toBe(1);
  });

  it("gives up after Shopify's eight retries", async () => {
    await start();
    await control("/shops", { name: "acme" });
    answers = Array(20).fill(500);
    await control("/shops/acme/customers", { email: "ana@example.com" });
    await emulator.webhooks.idle();
    const delivery = emulator.webhooks.deliveries.find((d) => d.topic === "customers/create")!;
    expect(delivery.attempts).toHaveLength(9);
    expect(delivery.state).toBe("failed");
  });

  it("duplicates, drops-then-retries, delays and reorders deliveries on demand", async () => {
    await start();
    await control("/shops", { name: "acme" });
    const faults = await control("/faults", { duplicate: true, failFirst: false, reorder: false, delayMs: 5 }, "PUT");
    expect(faults.body).toEqual({ duplicate: true, reorder: false, failFirst: false, delayMs: 5 });
    await control("/shops/acme/customers", { email: "a@example.com" });
    await emulator.webhooks.idle();
    expect(received.filter((r) => r.headers["x-shopify-topic"] === "customers/create")).toHaveLength(2);

    received.length = 0;
    await control("/faults", { failFirst: true }, "PUT");
    await control("/shops/acme/customers", { email: "b@example.com" });
    await emulator.webhooks.idle();
    const dropped = emulator.webhooks.deliveries.at(-1)!;
    expect(dropped.attempts.map((a) => a.dropped ?? a.status)).toEqual([true, 200]);
    expect(received).toHaveLength(1);

    received.length = 0;
    await control("/faults", { reorder: true }, "PUT");
    await control("/shops/acme/customers", { email: "first@example.com" });
    await control("/shops/acme/customers", { email: "second@example.com" });
    await emulator.webhooks.idle();
    expect(received.map((r) => JSON.parse(r.body).email)).toEqual(["second@example.com", "first@example.com"]);
  });

  it("sends compliance requests to their subscription", async () => {
    await start();
    const { customer } = await paidOrder();
    expect((await control(`/shops/acme/customers/${customer.id}/data_request`, {})).status).toBe(202);
    await emulator.webhooks.idle();
    const request = received.find((r) => r.headers["x-shopify-topic"] === "customers/data_request")!;
    expect(request.request.url).toBe("/webhooks/compliance");
    expect(JSON.parse(request.body)).toMatchObject({
      shop_domain: "acme.myshopify.com",
      customer: { id: customer.id },
    });
  });
});

describe("products", () => {
  const topicsAndBodies = () =>
    received
      .filter((r) => r.request.url === "/webhooks/products")
      .map((r) => [r.headers["x-shopify-topic"], JSON.parse(r.body)] as const);

  it("sends products/create, products/update and products/delete as the product changes", async () => {
    await start();
    await control("/shops", { name: "acme" });
    const created = await control("/shops/acme/products", {
      title: "Sencha",
      price: "14.00",
      tags: ["tea"],
      collections: ["Teas"],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;

    const patched = await control(
      `/shops/acme/products/${encodeURIComponent(created.body.gid)}`,
      { title: "Sencha Green", tags: ["tea", "sale"], collections: ["Teas", "Sale"] },
      "PATCH",
    );
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id,
      gid: `gid://shopify/Product/${id}`,
      title: "Sencha Green",
      tags: ["sale", "tea"],
      collections: [{ title: "Teas" }, { title: "Sale" }],
    });
    expect(patched.body.collections[1].gid).toMatch(/^gid:\/\/shopify\/Collection\/\d+$/);

    // Only the fields given change; collections: [] takes it out of every collection.
    expect((await control(`/shops/acme/products/${id}`, { collections: [] }, "PATCH")).body).toMatchObject({
      title: "Sencha Green",
      tags: ["sale", "tea"],
      collections: [],
    });
    const state = await control("/shops/acme/state");
    expect(state.body.products).toEqual([expect.objectContaining({ id, title: "Sencha Green", collections: [] })]);

    expect(await control(`/shops/acme/products/${id}`, undefined, "DELETE")).toEqual({
      status: 200,
      body: { id, gid: `gid://shopify/Product/${id}`, deleted: true },
    });
    expect((await control("/shops/acme/state")).body.products).toEqual([]);

    await emulator.webhooks.idle();
    const sent = topicsAndBodies();
    expect(sent.map(([topic]) => topic)).toEqual([
      "products/create",
      "products/update",
      "products/update",
      "products/delete",
    ]);
    expect(sent[0]![1]).toMatchObject({ id, title: "Sencha", tags: "tea" });
    expect(sent[1]![1]).toMatchObject({ id, title: "Sencha Green", tags: "sale, tea" });
    expect(sent[1]![1]).not.toHaveProperty("collections");
    expect(sent[3]![1]).toEqual({ id });
    const check = await shopify.webhooks.validate({
      rawBody: received.find((r) => r.headers["x-shopify-topic"] === "products/update")!.body,
      rawRequest: received.find((r) => r.headers["x-shopify-topic"] === "products/update")!.request,
    });
    expect(check).toMatchObject({ valid: true, topic: "PRODUCTS_UPDATE" });
  });

  it("sends products/update when tagsAdd changes a product's tags", async () => {
    await start();
    const shop = await control("/shops", { name: "acme" });
    const product = await control("/shops/acme/products", { title: "Mug", price: "9.00" });
    const response = await fetch(`${emulator.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Access-Token": shop.body.app.accessToken,
        "X-Shopify-Shop-Domain": "acme.myshopify.com",
      },
      body: JSON.stringify({
        query: 'mutation($id: ID!) { tagsAdd(id: $id, tags: ["gift"]) { userErrors { message } } }',
        variables: { id: product.body.gid },
      }),
    });
    expect(((await response.json()) as any).data.tagsAdd.userErrors).toEqual([]);
    await emulator.webhooks.idle();
    expect(topicsAndBodies().at(-1)).toEqual(["products/update", expect.objectContaining({ tags: "gift" })]);
  });

  it("answers a missing product with 404 and bad changes with 422, changing nothing", async () => {
    await start();
    await control("/shops", { name: "acme" });
    const { id } = (await control("/shops/acme/products", { title: "Mug", price: "9.00", tags: ["a"] })).body;
    expect((await control("/shops/acme/products/999999", { tags: [] }, "PATCH")).status).toBe(404);
    expect((await control("/shops/acme/products/999999", undefined, "DELETE")).status).toBe(404);
    expect(await control(`/shops/acme/products/${id}`, { tags: "a, b" }, "PATCH")).toEqual({
      status: 422,
      body: { error: "tags: a list of strings", field: "tags" },
    });
    expect((await control(`/shops/acme/products/${id}`, { title: " " }, "PATCH")).body).toEqual({
      error: "title: can't be blank",
      field: "title",
    });
    expect((await control(`/shops/acme/products/${id}`, { tags: ["b"], collections: [""] }, "PATCH")).body).toEqual({
      error: "collections: a list of collection titles",
      field: "collections",
    });
    expect((await control("/shops/acme/state")).body.products).toEqual([
      expect.objectContaining({ id, title: "Mug", tags: ["a"] }),
    ]);
    await emulator.webhooks.idle();
    expect(topicsAndBodies().map(([topic]) => topic)).toEqual(["products/create"]);
  });
});

describe("control API", () => {
  it("answers bad input with a status, a message and the field", async () => {
    await start();
    expect(await control("/shops", { name: "Acme", handle: "Not a handle!" })).toEqual({
      status: 422,
      body: {
        error: "handle: lowercase letters, digits and hyphens, starting with a letter or digit",
        field: "handle",
      },
    });
    expect((await control("/shops", { name: " " })).body).toEqual({ error: "name: can't be blank", field: "name" });
    await control("/shops", { name: "acme" });
    expect(
      (await control("/shops/acme/orders", { lineItems: [{ title: "Tea", price: "1.234", quantity: 1 }] })).body,
    ).toEqual({
      error: "lineItems[0].price: 1.234 has more decimals than USD allows (2)",
      field: "lineItems[0].price",
    });
    expect((await control("/shops/nowhere/customers", { email: "a@example.com" })).status).toBe(404);
    expect((await control("/faults", { duplicate: "yes" }, "PUT")).status).toBe(422);
  });

  it("reports state and the app's credentials for scripting", async () => {
    await start();
    const created = await control("/shops", { name: "acme", currency: "EUR" });
    expect(created.status).toBe(201);
    const credentials = await control("/shops/acme/app");
    expect(credentials.body).toEqual({
      apiKey: "emulator-test-key",
      accessToken: created.body.app.accessToken,
      scopes: ["read_orders"],
    });
    const response = await fetch(`${emulator.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Access-Token": credentials.body.accessToken,
        "X-Shopify-Shop-Domain": "acme.myshopify.com",
      },
      body: JSON.stringify({ query: "{ shop { currencyCode } }" }),
    });
    expect(((await response.json()) as any).data).toEqual({ shop: { currencyCode: "EUR" } });
    const wrong = await fetch(`${emulator.url}/admin/api/2026-10/graphql.json`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "X-Shopify-Access-Token": "nope",
        "X-Shopify-Shop-Domain": "acme.myshopify.com",
      },
      body: JSON.stringify({ query: "{ shop { currencyCode } }" }),
    });
    expect(wrong.status).toBe(401);
  });
});
