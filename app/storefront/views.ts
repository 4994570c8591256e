// How the storefront API shows rewards, codes and ledger entries: money as decimal strings in
// the shop's currency (never floats), titles in the shopper's language.
import type { Locale } from "../i18n/locale";
import { toDecimal } from "../loyalty/currency";
import type { Discount, Reward } from "../loyalty/rewards";
import type { ValueView } from "./contract";

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
