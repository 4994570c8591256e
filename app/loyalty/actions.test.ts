import { describe, expect, it } from "vitest";
import { decideAction, isBirthday, parseBirthday, periodBounds, periodOf, type ActionRule } from "./actions";

const at = new Date("2026-11-24T15:30:00Z");

const rule = (over: Partial<ActionRule> = {}): ActionRule => ({
  id: "review",
  name: { en: "Write a review", ru: "Напишите отзыв" },
  points: 50,
  limit: { count: 2, per: "month" },
  ...over,
});

describe("periods", () => {
  it.each([
    ["lifetime", "lifetime"],
    ["year", "2026"],
    ["month", "2026-11"],
    ["day", "2026-11-24"],
  ] as const)("%s → %s", (per, period) => {
    expect(periodOf(per, at)).toBe(period);
  });

  it("bounds a month", () => {
    expect(periodBounds("month", at)).toEqual({
      from: new Date("2026-11-01T00:00:00Z"),
      to: new Date("2026-12-01T00:00:00Z"),
    });
  });
});

describe("decideAction", () => {
  it.each([
    [0, { award: true, key: "action:review:m1:2026-11:1" }],
    [1, { award: true, key: "action:review:m1:2026-11:2" }],
    [2, { award: false, reason: "limit_reached" }],
  ])("after %i awards this month", (already, decision) => {
    expect(decideAction(rule(), "m1", already, at)).toEqual(decision);
  });

  it("awards a once-ever action once", () => {
    const once = rule({ limit: { count: 1, per: "lifetime" } });
    expect(decideAction(once, "m1", 0, at)).toEqual({ award: true, key: "action:review:m1:lifetime:1" });
    expect(decideAction(once, "m1", 1, at)).toEqual({ award: false, reason: "limit_reached" });
  });

  it("awards nothing for an action worth nothing", () => {
    expect(decideAction(rule({ points: 0 }), "m1", 0, at)).toEqual({ award: false, reason: "no_points" });
  });
});

describe("birthdays", () => {
  it.each([
    ["11-24", { month: 11, day: 24 }],
    ["02-29", { month: 2, day: 29 }],
    ["02-30", undefined],
    ["13-01", undefined],
    ["1-5", undefined],
    ["", undefined],
  ])("parses %j", (text, birthday) => {
    expect(parseBirthday(text)).toEqual(birthday);
  });

  it("is the birthday on the day, and 29 February falls on the 28th outside leap years", () => {
    expect(isBirthday({ month: 11, day: 24 }, at)).toBe(true);
    expect(isBirthday({ month: 11, day: 25 }, at)).toBe(false);
    expect(isBirthday({ month: 2, day: 29 }, new Date("2027-02-28T09:00:00Z"))).toBe(true);
    expect(isBirthday({ month: 2, day: 29 }, new Date("2028-02-28T09:00:00Z"))).toBe(false);
    expect(isBirthday({ month: 2, day: 29 }, new Date("2028-02-29T09:00:00Z"))).toBe(true);
  });
});
