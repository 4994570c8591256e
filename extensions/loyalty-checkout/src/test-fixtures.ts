// Shared by the checkout extension's tests (never bundled: nothing the extension runs imports
// it): the catalog and member documents as Laurel publishes them, and the metafield entries the
// host hands over.
import type { AppMetafieldEntry } from "@shopify/ui-extensions/checkout";

export const REWARDS = {
  currency: "USD",
  pointsName: { en: "points", ru: "баллы" },
  rewards: [
    reward("r-amount", "Amount off your order", "Скидка на заказ", "amount_off", 500, {
      kind: "amount",
      amount: "5.00",
      currency: "USD",
    }),
    reward("r-percent", "10% off your order", "Скидка 10%", "percent_off", 1000, {
      kind: "percentage",
      percent: 10,
      cap: null,
    }),
    reward("r-shipping", "Free shipping", "Бесплатная доставка", "free_shipping", 300, {
      kind: "free_shipping",
      maxShippingRate: null,
    }),
    {
      ...reward("r-capped", "15% off, up to 20.00", "Скидка 15%, до 20.00", "percent_off", 800, {
        kind: "percentage",
        percent: 15,
        cap: "20.00",
      }),
      checkoutOnly: true,
    },
    {
      ...reward("r-cash", "Pay with points", "Оплата баллами", "points_for_cash", 100, {
        kind: "points_for_cash",
        pointsStep: 100,
        stepValue: "1.00",
        maxPercentOfSubtotal: 50,
        currency: "USD",
      }),
      checkoutOnly: true,
    },
    reward("r-tea", "A free tea sampler", "Чайный набор в подарок", "free_product", 900, {
      kind: "free_product",
      amount: null,
      currency: "USD",
      variantId: "gid://shopify/ProductVariant/1004",
    }),
  ],
};

function reward(id: string, en: string, ru: string, type: string, cost: number, value: object) {
  return {
    id,
    title: { en, ru },
    type,
    cost,
    value,
    minimumSubtotal: null as string | null,
    checkoutOnly: false,
    startsAt: null as string | null,
    endsAt: null as string | null,
    limitPerMember: null as number | null,
  };
}

export const MEMBER = { points: 815, pending: 0, lifetimeEarned: 1615, lifetimeRedeemed: 800 };

/** The shop's tiers as the catalog carries them, and a member's tier as the member document names it. */
export const TIERS = [
  {
    id: "silver",
    name: { en: "Silver", ru: "Серебро" },
    perks: { earnMultiplier: 125, discountPercent: 3, freeShippingOver: "50.00", entryBonus: 100 },
  },
  {
    id: "gold",
    name: { en: "Gold", ru: "Золото" },
    perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 },
  },
];
export const GOLD_TIER = { id: "gold", name: { en: "Gold", ru: "Золото" } };

export const CUSTOMER_ID = "gid://shopify/Customer/7";

export function metafields(options: { member?: object | string | null; rewards?: object | string | null } = {}) {
  const entries: AppMetafieldEntry[] = [];
  const json = (v: object | string) => (typeof v === "string" ? v : JSON.stringify(v));
  const entry = (type: "customer" | "shop", id: string, key: string, value: string): AppMetafieldEntry => ({
    target: { type, id },
    metafield: { namespace: "$app:loyalty", key, value, valueType: "json_string", type: "json" },
  });
  const member = options.member === undefined ? MEMBER : options.member;
  const rewards = options.rewards === undefined ? REWARDS : options.rewards;
  if (member !== null) entries.push(entry("customer", CUSTOMER_ID, "member", json(member)));
  if (rewards !== null) entries.push(entry("shop", "gid://shopify/Shop/1", "rewards", json(rewards)));
  return entries;
}
