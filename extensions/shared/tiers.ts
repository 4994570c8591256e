// How the extensions put VIP tiers into words: a tier's perks ("5% off every order", "×1.5
// points", "free shipping over $50.00"), what reaches a tier and how far the next one is, by the
// ladder's metric (money spent, points earned or orders placed). The keys live under `tiers.` in
// the locale files of each extension that uses this module (shared/tiers.test.ts renders every
// phrase with each one's files, in both languages).
import type { I18n } from "@shopify/ui-extensions";
import type { TierAmount, TierMetric, TierPerksView, TierWindow } from "./contract";
import { formatMoney, formatPoints } from "./format";

type Words = Pick<I18n, "translate" | "formatNumber" | "formatCurrency" | "formatDate">;

export const TIER_METRICS: readonly TierMetric[] = ["points", "spend", "orders"];
export const TIER_WINDOWS: readonly TierWindow[] = ["rolling12", "calendarYear", "lifetime"];

/** The perks as the API carries them (free shipping over a decimal amount, or null). */
export type Perks = TierPerksView;

/** 150 → "×1.5" (the locale's decimal sign: "×1,5" in Russian). */
export const formatMultiplier = (i18n: Words, percent: number) =>
  `×${i18n.formatNumber(percent / 100, { maximumFractionDigits: 2 })}`;

/** A zero amount ("0.00", "0"): free shipping on every order. */
const isZero = (amount: string) => /^0+(\.0+)?$/.test(amount);

/**
 * The perks that give something, each as a phrase that reads inside a line ("5% off every order",
 * "×1.5 points"); `sentence` starts one with a capital for a list. The entry bonus is left out
 * where the member already has the tier (checkout).
 */
export function perkPhrases(
  i18n: Words,
  perks: Perks,
  currency: string,
  options: { entryBonus?: boolean } = {},
): string[] {
  const phrases: string[] = [];
  if (perks.discountPercent > 0)
    phrases.push(i18n.translate("tiers.perk.discount", { percent: i18n.formatNumber(perks.discountPercent) }));
  if (perks.earnMultiplier > 100)
    phrases.push(i18n.translate("tiers.perk.multiplier", { multiplier: formatMultiplier(i18n, perks.earnMultiplier) }));
  if (perks.freeShippingOver !== null)
    phrases.push(
      isZero(perks.freeShippingOver)
        ? i18n.translate("tiers.perk.free_shipping")
        : i18n.translate("tiers.perk.free_shipping_over", {
            amount: formatMoney(i18n, perks.freeShippingOver, currency),
          }),
    );
  if (options.entryBonus !== false && perks.entryBonus > 0)
    phrases.push(i18n.translate("tiers.perk.entry_bonus", { points: formatPoints(i18n, perks.entryBonus) }));
  return phrases;
}

/** "Gold: 5% off every order, ×1.5 points" (null when the tier gives nothing at checkout). */
export function perksLine(i18n: Words, tier: string, perks: Perks, currency: string): string | null {
  const phrases = perkPhrases(i18n, perks, currency, { entryBonus: false });
  return phrases.length === 0 ? null : i18n.translate("tiers.perks_line", { tier, perks: phrases.join(", ") });
}

/** The first letter in capitals, for a phrase that starts a list item. */
export const sentence = (phrase: string) => phrase.charAt(0).toUpperCase() + phrase.slice(1);

/** An amount of the metric as a count: spend arrives as money, the others as integers. */
const count = (amount: TierAmount) => (typeof amount === "number" ? amount : Number(amount));

/** "$120.00", "300 points", "2 orders". */
export function formatTierAmount(i18n: Words, metric: TierMetric, amount: TierAmount, currency: string): string {
  if (metric === "spend") return formatMoney(i18n, String(amount), currency);
  if (metric === "points") return formatPoints(i18n, count(amount));
  return i18n.translate("tiers.orders", { count: count(amount), orders: i18n.formatNumber(count(amount)) });
}

/** What reaches a tier: "Spend $500.00", "Earn 500 points", "Place 3 orders"; a free tier is every member's. */
export function thresholdText(i18n: Words, metric: TierMetric, threshold: TierAmount, currency: string): string {
  if (count(threshold) === 0) return i18n.translate("tiers.threshold.none");
  return i18n.translate(`tiers.threshold.${metric}`, { amount: formatTierAmount(i18n, metric, threshold, currency) });
}

/** "Spend $120.00 more to reach Gold", "Earn 300 more points to reach Gold", "2 more orders to reach Gold". */
export function progressText(
  i18n: Words,
  metric: TierMetric,
  needed: TierAmount,
  tier: string,
  currency: string,
): string {
  const n = count(needed);
  return i18n.translate(`tiers.progress.${metric}`, {
    count: n,
    tier,
    amount: metric === "spend" ? formatMoney(i18n, String(needed), currency) : i18n.formatNumber(n),
  });
}

/** Over what the ladder counts: "Counted over the last 12 months." */
export const windowText = (i18n: Words, window: TierWindow) => i18n.translate(`tiers.window.${window}`);
