import path from "node:path";
import { describe, expect, it } from "vitest";
import type { LoyaltyResponse } from "../../shared/contract";
import { createI18n } from "../../host/i18n";
import { localeFiles } from "../../host/testing";
import { MEMBER, SILVER_MEMBER, TIERS } from "./fake-storefront";
import { vipCard } from "./vip";

const files = localeFiles(path.join(import.meta.dirname, ".."));
const en = createI18n(files, "en");
const program = (over: Partial<LoyaltyResponse["program"]> = {}): LoyaltyResponse["program"] => ({
  pointsName: "points",
  currency: "USD",
  earnRulesSummary: [],
  ...TIERS,
  ...over,
});

describe("vipCard", () => {
  it("is null while the shop has no tiers on", () => {
    expect(vipCard(en, program({ tiers: null, tierMetric: null, tierWindow: null }), MEMBER)).toBeNull();
  });

  it("gives the member's tier with its perks as sentences, and the progress to the next", () => {
    const card = vipCard(en, program(), SILVER_MEMBER)!;
    expect(card.member).toEqual({
      tier: {
        name: "Silver",
        perks: ["3% off every order", "×1.25 points", "Free shipping over $50.00", "100 points when you reach it"],
      },
      next: { text: "Spend $380.00 more to reach Gold", label: "Progress to Gold", percent: 24 },
    });
  });

  it("lists every tier with what reaches it and what it gives, marking the member's", () => {
    const card = vipCard(en, program(), SILVER_MEMBER)!;
    expect(card.tiers).toEqual([
      { id: "bronze", name: "Bronze", threshold: "Every member", perks: "", current: false },
      {
        id: "silver",
        name: "Silver",
        threshold: "Spend $500.00",
        perks: "3% off every order, ×1.25 points, free shipping over $50.00, 100 points when you reach it",
        current: true,
      },
      {
        id: "gold",
        name: "Gold",
        threshold: "Spend $1,000.00",
        perks: "5% off every order, ×1.5 points, free shipping on every order, 250 points when you reach it",
        current: false,
      },
    ]);
    expect(card.basis).toBe("Counted over the last 12 months.");
  });

  it("words progress and thresholds by the ladder's metric", () => {
    const byOrders = program({
      tierMetric: "orders",
      tierWindow: "calendarYear",
      tiers: TIERS.tiers!.map((t, i) => ({ ...t, threshold: [0, 3, 10][i]! })),
    });
    const member = { ...SILVER_MEMBER, nextTier: { id: "gold", name: "Gold", threshold: 10, needed: 2 }, progress: 71 };
    const card = vipCard(en, byOrders, member)!;
    expect(card.member?.next?.text).toBe("2 more orders to reach Gold");
    expect(card.tiers.map((t) => t.threshold)).toEqual(["Every member", "Place 3 orders", "Place 10 orders"]);
    expect(card.basis).toBe("Counted from 1 January each year.");
  });

  it("has no member part for a guest, and no tier for a member below the first", () => {
    expect(vipCard(en, program(), null)?.member).toBeNull();
    const below = {
      ...MEMBER,
      tier: null,
      nextTier: { id: "bronze", name: "Bronze", threshold: 200, needed: 150 },
      progress: 25,
    };
    const card = vipCard(en, program({ tierMetric: "points" }), below)!;
    expect(card.member).toEqual({
      tier: null,
      next: { text: "Earn 150 more points to reach Bronze", label: "Progress to Bronze", percent: 25 },
    });
    expect(card.tiers.every((t) => !t.current)).toBe(true);
  });

  it("has no progress at the top tier", () => {
    const top = { ...SILVER_MEMBER, nextTier: null, progress: 100 };
    expect(vipCard(en, program(), top)?.member?.next).toBeNull();
  });

  it("speaks Russian", () => {
    const card = vipCard(createI18n(files, "ru"), program(), SILVER_MEMBER)!;
    expect(card.member?.tier?.perks[0]).toBe("Скидка 3% на каждый заказ");
    expect(card.member?.next?.label).toBe("Прогресс до уровня «Gold»");
    expect(card.tiers[0]!.threshold).toBe("Все участники");
  });
});
