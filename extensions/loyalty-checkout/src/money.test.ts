import { describe, expect, it } from "vitest";
import { currencyDigits, fromMinor, moneyToMinor, toMinor } from "./money";

describe("money in minor units", () => {
  it("knows each currency's decimals", () => {
    expect(currencyDigits("USD")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
    expect(currencyDigits("nope")).toBe(2);
  });

  it("reads decimal strings exactly", () => {
    expect(toMinor("12.5", 2)).toBe(1250);
    expect(toMinor("0.10", 2)).toBe(10);
    expect(toMinor("80", 2)).toBe(8000);
    expect(toMinor("1.500", 2)).toBe(150);
    expect(toMinor("300", 0)).toBe(300);
  });

  it("refuses what is not an amount in the currency", () => {
    expect(toMinor("1.505", 2)).toBeNull();
    expect(toMinor("-1.00", 2)).toBeNull();
    expect(toMinor("1e3", 2)).toBeNull();
    expect(toMinor("", 2)).toBeNull();
    expect(toMinor("99999999999999999999", 2)).toBeNull();
  });

  it("writes the API's decimal strings", () => {
    expect(fromMinor(1250, 2)).toBe("12.50");
    expect(fromMinor(5, 2)).toBe("0.05");
    expect(fromMinor(0, 2)).toBe("0.00");
    expect(fromMinor(300, 0)).toBe("300");
    expect(fromMinor(1234, 3)).toBe("1.234");
  });

  it("takes Shopify's Money numbers through their decimal string, not float arithmetic", () => {
    expect(moneyToMinor(0.1 + 0.2, "USD")).toBe(30);
    expect(moneyToMinor(80, "USD")).toBe(8000);
    expect(moneyToMinor(1999, "JPY")).toBe(1999);
  });
});
