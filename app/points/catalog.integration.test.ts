// The catalog index kept current by product webhooks, on each database: deliveries through the
// webhook routes (real HMAC check, exactly once, no Admin API call) write tags at once and queue
// the product's job; the job, run by the worker against the emulator's Admin API over HTTP, puts
// the product's collections in.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/http/server.ts";
import { startRoutedEmulator } from "../../test/routed-emulator";
import type { ShopEvent, ShopRecord } from "../../emulator/state/types.ts";
import { webhookPayload } from "../../emulator/webhooks/payloads.ts";
import { emulatorControl } from "../../test/emulator-control";
import { args, installOfflineSession, webhookRequest } from "../../test/shopify";
import db from "../db.server";
import { runDueJobs } from "../jobs/worker.server";
import { action as productCreated } from "../routes/webhooks.products.create";
import { action as productDeleted } from "../routes/webhooks.products.delete";
import { action as productUpdated } from "../routes/webhooks.products.update";
import { factsFor, SYNC_PRODUCT, syncProducts } from "./catalog.server";

let emulator: Emulator;
let shop: string;
/** Webhook bodies as the emulator builds them when a product changes, newest last. */
let sent: { topic: string; body: Record<string, unknown> }[];
let deliveries = 0;

const control = (pathname: string, body?: unknown, method?: string) =>
  emulatorControl(emulator.url)(pathname, body, method);

const routes = {
  "products/create": productCreated,
  "products/update": productUpdated,
  "products/delete": productDeleted,
} as const;

/** Delivers a body to its route as Shopify would, by default as a new delivery. */
async function deliver(topic: keyof typeof routes, body: unknown, webhookId = `product-${++deliveries}`) {
  const request = webhookRequest(`/webhooks/${topic}`, { topic, body, shop, webhookId });
  return routes[topic](args(request)).catch((thrown: unknown) => {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  });
}

/** The emulator's latest body for a topic. */
const latest = (topic: string) => sent.filter((s) => s.topic === topic).at(-1)!.body;

const facts = async (productId: string) =>
  db.productFacts.findUnique({ where: { shop_productId: { shop, productId } } });
const job = (productId: string) =>
  db.job.findUnique({ where: { shop_kind_key: { shop, kind: SYNC_PRODUCT, key: productId } } });
const runJobs = () => runDueJobs({ [SYNC_PRODUCT]: syncProducts });

async function newProduct(input: { title: string; tags?: string[]; collections?: string[] }) {
  const created = await control(`/shops/${shop}/products`, { price: "10.00", ...input });
  return created.gid as string;
}

beforeAll(async () => {
  emulator = await startRoutedEmulator();
  emulator.store.events.on("event", (s: ShopRecord, event: ShopEvent) => {
    const { topic, body } = webhookPayload(s, event, { customerOf: (id) => s.customers.get(id), appId: 1 });
    sent.push({ topic, body });
  });
});

afterAll(() => emulator.close());

beforeEach(async () => {
  sent = [];
  await db.job.deleteMany();
  const created = await control("/shops", {
    name: `Catalog ${Math.random().toString(36).slice(2, 8)}`,
    openApp: false,
  });
  shop = created.shop.domain;
  await installOfflineSession(shop, created.app.accessToken);
});

describe("product webhooks", () => {
  it("products/update writes the tags at once, keeps the known collections and queues the product's job", async () => {
    const productId = await newProduct({ title: "Sencha", tags: ["tea"] });
    await db.productFacts.create({
      data: {
        shop,
        productId,
        tags: JSON.stringify(["tea"]),
        collectionIds: JSON.stringify(["gid://shopify/Collection/1"]),
        syncedAt: new Date("2026-01-01T00:00:00Z"),
      },
    });
    await control(`/shops/${shop}/products/${encodeURIComponent(productId)}`, { tags: ["tea", "Sale"] }, "PATCH");

    // No Admin API call on the request path: any would fail here.
    await control("/admin-faults", { faults: [{ field: "product", mode: "server-error" }] }, "PUT");
    const response = await deliver("products/update", latest("products/update"));
    await control("/admin-faults", { faults: [] }, "PUT");
    expect(response.status).toBe(200);

    const row = await facts(productId);
    expect(JSON.parse(row!.tags)).toEqual(["Sale", "tea"]);
    expect(JSON.parse(row!.collectionIds)).toEqual(["gid://shopify/Collection/1"]);
    expect(row!.syncedAt.getTime()).toBeGreaterThan(new Date("2026-01-01T00:00:00Z").getTime());
    expect(await job(productId)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await factsFor(db, shop, [productId])).toEqual(
      new Map([[productId, { tags: ["Sale", "tea"], collectionIds: ["gid://shopify/Collection/1"] }]]),
    );
  });

  it("a repeated delivery changes nothing", async () => {
    const productId = await newProduct({ title: "Earl Grey", tags: ["tea"] });
    const body = latest("products/create");
    expect((await deliver("products/create", body, "create-once")).status).toBe(200);
    const first = await facts(productId);
    const queued = await job(productId);
    // The worker has run the job since.
    await db.job.update({ where: { id: queued!.id }, data: { status: "done" } });

    expect((await deliver("products/create", body, "create-once")).status).toBe(200);
    expect(await facts(productId)).toEqual(first);
    expect(await job(productId)).toMatchObject({ status: "done", version: queued!.version });
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(1);
  });

  it("products/create indexes a new product's tags, with its collections to come from the job", async () => {
    const productId = await newProduct({ title: "Teapot", tags: ["teaware", "gift"], collections: ["Teaware"] });
    expect((await deliver("products/create", latest("products/create"))).status).toBe(200);
    expect(await factsFor(db, shop, [productId])).toEqual(
      new Map([[productId, { tags: ["gift", "teaware"], collectionIds: [] }]]),
    );
    expect(await job(productId)).toMatchObject({ status: "queued" });
  });

  it("products/delete removes the product's facts; a repeat is harmless", async () => {
    const productId = await newProduct({ title: "Mug", tags: ["teaware"] });
    await deliver("products/create", latest("products/create"));
    const other = await newProduct({ title: "Honey", tags: ["pantry"] });
    await deliver("products/create", latest("products/create"));
    await control(`/shops/${shop}/products/${encodeURIComponent(productId)}`, undefined, "DELETE");
    const body = latest("products/delete");
    expect(body).toEqual({ id: Number(productId.split("/").pop()) });

    expect((await deliver("products/delete", body, "delete-once")).status).toBe(200);
    expect((await deliver("products/delete", body, "delete-once")).status).toBe(200);
    expect(await facts(productId)).toBeNull();
    expect(await facts(other)).not.toBeNull();
  });

  it("answers a payload without an id with 400 and writes nothing", async () => {
    const response = await deliver("products/update", { title: "No id", tags: "x" });
    expect(response.status).toBe(400);
    expect(await db.productFacts.count({ where: { shop } })).toBe(0);
    expect(await db.job.count({ where: { shop } })).toBe(0);
    expect(await db.webhookEvent.count({ where: { shop } })).toBe(0);
  });
});

