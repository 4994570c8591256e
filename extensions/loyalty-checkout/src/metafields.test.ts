import { describe, expect, it } from "vitest";
import { localize, parseReward, parseValue, readLoyalty, tierPerksOf } from "./metafields";
import { metafields, REWARDS } from "./test-fixtures";

describe("readLoyalty", () => {
  it("reads the member and the catalog", () => {
    const { member, catalog } = readLoyalty(metafields());
    expect(member).toEqual({ points: 815, pending: 0, lifetimeEarned: 1615, lifetimeRedeemed: 800, tier: null });
    expect(catalog?.currency).toBe("USD");
    expect(catalog?.rewards.map((r) => r.id)).toEqual(REWARDS.rewards.map((r) => r.id));
    expect(catalog?.codePrefix).toBeNull();
  });

  it("accepts an optional tier, named in the merchant's languages", () => {
    const tier = { id: "gold", name: { en: "Gold", ru: "Золото" } };
    expect(readLoyalty(metafields({ member: { points: 5, tier } })).member).toMatchObject({
      points: 5,
      tier,
      pending: 0,
    });
    expect(readLoyalty(metafields({ member: { points: 5, tier: null } })).member?.tier).toBeNull();
  });

  it("counts a tier without an id or a name as none, and keeps the member", () => {
    for (const tier of [
      "Gold",
      { name: { en: "Gold" } },
      { id: "gold" },
      { id: "", name: "Gold" },
      { id: 7, name: "x" },
    ]) {
      expect(readLoyalty(metafields({ member: { points: 5, tier } })).member).toMatchObject({ points: 5, tier: null });
    }
  });

  it("reads the shop's tiers and their perks from the catalog, skipping a bad one", () => {
    const gold = {
      id: "gold",
      name: { en: "Gold", ru: "Золото" },
      perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 },
    };
    const bad = [
      { ...gold, id: "a", perks: { ...gold.perks, earnMultiplier: 50 } },
      { ...gold, id: "b", perks: { ...gold.perks, discountPercent: 101 } },
      { ...gold, id: "c", perks: { ...gold.perks, freeShippingOver: 50 } },
      { ...gold, id: "d", perks: undefined },
      { ...gold, name: undefined },
    ];
    const catalog = readLoyalty(metafields({ rewards: { ...REWARDS, tiers: [...bad, gold] } })).catalog;
    expect(catalog?.tiers).toEqual([gold]);
    expect(readLoyalty(metafields()).catalog?.tiers).toEqual([]);
  });

  it("finds the member's tier's perks in the catalog", () => {
    const gold = {
      id: "gold",
      name: { en: "Gold" },
      perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: null, entryBonus: 0 },
    };
    const catalog = readLoyalty(metafields({ rewards: { ...REWARDS, tiers: [gold] } })).catalog;
    const member = (tier: object | null) => readLoyalty(metafields({ member: { points: 5, tier } })).member!;
    expect(tierPerksOf(member({ id: "gold", name: "Gold" }), catalog)).toEqual(gold.perks);
    expect(tierPerksOf(member({ id: "silver", name: "Silver" }), catalog)).toBeNull();
    expect(tierPerksOf(member(null), catalog)).toBeNull();
    expect(tierPerksOf(member({ id: "gold", name: "Gold" }), null)).toBeNull();
  });

  it("treats bad JSON or a wrong shape as absent", () => {
    expect(readLoyalty(metafields({ member: "{not json", rewards: "[]" }))).toEqual({ member: null, catalog: null });
    expect(readLoyalty(metafields({ member: { points: -1 } })).member).toBeNull();
    expect(readLoyalty(metafields({ member: { points: "815" } })).member).toBeNull();
    expect(readLoyalty(metafields({ rewards: { currency: "USD" } })).catalog).toBeNull();
  });

  it("ignores other namespaces and accepts Shopify's resolved app namespace", () => {
    const entries = metafields();
    const other = entries.map((e) => ({ ...e, metafield: { ...e.metafield, namespace: "custom" } }));
    expect(readLoyalty(other)).toEqual({ member: null, catalog: null });
    const resolved = entries.map((e) => ({ ...e, metafield: { ...e.metafield, namespace: "app--123--loyalty" } }));
    expect(readLoyalty(resolved).member?.points).toBe(815);
  });

  it("skips a bad reward and keeps the rest", () => {
    const rewards = [{ id: "x", title: "Broken", type: "amount_off", cost: 0, value: {} }, REWARDS.rewards[0]];
    expect(readLoyalty(metafields({ rewards: { ...REWARDS, rewards } })).catalog?.rewards).toHaveLength(1);
  });
});

describe("parseReward and parseValue", () => {
  it("reads every value kind of the contract", () => {
    for (const reward of REWARDS.rewards) expect(parseValue(reward.value)).toEqual(reward.value);
  });

  it("refuses values that break the contract", () => {
    expect(parseValue({ kind: "amount", amount: "5", currency: 3 })).toBeNull();
    expect(parseValue({ kind: "amount", amount: 5, currency: "USD" })).toBeNull();
    expect(parseValue({ kind: "percentage", percent: 10 })).toEqual({ kind: "percentage", percent: 10, cap: null });
    expect(parseValue({ kind: "percentage", percent: 10, cap: "lots" })).toBeNull();
    const cash = { kind: "points_for_cash", pointsStep: 100, stepValue: "1.00", currency: "USD" };
    expect(parseValue({ ...cash, maxPercentOfSubtotal: 150 })).toBeNull();
    expect(parseValue({ ...cash, maxPercentOfSubtotal: 50, pointsStep: 0 })).toBeNull();
    expect(parseValue({ kind: "mystery" })).toBeNull();
  });

  it("refuses a type that contradicts its value, and bad dates or minimums", () => {
    const base = REWARDS.rewards[0]!;
    expect(parseReward({ ...base, type: "points_for_cash" })).toBeNull();
    expect(parseReward({ ...base, startsAt: "soon" })).toBeNull();
    expect(parseReward({ ...base, minimumSubtotal: 10 })).toBeNull();
    expect(parseReward({ ...base, minimumSubtotal: "10.00" })?.minimumSubtotal).toBe("10.00");
  });

  it("reads the tiers a reward is limited to, and refuses a reward whose list can't be read", () => {
    const base = REWARDS.rewards[0]!;
    expect(parseReward(base)?.tierIds).toBeNull();
    expect(parseReward({ ...base, tierIds: ["gold", "silver"] })?.tierIds).toEqual(["gold", "silver"]);
    expect(parseReward({ ...base, tierIds: "gold" })).toBeNull();
    expect(parseReward({ ...base, tierIds: [1] })).toBeNull();
  });

  it("takes a points-for-cash reward's cost from its step", () => {
    const cash = REWARDS.rewards.find((r) => r.type === "points_for_cash")!;
    expect(parseReward({ ...cash, cost: 7 })?.cost).toBe(100);
  });
});

describe("localize", () => {
  it("picks the shopper's language, then its base, then English, then any", () => {
    const text = { en: "Free shipping", ru: "Бесплатная доставка" };
    expect(localize(text, "ru-RU")).toBe("Бесплатная доставка");
    expect(localize(text, "ru")).toBe("Бесплатная доставка");
    expect(localize(text, "de")).toBe("Free shipping");
    expect(localize({ fr: "Livraison" }, "de")).toBe("Livraison");
  });
});
