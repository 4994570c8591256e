import { describe, expect, it } from "vitest";
import { defaultSettings } from "../loyalty/program";
import { changedSettings, formOf, readForm, settingsFromForm } from "./program-settings-form";

const stored = { settings: defaultSettings(), rounding: "down" as const };
const form = formOf(stored);

describe("the settings form", () => {
  it("gives back the stored settings when submitted unchanged", () => {
    expect(settingsFromForm(stored.settings, form)).toEqual({ ok: true, edited: stored });
  });

  it("reads whole numbers only", () => {
    for (const text of ["", "1.5", "1e3", "0x10", "-1", "seven"]) {
      expect(settingsFromForm(stored.settings, { ...form, pendingDays: text }), text).toEqual({
        ok: false,
        errors: { pendingDays: "program.error.pendingDays" },
      });
    }
    const padded = settingsFromForm(stored.settings, { ...form, pendingDays: " 7 " });
    expect(padded.ok && padded.edited.settings.pendingDays).toBe(7);
  });

  it("drops the months when points never expire, and needs them otherwise", () => {
    const never = settingsFromForm(stored.settings, { ...form, expiryKind: "never", expiryMonths: "" });
    expect(never.ok && never.edited.settings.expiry).toEqual({ kind: "never" });
    expect(settingsFromForm(stored.settings, { ...form, expiryKind: "fifo", expiryMonths: "" })).toEqual({
      ok: false,
      errors: { expiryMonths: "program.error.expiryMonths" },
    });
  });

  it("upper-cases the code prefix as codes show it", () => {
    const saved = settingsFromForm(stored.settings, { ...form, codePrefix: " shop7 " });
    expect(saved.ok && saved.edited.settings.codePrefix).toBe("SHOP7");
  });

  it("treats a missing yes/no answer as wrong rather than as the default", () => {
    const submitted = readForm(new URLSearchParams({ ...form, returnPointsForExpiredCodes: "" }));
    expect(settingsFromForm(stored.settings, submitted)).toEqual({
      ok: false,
      errors: { returnPointsForExpiredCodes: "program.error.choice" },
    });
    expect(readForm(new URLSearchParams()).pointsNameEn).toBe("");
  });

  it("names only the settings that changed", () => {
    const after = { settings: { ...stored.settings, pendingDays: 3 }, rounding: "nearest" as const };
    expect(changedSettings(stored, after)).toEqual({
      keys: ["pendingDays", "rounding"],
      before: { pendingDays: 0, rounding: "down" },
      after: { pendingDays: 3, rounding: "nearest" },
    });
  });
});
