import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addMonths, expiryOf, fifoLots, type Movement } from "./expiry";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const m = (iso: string, available: number): Movement => ({ at: d(iso), available });

describe("addMonths", () => {
  it.each([
    ["2026-01-15", 1, "2026-02-15"],
    ["2026-01-31", 1, "2026-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2026-11-30", 3, "2027-02-28"],
    ["2026-03-31", 12, "2027-03-31"],
  ])("%s + %i months = %s", (from, months, to) => {
    expect(addMonths(d(from), months)).toEqual(d(to));
  });
});

describe("fifo expiry", () => {
  const policy = { kind: "fifo" as const, months: 6 };
  const history = [m("2026-01-10", 100), m("2026-03-01", 50), m("2026-04-01", -120), m("2026-05-20", 30)];

  it("spends the oldest points first", () => {
    expect(fifoLots(history, 6)).toEqual([
      { points: 30, at: d("2026-09-01") },
      { points: 30, at: d("2026-11-20") },
    ]);
  });

  it("tells what expires when, and what is due now", () => {
    expect(expiryOf(policy, history, 60, null, d("2026-08-01"))).toEqual({
      dueNow: 0,
      upcoming: [
        { points: 30, at: d("2026-09-01") },
        { points: 30, at: d("2026-11-20") },
      ],
    });
    expect(expiryOf(policy, history, 60, null, d("2026-09-01"))).toMatchObject({ dueNow: 30 });
  });

  it("counts an expiry already taken as spending the oldest points", () => {
    const after = [...history, m("2026-09-01", -30)];
    expect(expiryOf(policy, after, 30, null, d("2026-10-01"))).toEqual({
      dueNow: 0,
      upcoming: [{ points: 30, at: d("2026-11-20") }],
    });
  });

  it("never expires more than the member holds", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ day: fc.integer({ min: 0, max: 700 }), available: fc.integer({ min: -200, max: 300 }) }), {
          maxLength: 30,
        }),
        fc.integer({ min: 0, max: 900 }),
        (raw, nowDay) => {
          const movements = raw.map((r) => ({ at: new Date(Date.UTC(2026, 0, 1 + r.day)), available: r.available }));
          const available = Math.max(
            0,
            movements.reduce((sum, x) => sum + x.available, 0),
          );
          const { dueNow, upcoming } = expiryOf(
            policy,
            movements,
            available,
            null,
            new Date(Date.UTC(2026, 0, 1 + nowDay)),
          );
          expect(dueNow + upcoming.reduce((sum, e) => sum + e.points, 0)).toBeLessThanOrEqual(available);
          expect(dueNow).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

describe("inactivity expiry", () => {
  const policy = { kind: "inactivity" as const, months: 12 };
  it("expires everything a year after the last activity", () => {
    expect(expiryOf(policy, [], 250, d("2025-11-01"), d("2026-10-31"))).toEqual({
      dueNow: 0,
      upcoming: [{ points: 250, at: d("2026-11-01") }],
    });
    expect(expiryOf(policy, [], 250, d("2025-11-01"), d("2026-11-01"))).toEqual({ dueNow: 250, upcoming: [] });
  });

  it("expires nothing under a never policy or an empty balance", () => {
    expect(expiryOf({ kind: "never" }, [m("2020-01-01", 10)], 10, d("2020-01-01"), d("2030-01-01")).dueNow).toBe(0);
    expect(expiryOf(policy, [], 0, d("2020-01-01"), d("2030-01-01")).dueNow).toBe(0);
  });
});
