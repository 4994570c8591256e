import { describe, expect, it } from "vitest";
import { defaultSegmentSettings } from "../loyalty/segments";
import { readSegmentForm, segmentFormOf, segmentSettingsFromForm } from "./segment-settings-form";

const usd = defaultSegmentSettings("USD");
const form = segmentFormOf(usd, "USD");

describe("the segment thresholds form", () => {
  it("writes the spend as a decimal of the shop's currency and reads it back unchanged", () => {
    expect(form).toEqual({ newDays: "30", atRiskAfterDays: "90", lapsedAfterDays: "180", highValueSpend: "500.00" });
    expect(segmentFormOf(defaultSegmentSettings("JPY"), "JPY").highValueSpend).toBe("500");
    expect(segmentSettingsFromForm(form, "USD")).toEqual({ ok: true, settings: usd });
    expect(segmentSettingsFromForm({ ...form, highValueSpend: " 499.9 " }, "USD")).toEqual({
      ok: true,
      settings: { ...usd, highValueSpend: 49_990 },
    });
  });

  it("takes whole days from 1 to 3650 only", () => {
    for (const text of ["", "0", "1.5", "1e3", "-3", "3651", "thirty"]) {
      expect(segmentSettingsFromForm({ ...form, newDays: text }, "USD"), text).toEqual({
        ok: false,
        errors: { newDays: "segments.error.days" },
      });
    }
  });

  it("needs lapsed to come after at risk, and says which problem it is", () => {
    expect(segmentSettingsFromForm({ ...form, lapsedAfterDays: "90" }, "USD")).toEqual({
      ok: false,
      errors: { lapsedAfterDays: "segments.error.lapsedAfterDays" },
    });
    expect(segmentSettingsFromForm({ ...form, lapsedAfterDays: "x" }, "USD")).toEqual({
      ok: false,
      errors: { lapsedAfterDays: "segments.error.days" },
    });
  });

  it("takes an amount above zero with no more decimals than the currency has", () => {
    for (const text of ["", "0", "-5", "12.345", "five", "1,000"]) {
      expect(segmentSettingsFromForm({ ...form, highValueSpend: text }, "USD"), text).toEqual({
        ok: false,
        errors: { highValueSpend: "segments.error.highValueSpend" },
      });
    }
    expect(segmentSettingsFromForm({ ...form, highValueSpend: "12.5" }, "JPY").ok).toBe(false);
  });

  it("reads a missing field as empty", () => {
    const data = new Map([["newDays", "7"]]);
    expect(readSegmentForm(data)).toEqual({
      newDays: "7",
      atRiskAfterDays: "",
      lapsedAfterDays: "",
      highValueSpend: "",
    });
  });
});
