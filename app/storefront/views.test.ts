import { describe, expect, it } from "vitest";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { ladderView, memberTierView, tierAmount, tierView } from "./views";

/** Bronze from 0, Silver from $500 (×1.25, 3% off), Gold from $1,000 (×1.5, 5% off, free shipping). */
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });

describe("tierAmount", () => {
  it.each([
    ["spend", 50_000, "USD", "500.00"],
    ["spend", 12_345, "USD", "123.45"],
    ["spend", 500, "JPY", "500"],
    ["points", 300, "USD", 300],
    ["orders", 2, "USD", 2],
  ] as const)("%s %d in %s is %j", (metric, value, currency, expected) => {
    expect(tierAmount(metric, value, currency)).toBe(expected);
  });
});

describe("tierView", () => {
  it("names the tier in the shopper's language and carries free shipping as money", () => {
    const gold = ladder().tiers[2]!;
    expect(tierView(gold, "en", "USD")).toEqual({
      id: "gold",
      name: "Gold",
      perks: { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 },
    });
    expect(tierView(gold, "ru", "USD").name).toBe("Золото");
  });

  it("says null for no free shipping, and a threshold in the currency's decimals", () => {
    const [bronze, silver] = ladder().tiers;
    expect(tierView(bronze!, "en", "USD").perks.freeShippingOver).toBeNull();
    const over = { ...silver!, perks: { ...silver!.perks, freeShippingOver: 5_000 } };
    expect(tierView(over, "en", "USD").perks.freeShippingOver).toBe("50.00");
    expect(tierView(over, "en", "JPY").perks.freeShippingOver).toBe("5000");
  });
});

describe("ladderView", () => {
  it("lists the tiers lowest first, with thresholds in the metric's unit", () => {
    const view = ladderView(ladder(), "ru", "USD");
    expect(view.tierMetric).toBe("spend");
    expect(view.tierWindow).toBe("rolling12");
    expect(view.tiers?.map((t) => [t.id, t.name, t.threshold])).toEqual([
      ["bronze", "Бронза", "0.00"],
      ["silver", "Серебро", "500.00"],
      ["gold", "Золото", "1000.00"],
    ]);
    expect(view.tiers?.[1]?.perks).toEqual({
      earnMultiplier: 125,
      discountPercent: 3,
      freeShippingOver: null,
      entryBonus: 100,
    });
  });

  it("counts points as integers", () => {
    const view = ladderView(ladder({ metric: "points", window: "lifetime" }), "en", "USD");
    expect(view.tiers?.map((t) => t.threshold)).toEqual([0, 50_000, 100_000]);
    expect(view.tierWindow).toBe("lifetime");
  });

  it("is all null while the ladder is off or missing", () => {
    const off = { tiers: null, tierMetric: null, tierWindow: null };
    expect(ladderView(ladder({ enabled: false }), "en", "USD")).toEqual(off);
    expect(ladderView(null, "en", "USD")).toEqual(off);
  });
});

describe("memberTierView", () => {
  it("shows the held tier, the next one, how much more and the progress", () => {
    expect(memberTierView(ladder(), "silver", 62_000, "en", "USD")).toEqual({
      tier: {
        id: "silver",
        name: "Silver",
        perks: { earnMultiplier: 125, discountPercent: 3, freeShippingOver: null, entryBonus: 100 },
      },
      nextTier: { id: "gold", name: "Gold", threshold: "1000.00", needed: "380.00" },
      progress: 24,
    });
  });

  it("puts a member not yet placed on the free lowest tier", () => {
    const view = memberTierView(ladder(), null, 10_000, "ru", "USD");
    expect(view.tier?.name).toBe("Бронза");
    expect(view.nextTier).toMatchObject({ id: "silver", name: "Серебро", needed: "400.00" });
    expect(view.progress).toBe(20);
  });

  it("keeps a member's tier above what they reach now (before their review), measuring from it", () => {
    const view = memberTierView(ladder(), "gold", 20_000, "en", "USD");
    expect(view.tier?.id).toBe("gold");
    expect(view.nextTier).toBeNull();
    expect(view.progress).toBe(100);
  });

  it("with no free lowest tier, has no tier yet and counts towards the first", () => {
    const base = ladder({ metric: "orders" });
    const tiers = base.tiers.map((t, i) => ({ ...t, threshold: [2, 5, 10][i]! }));
    const view = memberTierView({ ...base, tiers }, null, 1, "en", "USD");
    expect(view).toEqual({
      tier: null,
      nextTier: { id: "bronze", name: "Bronze", threshold: 2, needed: 1 },
      progress: 50,
    });
  });

  it("is null everywhere while tiers are off", () => {
    const none = { tier: null, nextTier: null, progress: null };
    expect(memberTierView(ladder({ enabled: false }), "gold", 0, "en", "USD")).toEqual(none);
    expect(memberTierView(null, null, 0, "en", "USD")).toEqual(none);
  });
});
