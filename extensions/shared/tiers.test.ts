import path from "node:path";
import { describe, expect, it } from "vitest";
import { createI18n } from "../host/i18n";
import { localeFiles } from "../host/testing";
import type { TierPerksView } from "./contract";
import {
  formatMultiplier,
  formatTierAmount,
  perkPhrases,
  perksLine,
  progressText,
  sentence,
  thresholdText,
  TIER_METRICS,
  TIER_WINDOWS,
  windowText,
} from "./tiers";

const account = localeFiles(path.join(import.meta.dirname, "..", "loyalty-account"));
const checkout = localeFiles(path.join(import.meta.dirname, "..", "loyalty-checkout"));
/** Intl's spaces (no-break, narrow no-break) as plain ones, for readable expectations. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, " ");

const GOLD: TierPerksView = { earnMultiplier: 150, discountPercent: 5, freeShippingOver: "0.00", entryBonus: 250 };
const NONE: TierPerksView = { earnMultiplier: 100, discountPercent: 0, freeShippingOver: null, entryBonus: 0 };

describe("perks", () => {
  const en = createI18n(account, "en");
  const ru = createI18n(account, "ru");

  it("writes the multiplier as the locale writes decimals", () => {
    expect(formatMultiplier(en, 150)).toBe("×1.5");
    expect(formatMultiplier(en, 200)).toBe("×2");
    expect(formatMultiplier(en, 125)).toBe("×1.25");
    expect(formatMultiplier(ru, 150)).toBe("×1,5");
  });

  it("lists what a tier gives, the entry bonus last", () => {
    expect(perkPhrases(en, GOLD, "USD")).toEqual([
      "5% off every order",
      "×1.5 points",
      "free shipping on every order",
      "250 points when you reach it",
    ]);
    expect(perkPhrases(ru, GOLD, "USD")).toEqual([
      "скидка 5% на каждый заказ",
      "баллы ×1,5",
      "бесплатная доставка на все заказы",
      "250 баллов при переходе на уровень",
    ]);
  });

  it("says free shipping over an amount in the shop's currency, and leaves out what a tier doesn't give", () => {
    const perks = { ...NONE, freeShippingOver: "50.00" };
    expect(perkPhrases(en, perks, "USD")).toEqual(["free shipping over $50.00"]);
    expect(perkPhrases(en, perks, "EUR").map(plain)).toEqual(["free shipping over €50.00"]);
    expect(perkPhrases(ru, perks, "USD").map(plain)).toEqual(["бесплатная доставка от 50,00 $"]);
    expect(perkPhrases(en, NONE, "USD")).toEqual([]);
  });

  it("can leave the entry bonus out, for a member who already has the tier", () => {
    expect(perkPhrases(en, { ...NONE, entryBonus: 100 }, "USD", { entryBonus: false })).toEqual([]);
  });

  it("capitalizes a phrase for a list, in either language", () => {
    expect(sentence("free shipping on every order")).toBe("Free shipping on every order");
    expect(sentence("скидка 5%")).toBe("Скидка 5%");
    expect(sentence("×1.5 points")).toBe("×1.5 points");
  });
});

describe("the checkout's perks line", () => {
  it("names the tier and what it gives at checkout, in both languages", () => {
    expect(perksLine(createI18n(checkout, "en"), "Gold", GOLD, "USD")).toBe(
      "Gold: 5% off every order, ×1.5 points, free shipping on every order",
    );
    expect(perksLine(createI18n(checkout, "ru"), "Золото", GOLD, "USD")).toBe(
      "Золото: скидка 5% на каждый заказ, баллы ×1,5, бесплатная доставка на все заказы",
    );
  });

  it("is null for a tier that gives nothing at checkout", () => {
    expect(perksLine(createI18n(checkout, "en"), "Bronze", { ...NONE, entryBonus: 50 }, "USD")).toBeNull();
  });
});

describe("amounts of the ladder's metric", () => {
  const en = createI18n(account, "en");
  const ru = createI18n(account, "ru");

  it.each([
    ["spend", "120.00", "$120.00"],
    ["points", 300, "300 points"],
    ["points", 1, "1 point"],
    ["orders", 2, "2 orders"],
    ["orders", 1, "1 order"],
  ] as const)("%s %j is %s", (metric, amount, expected) => {
    expect(formatTierAmount(en, metric, amount, "USD")).toBe(expected);
  });

  it("has Russian plural forms", () => {
    expect(formatTierAmount(ru, "orders", 2, "USD")).toBe("2 заказа");
    expect(formatTierAmount(ru, "orders", 5, "USD")).toBe("5 заказов");
    expect(formatTierAmount(ru, "points", 21, "USD")).toBe("21 балл");
  });

  it("says what reaches a tier, and that a free one is every member's", () => {
    expect(thresholdText(en, "spend", "500.00", "USD")).toBe("Spend $500.00");
    expect(thresholdText(en, "points", 500, "USD")).toBe("Earn 500 points");
    expect(thresholdText(en, "orders", 3, "USD")).toBe("Place 3 orders");
    expect(thresholdText(en, "spend", "0.00", "USD")).toBe("Every member");
    expect(thresholdText(ru, "orders", 3, "USD")).toBe("Сделайте 3 заказа");
    expect(thresholdText(ru, "points", 0, "USD")).toBe("Все участники");
  });

  it("says how far the next tier is, by the metric", () => {
    expect(progressText(en, "spend", "120.00", "Gold", "USD")).toBe("Spend $120.00 more to reach Gold");
    expect(progressText(en, "points", 300, "Gold", "USD")).toBe("Earn 300 more points to reach Gold");
    expect(progressText(en, "points", 1, "Gold", "USD")).toBe("Earn 1 more point to reach Gold");
    expect(progressText(en, "orders", 2, "Gold", "USD")).toBe("2 more orders to reach Gold");
    expect(progressText(en, "orders", 1, "Gold", "USD")).toBe("1 more order to reach Gold");
    expect(plain(progressText(ru, "spend", "120.00", "Золото", "USD"))).toBe(
      "Потратьте ещё 120,00 $, чтобы получить уровень «Золото»",
    );
    expect(progressText(ru, "points", 3, "Золото", "USD")).toBe(
      "Накопите ещё 3 балла, чтобы получить уровень «Золото»",
    );
    expect(progressText(ru, "orders", 5, "Золото", "USD")).toBe("Ещё 5 заказов до уровня «Золото»");
  });

  it("writes large counts with the locale's grouping", () => {
    expect(progressText(en, "points", 12_500, "Gold", "USD")).toBe("Earn 12,500 more points to reach Gold");
  });
});

describe.each(["en", "ru"])("every tier phrase in %s", (locale) => {
  const i18n = createI18n(account, locale);
  it.each(TIER_METRICS)("is translated for %s", (metric) => {
    const amount = metric === "spend" ? "10.00" : 10;
    for (const text of [
      thresholdText(i18n, metric, amount, "USD"),
      progressText(i18n, metric, amount, "Gold", "USD"),
      formatTierAmount(i18n, metric, amount, "USD"),
    ])
      expect(text).not.toMatch(/tiers\.|\{\{/);
  });
  it.each(TIER_WINDOWS)("is translated for the %s window", (window) => {
    expect(windowText(i18n, window)).not.toMatch(/tiers\.|\{\{/);
  });
});
