import { describe, expect, it } from "vitest";
import { manualAdjustment } from "./adjustment";
import { applyEntry, EMPTY_BALANCE } from "./ledger";

const balance = (available: number, lifetimeEarned = available) => ({ ...EMPTY_BALANCE, available, lifetimeEarned });

describe("manual adjustment", () => {
  it("adds points to the balance and to lifetime earned, with the reason as the note", () => {
    const outcome = manualAdjustment("manual:k1", 250, "Goodwill", balance(100));
    expect(outcome).toMatchObject({ ok: true, after: 350 });
    if (!outcome.ok) throw new Error("refused");
    expect(outcome.entry).toMatchObject({
      reason: "manual_adjustment",
      key: "manual:k1",
      available: 250,
      lifetimeEarned: 250,
      note: "Goodwill",
    });
    expect(applyEntry(balance(100), outcome.entry, { allowNegative: false }).available).toBe(350);
  });

  it("takes points down to exactly zero", () => {
    expect(manualAdjustment("k", -100, "r", balance(100))).toMatchObject({ ok: true, after: 0 });
  });

  it("refuses a deduction larger than the balance, saying by how much", () => {
    expect(manualAdjustment("k", -150, "r", balance(100))).toEqual({ ok: false, shortBy: 50 });
  });

  it("never takes lifetime earned below zero", () => {
    const outcome = manualAdjustment("k", -80, "r", balance(100, 30));
    expect(outcome.ok && outcome.entry.lifetimeEarned).toBe(-30);
  });

  it("rejects zero and fractions outright (callers validate first)", () => {
    expect(() => manualAdjustment("k", 0, "r", balance(1))).toThrow();
    expect(() => manualAdjustment("k", 1.5, "r", balance(1))).toThrow();
  });
});