describe("the product job", () => {
  const collectionGids = async (productId: string) => {
    const state = await control(`/shops/${shop}/state`);
    const product = (state.products as { gid: string; collections: { gid: string }[] }[]).find(
      (p) => p.gid === productId,
    )!;
    return product.collections.map((c) => c.gid);
  };

  it("fetches the product's collections (and current tags) from the Admin API", async () => {
    const productId = await newProduct({ title: "Sampler", tags: ["tea"], collections: ["Teas", "Gifts"] });
    await deliver("products/create", latest("products/create"));
    expect(await runJobs()).toBe(1);
    const teasAndGifts = await collectionGids(productId);
    expect(teasAndGifts).toHaveLength(2);
    expect(await factsFor(db, shop, [productId])).toEqual(
      new Map([[productId, { tags: ["tea"], collectionIds: teasAndGifts }]]),
    );
    expect(await job(productId)).toMatchObject({ status: "done" });

    // Moved to another collection: the tags at once, the collections once the job has run.
    await control(
      `/shops/${shop}/products/${encodeURIComponent(productId)}`,
      { tags: ["sale"], collections: ["Sale"] },
      "PATCH",
    );
    await deliver("products/update", latest("products/update"));
    expect(await factsFor(db, shop, [productId])).toEqual(
      new Map([[productId, { tags: ["sale"], collectionIds: teasAndGifts }]]),
    );
    await runJobs();
    expect(await factsFor(db, shop, [productId])).toEqual(
      new Map([[productId, { tags: ["sale"], collectionIds: await collectionGids(productId) }]]),
    );
  });

  it("corrects tags from a delivery that arrived out of order", async () => {
    const productId = await newProduct({ title: "Oolong", tags: ["tea"] });
    const older = latest("products/create");
    await control(`/shops/${shop}/products/${encodeURIComponent(productId)}`, { tags: ["tea", "new"] }, "PATCH");
    await deliver("products/update", latest("products/update"));
    await deliver("products/create", older);
    expect(JSON.parse((await facts(productId))!.tags)).toEqual(["tea"]);
    await runJobs();
    expect(JSON.parse((await facts(productId))!.tags)).toEqual(["new", "tea"]);
  });

  it("removes a product deleted before its job ran", async () => {
    const productId = await newProduct({ title: "Matcha", tags: ["tea"] });
    await deliver("products/create", latest("products/create"));
    await control(`/shops/${shop}/products/${encodeURIComponent(productId)}`, undefined, "DELETE");
    await runJobs();
    expect(await facts(productId)).toBeNull();
    expect(await job(productId)).toMatchObject({ status: "done" });
  });

  it("pages through a product's collections past the first 250", async () => {
    const titles = Array.from({ length: 260 }, (_, i) => `Collection ${i + 1}`);
    const productId = await newProduct({ title: "Everywhere", collections: titles });
    await deliver("products/create", latest("products/create"));
    await runJobs();
    const row = await facts(productId);
    expect(JSON.parse(row!.collectionIds)).toEqual(await collectionGids(productId));
    expect(JSON.parse(row!.collectionIds)).toHaveLength(260);
  });

  it("retries when the Admin API fails, leaving the index as the webhook left it", async () => {
    const productId = await newProduct({ title: "Rooibos", tags: ["tea"], collections: ["Teas"] });
    await deliver("products/create", latest("products/create"));
    await control("/admin-faults", { faults: [{ field: "product", mode: "server-error", times: 1 }] }, "PUT");
    await runJobs();
    expect(await job(productId)).toMatchObject({ status: "queued", attempts: 1 });
    expect(JSON.parse((await facts(productId))!.collectionIds)).toEqual([]);
    await db.job.updateMany({ where: { shop }, data: { runAt: new Date() } });
    await runJobs();
    expect(JSON.parse((await facts(productId))!.collectionIds)).toEqual(await collectionGids(productId));
  });
});
