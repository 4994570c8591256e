// How the members pages write names, numbers and dates, in the admin's language.
import type { Locale } from "../i18n/locale";

export const numberOf = (locale: Locale) => (n: number) => new Intl.NumberFormat(locale).format(n);

/** +50 / −20, for changes. */
export const changeOf = (locale: Locale) => (n: number) =>
  new Intl.NumberFormat(locale, { signDisplay: "exceptZero" }).format(n);

/** A date (loader data arrives as ISO text), or null. */
export const dateOf = (locale: Locale) => (value: string | Date | null) =>
  value === null ? null : new Intl.DateTimeFormat(locale, { dateStyle: "medium" }).format(new Date(value));

/** "Ana Lopez", else the email, else null (the page says "No name"). */
export function nameOf(member: { firstName: string | null; lastName: string | null; email: string | null }) {
  const name = [member.firstName, member.lastName].filter(Boolean).join(" ").trim();
  return name || member.email || null;
}

/** gid://shopify/Order/123 → 123 (Shopify admin links and what merchants recognise). */
export const numericId = (gid: string) => gid.split("/").pop() ?? gid;
