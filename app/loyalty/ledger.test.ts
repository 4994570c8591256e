import { describe, expect, it } from "vitest";
import {
  actionNote,
  isLaurelNote,
  tierNote,
  LAUREL_NOTES,
  applyEntry,
  balanceOf,
  EMPTY_BALANCE,
  entry,
  LedgerError,
  redeemHold,
  redeemRelease,
  redeemRestore,
  redeemSettle,
} from "./ledger";

const strict = { allowNegative: false };
const start = balanceOf([entry("earn_purchase", "earn:1", { available: 1000, lifetimeEarned: 1000 })]);

describe("redemption entries", () => {
  it("hold then settle: the points leave available at once and count as redeemed when the code exists", () => {
    const held = applyEntry(start, redeemHold("r1", 600), strict);
    expect(held).toMatchObject({ available: 400, held: 600, lifetimeRedeemed: 0 });
    const settled = applyEntry(held, redeemSettle("r1", 600), strict);
    expect(settled).toEqual({ available: 400, pending: 0, held: 0, lifetimeEarned: 1000, lifetimeRedeemed: 600 });
  });

  it("hold then release gives every point back", () => {
    const released = applyEntry(applyEntry(start, redeemHold("r1", 600), strict), redeemRelease("r1", 600), strict);
    expect(released).toEqual(start);
  });

  it("a hold can never overdraw, whatever the negative-balance policy of refunds", () => {
    const held = applyEntry(start, redeemHold("r1", 600), strict);
    expect(() => applyEntry(held, redeemHold("r2", 600), strict)).toThrow(LedgerError);
  });

  it("a restore undoes a settled redemption, and names it", () => {
    const restore = redeemRestore("r1", 600, "code expired unused");
    expect(restore.corrects).toBe("redeem:r1");
    const entries = [redeemHold("r1", 600), redeemSettle("r1", 600), restore];
    expect(entries.reduce((b, e) => applyEntry(b, e, strict), start)).toEqual({ ...start, lifetimeRedeemed: 0 });
  });

  it("every key names its redemption, so a retry is recognised", () => {
    expect([redeemHold("r1", 1), redeemSettle("r1", 1), redeemRelease("r1", 1)].map((e) => e.key)).toEqual([
      "hold:r1",
      "redeem:r1",
      "release:r1",
    ]);
    expect(applyEntry(EMPTY_BALANCE, redeemRelease("x", 0), strict)).toEqual(EMPTY_BALANCE);
  });
});

describe("notes", () => {
  it("tells Laurel's own notes from the merchant's words", () => {
    expect(isLaurelNote(LAUREL_NOTES.signup)).toBe(true);
    expect(isLaurelNote("code expired unused")).toBe(true);
    expect(isLaurelNote(actionNote("review"))).toBe(true);
    expect(isLaurelNote(tierNote("gold"))).toBe(true);
    expect(isLaurelNote("suspected fraud")).toBe(false);
    expect(isLaurelNote("Signup")).toBe(false);
    expect(isLaurelNote(null)).toBe(false);
  });
});
