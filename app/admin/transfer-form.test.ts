import { describe, expect, it } from "vitest";
import { readRange } from "./transfer-form";

const range = (from: string, to: string) => readRange(new URLSearchParams({ from, to }));

describe("readRange", () => {
  it("reads two UTC days as a half-open range, the last day included", () => {
    expect(range("2026-11-01", "2026-11-30")).toEqual({
      ok: true,
      value: { from: new Date("2026-11-01T00:00:00Z"), to: new Date("2026-12-01T00:00:00Z") },
    });
    expect(range("2026-11-05", "2026-11-05")).toMatchObject({ ok: true });
  });

  it("reports a missing, malformed or impossible date on its field", () => {
    expect(range("", "2026-13-01")).toEqual({
      ok: false,
      errors: { from: "transfer.error.dateMissing", to: "transfer.error.date" },
    });
    expect(range("2026-02-31", "11/05/2026")).toEqual({
      ok: false,
      errors: { from: "transfer.error.date", to: "transfer.error.date" },
    });
  });

  it("refuses an end before the start", () => {
    expect(range("2026-11-05", "2026-11-04")).toEqual({ ok: false, errors: { to: "transfer.error.range" } });
  });
});
