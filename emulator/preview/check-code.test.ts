import { beforeEach, describe, expect, it } from "vitest";
import { Store } from "../state/store.ts";
import type { CodeDiscount, ShopRecord } from "../state/types.ts";
import { TEST_APP_CONFIG } from "../testing.ts";
import { checkCode, REFUSALS, type CodeCheck } from "./check-code.ts";

const NOW = new Date("2026-03-01T12:00:00Z");
let store: Store;
let shop: ShopRecord;
let ana: number;

function discount(overrides: Partial<CodeDiscount> = {}): CodeDiscount {
  const id = store.nextId(shop);
  const record: CodeDiscount = {
    id,
    kind: "basic",
    title: "Reward",
    codes: [{ id: store.nextId(shop), code: "LAUREL-ABC", usageCount: 0 }],
    startsAt: new Date("2026-01-01T00:00:00Z"),
    endsAt: null,
    customerIds: [ana],
    segmentIds: null,
    usageLimit: 1,
    appliesOncePerCustomer: true,
    value: { kind: "amount", amount: 500, appliesOnEachItem: false },
    items: { all: true },
    minimumRequirement: null,
    maximumShippingPrice: null,
    combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
    bxgy: null,
    createdAt: NOW,
    updatedAt: NOW,
    ...overrides,
  };
  shop.codeDiscounts.set(id, record);
  return record;
}

const check = (overrides: Partial<CodeCheck> = {}) =>
  checkCode(shop, {
    code: "laurel-abc",
    customerId: ana,
    subtotal: 2000,
    quantity: 1,
    at: NOW,
    inSegments: () => false,
    ...overrides,
  });

beforeEach(() => {
  store = new Store(TEST_APP_CONFIG, () => NOW);
  shop = store.createShop({ name: "Acme" });
  ana = store.createCustomer(shop, { email: "ana@example.com" }).id;
});

describe("checkCode", () => {
  it("applies a live code locked to the customer, in any letter case", () => {
    discount();
    expect(check()).toBeNull();
  });

  it("refuses an unknown code", () => {
    expect(check({ code: "NOPE" })).toBe(REFUSALS.unknown);
  });

  it("refuses a code before it starts and after it ends", () => {
    discount({ startsAt: new Date("2026-04-01T00:00:00Z") });
    expect(check()).toBe(REFUSALS.inactive);
    shop.codeDiscounts.clear();
    discount({ endsAt: new Date("2026-02-01T00:00:00Z") });
    expect(check()).toBe(REFUSALS.expired);
  });

  it("refuses a code whose uses are spent", () => {
    discount({ codes: [{ id: 1, code: "LAUREL-ABC", usageCount: 1 }] });
    expect(check()).toBe(REFUSALS.usedUp);
  });

  it("asks a guest to log in and refuses another customer", () => {
    discount();
    expect(check({ customerId: null })).toBe(REFUSALS.signIn);
    const bob = store.createCustomer(shop, { email: "bob@example.com" }).id;
    expect(check({ customerId: bob })).toBe(REFUSALS.notForYou);
  });

  it("checks segments through the store's rules", () => {
    discount({ customerIds: null, segmentIds: [7] });
    expect(check()).toBe(REFUSALS.notForYou);
    expect(check({ inSegments: (ids) => ids.includes(7) })).toBeNull();
  });

  it("refuses a second use by the same customer", () => {
    const used = discount({ usageLimit: null });
    store.createOrder(shop, {
      customerId: ana,
      lineItems: [{ title: "Tea", price: "20.00", quantity: 1 }],
      discountCodes: ["LAUREL-ABC"],
    });
    expect(shop.codeDiscounts.get(used.id)!.codes[0]!.usageCount).toBe(1);
    expect(check()).toBe(REFUSALS.alreadyUsed);
  });

  it("holds the cart to a minimum subtotal or quantity", () => {
    discount({ minimumRequirement: { subtotal: 2500 } });
    expect(check()).toBe(REFUSALS.minimum);
    expect(check({ subtotal: 2500 })).toBeNull();
    shop.codeDiscounts.clear();
    discount({ minimumRequirement: { quantity: 2 } });
    expect(check()).toBe(REFUSALS.minimum);
    expect(check({ quantity: 2 })).toBeNull();
  });
});
