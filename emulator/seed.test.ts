import { describe, expect, it } from "vitest";
import { TEST_APP_CONFIG } from "./testing.ts";
import { seedDemoShop } from "./seed.ts";
import { Store } from "./state/store.ts";

const app = TEST_APP_CONFIG;
const now = new Date("2026-11-01T00:00:00Z");

function seeded() {
  const store = new Store(app, () => now);
  const shop = store.createShop({ name: "Laurel Demo Store" });
  return { shop, summary: seedDemoShop(store, shop, { now }) };
}

describe("seedDemoShop", () => {
  it("makes a shop with products, 50 customers and months of orders", () => {
    const { shop, summary } = seeded();
    expect(shop.domain).toBe("laurel-demo-store.myshopify.com");
    expect(summary).toMatchObject({ products: 8, customers: 50 });
    expect(summary.orders).toBeGreaterThan(50);
    const orders = [...shop.orders.values()];
    expect(orders.some((o) => o.refunds.length > 0)).toBe(true);
    expect(orders.some((o) => o.cancelledAt !== null)).toBe(true);
    const oldest = Math.min(...orders.map((o) => o.createdAt.getTime()));
    expect(now.getTime() - oldest).toBeGreaterThan(60 * 86_400_000);
    expect([...shop.customers.values()].some((c) => c.locale === "ru")).toBe(true);
  });

  it("is the same shop every time", () => {
    const a = seeded();
    const b = seeded();
    expect(b.summary).toEqual(a.summary);
    expect([...b.shop.orders.values()].map((o) => o.createdAt.toISOString())).toEqual(
      [...a.shop.orders.values()].map((o) => o.createdAt.toISOString()),
    );
  });
});
