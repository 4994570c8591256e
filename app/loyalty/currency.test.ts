import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toDecimal, toMinor } from "./currency";

describe("toDecimal", () => {
  it.each([
    [1250, "USD", "12.50"],
    [5, "USD", "0.05"],
    [-305, "EUR", "-3.05"],
    [1500, "JPY", "1500"],
    [1, "KWD", "0.001"],
  ])("%i %s → %s", (minor, currency, decimal) => expect(toDecimal(minor, currency)).toBe(decimal));

  it("refuses fractions of a minor unit", () => expect(() => toDecimal(1.5, "USD")).toThrow());

  it("round-trips with toMinor for every currency exponent", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("USD", "JPY", "KWD"), (minor, currency) => {
        expect(toMinor(toDecimal(minor, currency), currency)).toBe(minor);
      }),
    );
  });
});
