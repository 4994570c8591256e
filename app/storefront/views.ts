// How the storefront API shows rewards, codes, ledger entries and VIP tiers: money as decimal
// strings in the shop's currency (never floats), titles and tier names in the shopper's language.
import type { Locale } from "../i18n/locale";
import { toDecimal } from "../loyalty/currency";
import type { Discount, Reward } from "../loyalty/rewards";
import { effectiveTier, progressOf, type Ladder, type Tier, type TierMetric, type TierPerks } from "../loyalty/tiers";
import type { LadderTierView, MemberView, TierAmount, TierPerksView, TierView, ValueView } from "./contract";

export type { ValueView } from "./contract";

/** What a reward gives, before it is redeemed. */
export function rewardValue(reward: Reward, currency: string): ValueView {
  const money = (minor: number) => toDecimal(minor, currency);
  switch (reward.type) {
    case "amount_off":
      return { kind: "amount", amount: money(reward.amount), currency };
    case "percent_off":
      return { kind: "percentage", percent: reward.percent, cap: reward.cap === null ? null : money(reward.cap) };
    case "free_shipping":
      return {
        kind: "free_shipping",
        maxShippingRate: reward.maxShippingRate === null ? null : money(reward.maxShippingRate),
      };
    case "free_product":
      return { kind: "free_product", amount: null, currency, variantId: reward.variantId };
    case "points_for_cash":
      return {
        kind: "points_for_cash",
        pointsStep: reward.cost,
        stepValue: money(reward.stepValue),
        maxPercentOfSubtotal: reward.maxPercentOfSubtotal,
        currency,
      };
  }
}

/** What an issued code gives. */
export function discountValue(discount: Discount, currency: string): ValueView {
  const money = (minor: number) => toDecimal(minor, currency);
  switch (discount.kind) {
    case "amount":
      return discount.appliesTo === "order"
        ? { kind: "amount", amount: money(discount.amount), currency }
        : { kind: "free_product", amount: money(discount.amount), currency, variantId: discount.appliesTo.variantId };
    case "percentage":
      return { kind: "percentage", percent: discount.percent, cap: null };
    case "free_shipping":
      return {
        kind: "free_shipping",
        maxShippingRate: discount.maxShippingRate === null ? null : money(discount.maxShippingRate),
      };
  }
}

export const localized = (title: { en: string; ru: string }, locale: Locale) => title[locale];

// --- VIP tiers ---------------------------------------------------------------------------------

/** An amount of the ladder's metric as the wire carries it: spend as money, the others as counts. */
export const tierAmount = (metric: TierMetric, value: number, currency: string): TierAmount =>
  metric === "spend" ? toDecimal(value, currency) : value;

/** A tier's perks as the wire carries them (also in the catalog metafield checkout reads). */
export function tierPerksView(perks: TierPerks, currency: string): TierPerksView {
  const { earnMultiplier, discountPercent, freeShippingOver, entryBonus } = perks;
  return {
    earnMultiplier,
    discountPercent,
    freeShippingOver: freeShippingOver === null ? null : toDecimal(freeShippingOver, currency),
    entryBonus,
  };
}

export const tierView = (tier: Tier, locale: Locale, currency: string): TierView => ({
  id: tier.id,
  name: localized(tier.name, locale),
  perks: tierPerksView(tier.perks, currency),
});

/** The program's tiers, lowest first, while the ladder is on. */
export function ladderView(ladder: Ladder | null, locale: Locale, currency: string) {
  if (!ladder?.enabled) return { tiers: null, tierMetric: null, tierWindow: null };
  return {
    tiers: ladder.tiers.map((tier): LadderTierView => ({
      ...tierView(tier, locale, currency),
      threshold: tierAmount(ladder.metric, tier.threshold, currency),
    })),
    tierMetric: ladder.metric,
    tierWindow: ladder.window,
  };
}

/**
 * A member's tier, the next one and the progress towards it, from the tier they hold (`tierId`,
 * the Member row's) and their qualifying value now: as app/tiers/views.server.ts's memberTier.
 */
export function memberTierView(
  ladder: Ladder | null,
  tierId: string | null,
  value: number,
  locale: Locale,
  currency: string,
): Pick<MemberView, "tier" | "nextTier" | "progress"> {
  if (!ladder?.enabled) return { tier: null, nextTier: null, progress: null };
  const tier = effectiveTier(ladder, tierId);
  const { next, needed, percent } = progressOf(ladder, tier?.id ?? null, value);
  return {
    tier: tier && tierView(tier, locale, currency),
    nextTier: next && {
      id: next.id,
      name: localized(next.name, locale),
      threshold: tierAmount(ladder.metric, next.threshold, currency),
      needed: tierAmount(ladder.metric, needed, currency),
    },
    progress: percent,
  };
}
