import { describe, expect, it } from "vitest";
import { changesOf } from "./audit-diff";

describe("audit changes", () => {
  it("lists only the values that differ, by path", () => {
    expect(
      changesOf(
        { pointsName: { en: "points", ru: "баллы" }, pendingDays: 0, expiry: { kind: "never" } },
        { pointsName: { en: "stars", ru: "баллы" }, pendingDays: 0, expiry: { kind: "fifo", months: 12 } },
      ),
    ).toEqual([
      { key: "pointsName.en", before: "points", after: "stars" },
      { key: "expiry.kind", before: "never", after: "fifo" },
      { key: "expiry.months", before: null, after: 12 },
    ]);
  });

  it("shows a creation or a removal against nothing", () => {
    expect(changesOf(null, { cost: 500, tags: ["a"] })).toEqual([
      { key: "cost", before: null, after: 500 },
      { key: "tags", before: null, after: ["a"] },
    ]);
    expect(changesOf({ status: "active" }, undefined)).toEqual([{ key: "status", before: "active", after: null }]);
  });

  it("compares plain values and arrays whole", () => {
    expect(changesOf("a", "b")).toEqual([{ key: "", before: "a", after: "b" }]);
    expect(changesOf({ tags: ["a", "b"] }, { tags: ["a", "b"] })).toEqual([]);
    expect(changesOf({ on: false }, { on: true })).toEqual([{ key: "on", before: false, after: true }]);
  });
});
