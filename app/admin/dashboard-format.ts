// How the dashboard writes numbers, money, rates and days in the admin's language. Days are UTC
// days (the rollup's), so they are formatted in UTC: the server and the browser print the same
// text whatever their time zones, and hydration matches.
import type { Locale } from "../i18n/locale";
import { toDecimal } from "../loyalty/currency";

export function dashboardFormat(locale: Locale, currency: string) {
  const number = new Intl.NumberFormat(locale);
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const money = new Intl.NumberFormat(locale, { style: "currency", currency });
  const day = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const shortDay = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", timeZone: "UTC" });
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return {
    number: (n: number) => number.format(n),
    percent: (ratio: number) => percent.format(ratio),
    /** Minor units, exactly: the decimal string goes to Intl, never a float. */
    money: (minor: number) => money.format(toDecimal(minor, currency) as Intl.StringNumericLiteral),
    day: (isoDay: string) => day.format(new Date(`${isoDay}T00:00:00Z`)),
    shortDay: (isoDay: string) => shortDay.format(new Date(`${isoDay}T00:00:00Z`)),
    time: (at: string | Date) => time.format(new Date(at)),
  };
}

export type DashboardFormat = ReturnType<typeof dashboardFormat>;
