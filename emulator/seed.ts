// A demo shop with some life in it: a tea shop's products, customers (English and Russian
// speakers) and a few months of orders, some refunded or cancelled. Deterministic: the same seed
// gives the same shop, so screenshots and numbers stay comparable from run to run.
import { toMinor } from "./state/money.ts";
import type { Store } from "./state/store.ts";
import type { ShopRecord } from "./state/types.ts";

/** mulberry32: a tiny seeded PRNG (tests and demos need repeatable "randomness"). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PRODUCTS = [
  { title: "Sencha Green Tea", price: "14.00", collections: ["Teas"] },
  { title: "Earl Grey", price: "12.50", collections: ["Teas"] },
  { title: "Tea Sampler", price: "35.00", collections: ["Teas", "Gifts"] },
  { title: "Ceramic Teapot", price: "48.00", collections: ["Teaware"] },
  { title: "Matcha Whisk", price: "22.00", collections: ["Teaware"] },
  { title: "Travel Mug", price: "18.00", collections: ["Teaware"] },
  { title: "Wildflower Honey", price: "9.50", collections: ["Pantry"] },
  { title: "Gift Card", price: "25.00", collections: ["Gifts"], giftCard: true },
];

const PEOPLE = [
  ["Olivia", "Bennett", "en"],
  ["Liam", "Carter", "en"],
  ["Emma", "Hughes", "en"],
  ["Noah", "Foster", "en"],
  ["Ava", "Griffin", "en"],
  ["Mason", "Reed", "en"],
  ["Sophia", "Price", "en"],
  ["Lucas", "Ward", "en"],
  ["Mia", "Brooks", "en"],
  ["Ethan", "Sanders", "en"],
  ["Анна", "Смирнова", "ru"],
  ["Иван", "Петров", "ru"],
  ["Мария", "Кузнецова", "ru"],
  ["Дмитрий", "Соколов", "ru"],
  ["Елена", "Попова", "ru"],
  ["Сергей", "Лебедев", "ru"],
] as const;

export interface SeedOptions {
  customers?: number;
  months?: number;
  seed?: number;
  now?: Date;
}

export function seedDemoShop(store: Store, shop: ShopRecord, options: SeedOptions = {}) {
  const rand = random(options.seed ?? 2026);
  const now = options.now ?? new Date();
  const months = options.months ?? 4;
  const start = new Date(now.getTime() - months * 30 * 86_400_000);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const between = (from: Date, to: Date) => new Date(from.getTime() + rand() * (to.getTime() - from.getTime()));

  const variants = PRODUCTS.map((p) => {
    const product = store.createProduct(shop, {
      title: p.title,
      price: p.price,
      collections: p.collections,
      variants: [{ price: p.price, giftCard: p.giftCard ?? false }],
    });
    return { id: product.variantIds[0]!, giftCard: Boolean(p.giftCard), price: p.price };
  });

  let orders = 0;
  for (let i = 0; i < (options.customers ?? 50); i++) {
    const [firstName, lastName, locale] = PEOPLE[i % PEOPLE.length]!;
    const joined = between(start, new Date(now.getTime() - 86_400_000));
    const customer = store.createCustomer(shop, {
      firstName,
      lastName,
      email: `customer${i + 1}@example.com`,
      locale,
      acceptsMarketing: rand() < 0.4,
      createdAt: joined.toISOString(),
    });
    // Most customers order a few times, some never, a few often.
    const count = Math.floor(rand() * rand() * 9) + (rand() < 0.6 ? 1 : 0);
    for (let n = 0; n < count; n++) {
      const lines = 1 + Math.floor(rand() * 3);
      const lineItems = Array.from({ length: lines }, () => ({
        variantId: pick(variants).id,
        quantity: 1 + Math.floor(rand() * 2),
      }));
      const subtotal = lineItems.reduce(
        (sum, l) => sum + toMinor(variants.find((v) => v.id === l.variantId)!.price, shop.currency) * l.quantity,
        0,
      );
      const order = store.createOrder(shop, {
        customerId: customer.id,
        lineItems,
        // Free shipping from 50 in the shop's currency, as many shops do.
        shippingPrice: subtotal < toMinor("50", shop.currency) ? "5.00" : undefined,
        paid: true,
        createdAt: between(joined, now).toISOString(),
      });
      orders += 1;
      const fate = rand();
      if (fate < 0.05) {
        const line = order.lineItems[0]!;
        store.refund(shop, order.id, { lineItems: [{ lineItemId: line.id, quantity: 1 }] });
      } else if (fate < 0.08) {
        store.cancel(shop, order.id, { reason: "customer" });
      }
    }
  }
  return { products: variants.length, customers: options.customers ?? 50, orders };
}
