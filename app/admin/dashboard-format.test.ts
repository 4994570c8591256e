import { describe, expect, it } from "vitest";
import { dashboardFormat } from "./dashboard-format";

describe("dashboardFormat", () => {
  it("writes money from minor units in the shop's currency and the admin's language", () => {
    expect(dashboardFormat("en", "USD").money(123_456_789)).toBe("$1,234,567.89");
    expect(dashboardFormat("ru", "RUB").money(150_050)).toMatch(/^1\s500,50\s₽$/);
    expect(dashboardFormat("en", "JPY").money(1500)).toBe("¥1,500");
  });

  it("writes UTC days as they are, wherever the code runs", () => {
    expect(dashboardFormat("en", "USD").day("2026-11-01")).toBe("Nov 1, 2026");
    expect(dashboardFormat("ru", "USD").shortDay("2026-11-01")).toBe("1 нояб.");
  });

  it("writes rates as percentages", () => {
    expect(dashboardFormat("en", "USD").percent(0.4545)).toBe("45.5%");
    expect(dashboardFormat("ru", "USD").percent(0.5)).toMatch(/^50\s%$/);
  });
});
