// Exact money for the checkout extension: decimal strings ("12.50") as integer minor units
// (1250), so points-for-cash caps and minimum subtotals never meet a float rounding error.
// Shopify's Money is a number; it goes through a decimal string of the currency's digits first.

/** Decimals of a currency as Intl knows them (USD 2, JPY 0, KWD 3); 2 for an unknown code. */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** "12.5" → 1250 for 2 digits; null for anything that is not such an amount or is too precise. */
export function toMinor(decimal: string, digits: number): number | null {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!match) return null;
  const fraction = match[2] ?? "";
  // "1.500" is fine for 2 digits, "1.505" is not an amount in that currency.
  if (/[^0]/.test(fraction.slice(digits))) return null;
  const minor = Number(match[1] + fraction.slice(0, digits).padEnd(digits, "0"));
  return Number.isSafeInteger(minor) ? minor : null;
}

/** 1250 → "12.50" for 2 digits: the API's decimal string. */
export function fromMinor(minor: number, digits: number): string {
  const text = String(Math.max(0, Math.trunc(minor))).padStart(digits + 1, "0");
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Shopify's Money amount (a number in major units) in minor units of `currency`. */
export function moneyToMinor(amount: number, currency: string): number | null {
  const digits = currencyDigits(currency);
  return toMinor(amount.toFixed(digits), digits);
}
