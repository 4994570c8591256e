// Money inside the emulator is integer minor units; Shopify's API speaks decimal strings.

// Currency exponents are facts about ISO 4217, shared with Laurel's domain code.
import { exponentOf, toMinor as parseMinor } from "../../app/loyalty/currency.ts";

export { exponentOf };

/** 1250 minor units of USD → "12.5", 3000 → "30.0": Shopify's Decimal (Ruby's BigDecimal) drops
 * trailing zeros but keeps one decimal place. */
export function toDecimal(minor: number, currency: string): string {
  if (!Number.isInteger(minor)) throw new Error(`money must be integer minor units, got ${minor}`);
  const exponent = exponentOf(currency);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = digits.slice(digits.length - exponent).replace(/0+$/, "");
  return `${sign}${whole}.${fraction || "0"}`;
}

/** "12.50" (or 12.5 from JSON) → 1250 for USD, exactly: Laurel's own parser, shared. */
export const toMinor = (decimal: string | number, currency: string): number => parseMinor(String(decimal), currency);

/** Shopify's REST/webhook money strings always carry the currency's decimals: "12.50". */
export function toFixedDecimal(minor: number, currency: string): string {
  const exponent = exponentOf(currency);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  if (exponent === 0) return `${sign}${digits}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
}

/** Splits `total` over `weights` in proportion, in whole minor units, summing exactly to `total`. */
export function allocate(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) return weights.map(() => 0);
  const shares = weights.map((w) => Math.floor((total * w) / sum));
  let rest = total - shares.reduce((a, b) => a + b, 0);
  // Largest remainders first, so rounding goes where it distorts least.
  const order = weights
    .map((w, i) => ({ i, remainder: (total * w) % sum }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0) break;
    shares[i]! += 1;
    rest -= 1;
  }
  return shares;
}
