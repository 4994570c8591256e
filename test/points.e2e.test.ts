// Issue 4's acceptance, through the emulator's control API and the production build: a customer
// buys, half is refunded, the order is then cancelled, while deliveries are duplicated and
// reordered; the ledger and the balance end exactly as a person would compute them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulatedApp, type EmulatedApp } from "./emulated-app";

let t: EmulatedApp;
beforeAll(async () => {
  t = await startEmulatedApp({ env: { LAUREL_DEMO: "1" }, webhooks: { msPerMinute: 2, reorderWindowMs: 50 } });
});
afterAll(() => t?.close());

const control = (pathname: string, body?: unknown, method?: string) => t.control(pathname, body, method);

/** The customer's points metafield as the emulator holds it. */
async function pointsMetafield(customerGid: string): Promise<string | undefined> {
  const state = await control("/shops/points-shop/state");
  const customer = state.customers.find((c: { gid: string }) => c.gid === customerGid);
  return customer?.metafields.find((m: { namespace: string; key: string }) => m.key === "points")?.value;
}

const settle = async () => {
  await t.emulator.webhooks.idle();
  expect(t.emulator.webhooks.deliveries.filter((d) => d.state !== "delivered")).toEqual([]);
};

describe("points through the emulator", () => {
  it("a purchase, a half refund and a cancellation, with duplicated and reordered deliveries", async () => {
    const shop = await control("/shops", { name: "Points Shop" });
    expect(shop.appOpened).toBe(true);
    await control("/faults", { duplicate: true, reorder: true }, "PUT");

    const customer = await control("/shops/points-shop/customers", { email: "ana@example.com", firstName: "Ana" });
    const order = await control("/shops/points-shop/orders", {
      customerId: customer.id,
      lineItems: [{ title: "Tea", price: "25.00", quantity: 2 }],
      shippingPrice: "5.00",
      paid: true,
    });
    await settle();
    const member = await t.db.member.findUniqueOrThrow({
      where: { shop_customerId: { shop: "points-shop.myshopify.com", customerId: customer.gid } },
    });
    // 100 for signing up, 50 for 50.00 of tea (shipping earns nothing by default).
    expect(member).toMatchObject({ available: 150, pending: 0, lifetimeEarned: 150, email: "ana@example.com" });
    await expect.poll(() => pointsMetafield(customer.gid), { timeout: 5000 }).toBe("150");

    await control(`/shops/points-shop/orders/${order.id}/refunds`, {
      lineItems: [{ lineItemId: order.lineItems[0].id, quantity: 1 }],
    });
    await control(`/shops/points-shop/orders/${order.id}/cancel`, {});
    await settle();

    const entries = await t.db.ledgerEntry.findMany({ where: { memberId: member.id }, orderBy: { createdAt: "asc" } });
    const byReason = (reason: string) =>
      entries.filter((e) => e.reason === reason).reduce((sum, e) => sum + e.available, 0);
    expect([byReason("earn_action"), byReason("earn_purchase")]).toEqual([100, 50]);
    // Whichever of the refund and the cancellation arrived first, together they take back 50.
    expect(byReason("refund_reversal") + byReason("cancel_reversal")).toBe(-50);
    expect(entries.every((e) => e.shortfall === 0)).toBe(true);
    expect(new Set(entries.map((e) => e.key)).size).toBe(entries.length);
    const after = await t.db.member.findUniqueOrThrow({ where: { id: member.id } });
    expect(after).toMatchObject({ available: 100, pending: 0, lifetimeEarned: 100 });
    expect(entries.reduce((sum, e) => sum + e.available, 0)).toBe(after.available);
    // The balance reaches Shopify within seconds, as customer metafields with definitions.
    await expect.poll(() => pointsMetafield(customer.gid), { timeout: 5000 }).toBe("100");
    const state = await control("/shops/points-shop/state");
    expect(state.metafieldDefinitions).toEqual(
      expect.arrayContaining([
        { ownerType: "CUSTOMER", namespace: "app--7000001--loyalty", key: "points", type: "number_integer" },
        { ownerType: "CUSTOMER", namespace: "app--7000001--loyalty", key: "member", type: "json" },
      ]),
    );
    const synced = JSON.parse(
      state.customers.find((c: any) => c.gid === customer.gid).metafields.find((m: any) => m.key === "member").value,
    );
    expect(synced).toEqual({ points: 100, pending: 0, lifetimeEarned: 100, lifetimeRedeemed: 0, tier: null });
  });

  it("awards the newsletter bonus once when a customer subscribes", async () => {
    const customer = await control("/shops/points-shop/customers", { email: "mia@example.com", firstName: "Mia" });
    await settle();
    const balance = async () =>
      (
        await t.db.member.findUnique({
          where: { shop_customerId: { shop: "points-shop.myshopify.com", customerId: customer.gid } },
        })
      )?.available;
    await expect.poll(balance, { timeout: 5000 }).toBe(100);
    await control(`/shops/points-shop/customers/${customer.id}`, { acceptsMarketing: true }, "PATCH");
    await expect.poll(balance, { timeout: 5000 }).toBe(150);
    await control(`/shops/points-shop/customers/${customer.id}`, { firstName: "Mia B." }, "PATCH");
    await settle();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await balance()).toBe(150);
  });

  it("applies a collection bonus from the catalog index the worker keeps", async () => {
    await control("/shops", { name: "Catalog Shop", openApp: false });
    const tea = await control("/shops/catalog-shop/products", {
      title: "Sencha",
      price: "20.00",
      collections: ["Teas"],
      tags: ["Organic"],
    });
    // The merchant opens the app: it installs, and the worker indexes the catalog.
    expect((await control("/shops/catalog-shop/open", {})).appOpened).toBe(true);
    const facts = () =>
      t.db.productFacts.findUnique({
        where: { shop_productId: { shop: "catalog-shop.myshopify.com", productId: tea.gid } },
      });
    // products/create writes the tags at once; the worker adds the collections from the Admin API.
    await expect.poll(async () => (await facts())?.tags, { timeout: 5000 }).toBe('["Organic"]');
    await expect.poll(async () => JSON.parse((await facts())?.collectionIds ?? "[]").length, { timeout: 5000 }).toBe(1);
    const [teas] = JSON.parse((await facts())!.collectionIds) as string[];

    // Double points on the Teas collection, from a rules version in force before the order.
    const current = await t.db.earnRuleVersion.findFirstOrThrow({ where: { shop: "catalog-shop.myshopify.com" } });
    const rules = JSON.parse(current.rules);
    rules.bonuses = [
      { id: "teas-x2", match: { productIds: [], collectionIds: [teas], tags: [] }, kind: "multiplier", value: 200 },
    ];
    await t.db.earnRuleVersion.create({
      data: { shop: current.shop, version: 2, activeFrom: new Date(Date.now() - 1000), rules: JSON.stringify(rules) },
    });

    const customer = await control("/shops/catalog-shop/customers", { email: "ola@example.com" });
    await control("/shops/catalog-shop/orders", {
      customerId: customer.id,
      lineItems: [{ variantId: tea.variants[0].id, quantity: 1 }],
      paid: true,
    });
    await settle();
    const purchase = await t.db.ledgerEntry.findFirstOrThrow({
      where: { shop: "catalog-shop.myshopify.com", reason: "earn_purchase" },
    });
    expect(purchase.available).toBe(40);
  });

  it("records the same story entry by entry when deliveries arrive in order", async () => {
    await control("/faults", {}, "PUT");
    const customer = await control("/shops/points-shop/customers", { email: "ivan@example.com", firstName: "Иван" });
    const order = await control("/shops/points-shop/orders", {
      customerId: customer.id,
      lineItems: [
        { title: "Teapot", price: "48.00", quantity: 1 },
        { title: "Honey", price: "9.50", quantity: 2 },
      ],
      paid: true,
    });
    await settle();
    await control(`/shops/points-shop/orders/${order.id}/refunds`, {
      lineItems: [{ lineItemId: order.lineItems[1].id, quantity: 1 }],
    });
    await settle();
    // Cancelled without refunding the rest (Shopify allows it): the cancellation itself takes the
    // remaining points back. (Cancelling with a refund would take them back through the refund.)
    await control(`/shops/points-shop/orders/${order.id}/cancel`, { refund: false });
    await settle();
    const member = await t.db.member.findUniqueOrThrow({
      where: { shop_customerId: { shop: "points-shop.myshopify.com", customerId: customer.gid } },
    });
    const entries = await t.db.ledgerEntry.findMany({ where: { memberId: member.id }, orderBy: { createdAt: "asc" } });
    // 67.00 earns 67; refunding 9.50 of it takes back floor(67 × 9.50 / 67.00) = 9; cancelling, the other 58.
    expect(entries.map((e) => [e.reason, e.available, e.key])).toEqual([
      ["earn_action", 100, `signup:${customer.gid}`],
      ["earn_purchase", 67, `earn:${order.gid}`],
      ["refund_reversal", -9, expect.stringMatching(/^refund:\d+$/)],
      ["cancel_reversal", -58, `cancel:${order.gid}`],
    ]);
    expect(member).toMatchObject({ available: 100, lifetimeEarned: 100 });
  });
});
