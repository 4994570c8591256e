// ISO 4217 minor units: how many decimals a currency has (most have two).
const EXPONENTS: Record<string, number> = {
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
};

export const exponentOf = (currency: string) => EXPONENTS[currency.toUpperCase()] ?? 2;

/** Minor units in one unit of the currency: 100 for USD, 1 for JPY, 1000 for KWD. */
export const minorPerUnit = (currency: string) => 10 ** exponentOf(currency);

/** "12.50" → 1250 for USD; exact, no floats. Throws on malformed amounts. */
export function toMinor(decimal: string, currency: string): number {
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(decimal.trim());
  if (!match) throw new Error(`not a decimal amount: ${decimal}`);
  const [, sign, whole, fraction = ""] = match;
  const exponent = exponentOf(currency);
  const digits = fraction.padEnd(exponent, "0");
  if (digits.length > exponent && /[1-9]/.test(digits.slice(exponent))) {
    throw new Error(`${decimal} has more decimals than ${currency} allows (${exponent})`);
  }
  const minor = Number(whole) * 10 ** exponent + Number(digits.slice(0, exponent) || 0);
  return sign === "-" ? -minor : minor;
}

/** 1250 → "12.50" for USD: the decimal string Shopify's `Decimal` and `Money` inputs take. */
export function toDecimal(minor: number, currency: string): string {
  if (!Number.isSafeInteger(minor)) throw new Error(`not a whole number of minor units: ${minor}`);
  const exponent = exponentOf(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, "0");
  const whole = exponent === 0 ? digits : digits.slice(0, -exponent);
  const fraction = exponent === 0 ? "" : `.${digits.slice(-exponent)}`;
  return `${minor < 0 ? "-" : ""}${whole}${fraction}`;
}
