// How both extensions put points, money, reward values, dates and errors into words: through
// the host's i18n (the shopper's locale and the extension's locale files), so every string has
// an English and a Russian form. The keys used here must exist in each extension's locales
// (extensions/locales.test.ts checks).
import type { I18n } from "@shopify/ui-extensions";
import { ApiError } from "./api";
import type { ValueView } from "./contract";

type Words = Pick<I18n, "translate" | "formatNumber" | "formatCurrency" | "formatDate">;

/** Keys this module reads from every extension's locale files. */
export const SHARED_KEYS = [
  "points",
  "value.amount",
  "value.percentage",
  "value.percentage_capped",
  "value.free_shipping",
  "value.free_shipping_max",
  "value.free_product",
  "value.free_product_amount",
  "value.points_for_cash",
  "error.network_error",
  "error.server_error",
] as const;

/** "1,250 points", "1 балл", "5 баллов": the language's plural form, the locale's digits. */
export const formatPoints = (i18n: Words, points: number) =>
  i18n.translate("points", { count: points, points: i18n.formatNumber(points) });

/**
 * A decimal string from the API ("12.50") in the shopper's locale and the shop's currency.
 * Intl takes a number; the conversion is for display only, exact for any realistic amount
 * (decimal strings with at most 3 decimals and below 2^53 minor units).
 */
export const formatMoney = (i18n: Words, amount: string, currency: string) =>
  i18n.formatCurrency(Number(amount), { currency });

/** What a reward or a code gives, in words; `currency` is the shop's (program.currency). */
export function describeValue(i18n: Words, value: ValueView, currency: string): string {
  switch (value.kind) {
    case "amount":
      return i18n.translate("value.amount", { amount: formatMoney(i18n, value.amount, value.currency) });
    case "percentage":
      return value.cap === null
        ? i18n.translate("value.percentage", { percent: i18n.formatNumber(value.percent) })
        : i18n.translate("value.percentage_capped", {
            percent: i18n.formatNumber(value.percent),
            cap: formatMoney(i18n, value.cap, currency),
          });
    case "free_shipping":
      return value.maxShippingRate === null
        ? i18n.translate("value.free_shipping")
        : i18n.translate("value.free_shipping_max", { max: formatMoney(i18n, value.maxShippingRate, currency) });
    case "free_product":
      return value.amount === null
        ? i18n.translate("value.free_product")
        : i18n.translate("value.free_product_amount", { amount: formatMoney(i18n, value.amount, value.currency) });
    case "points_for_cash":
      return i18n.translate("value.points_for_cash", {
        value: formatMoney(i18n, value.stepValue, value.currency),
        points: formatPoints(i18n, value.pointsStep),
      });
  }
}

/** A date from the API (ISO 8601) as the shopper writes dates. */
export const formatDate = (i18n: Words, iso: string) => i18n.formatDate(new Date(iso), { dateStyle: "medium" });

/** What to tell the shopper about a failure: the server's own message when it sent one. */
export function errorMessage(i18n: Words, error: unknown): string {
  if (error instanceof ApiError && error.serverMessage) return error.serverMessage;
  const code = error instanceof ApiError && error.code === "network_error" ? "network_error" : "server_error";
  return i18n.translate(`error.${code}`);
}
