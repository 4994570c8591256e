// The web-vitals arithmetic `npm run bench` prints: p75, CLS session windows, INP per
// interaction, LCP, and the table's marks against Built for Shopify's targets.
import { describe, expect, it } from "vitest";
import {
  cumulativeLayoutShift,
  interactionToNextPaint,
  largestContentfulPaint,
  OBSERVER_SCRIPT,
  p75,
  vitalsTable,
  type PageVitals,
} from "./vitals.ts";

const shift = (startTime: number, value: number, hadRecentInput = false) => ({
  startTime,
  value,
  hadRecentInput,
  sources: [],
});
const event = (interactionId: number, duration: number, name = "pointerup") => ({
  name,
  interactionId,
  duration,
  startTime: 0,
});

describe("p75", () => {
  it("is the nearest-rank 75th percentile, whatever the order", () => {
    expect(p75([400, 100, 300, 200])).toBe(300);
    expect(p75([5])).toBe(5);
    expect(p75([1, 2, 3, 4, 5, 6, 7, 8])).toBe(6);
    expect(p75([])).toBeNull();
  });
});

describe("cumulativeLayoutShift", () => {
  it("sums shifts within a session window and keeps the largest window", () => {
    // 0.05 + 0.04 together; a gap over 1 s starts a new window of 0.06.
    expect(cumulativeLayoutShift([shift(100, 0.05), shift(900, 0.04), shift(2_500, 0.06)])).toBeCloseTo(0.09);
  });

  it("closes a window after 5 s even without a gap", () => {
    const steady = Array.from({ length: 12 }, (_, i) => shift(i * 800, 0.01));
    // 0 … 4,800 ms is one window (7 shifts); the rest start another.
    expect(cumulativeLayoutShift(steady)).toBeCloseTo(0.07);
  });

  it("leaves out shifts right after input, and is 0 without shifts", () => {
    expect(cumulativeLayoutShift([shift(100, 0.3, true), shift(200, 0.02)])).toBeCloseTo(0.02);
    expect(cumulativeLayoutShift([])).toBe(0);
  });
});

describe("interactionToNextPaint", () => {
  it("takes each interaction's longest event, then the longest interaction", () => {
    expect(interactionToNextPaint([event(1, 24, "pointerdown"), event(1, 40), event(2, 32, "keydown")])).toBe(40);
  });

  it("skips one slowest interaction per 50 (the 98th percentile)", () => {
    const many = Array.from({ length: 60 }, (_, i) => event(i + 1, i === 0 ? 900 : 24 + i));
    expect(interactionToNextPaint(many)).toBe(83);
  });

  it("ignores events outside interactions; null when none was recorded", () => {
    expect(interactionToNextPaint([event(0, 500, "mouseover")])).toBeNull();
    expect(interactionToNextPaint([])).toBeNull();
  });
});

describe("largestContentfulPaint", () => {
  it("is the last candidate the browser reported", () => {
    const raw = {
      lcp: [
        { startTime: 120, element: "h1" },
        { startTime: 480, element: "table" },
      ],
      shifts: [],
      events: [],
    };
    expect(largestContentfulPaint(raw)).toBe(480);
    expect(largestContentfulPaint({ ...raw, lcp: [] })).toBeNull();
  });
});

describe("vitalsTable", () => {
  const row = (over: Partial<PageVitals>): PageVitals => ({
    page: "/app",
    coldLcp: 900,
    warmLcp: [300, 320, 340, 360],
    ttfb: [30, 30, 30, 30],
    cls: [0, 0.01],
    inp: [null, 24],
    interaction: "click",
    lcpElement: "h2",
    shifted: [],
    ...over,
  });

  it("marks each figure against its target, LCP against the aim too", () => {
    const [header, good, fair, poor] = vitalsTable([
      row({}),
      row({ page: "/app/members", warmLcp: [1_800, 2_000], cls: [0.2], inp: [250] }),
      row({ page: "/app/slow", warmLcp: [3_000] }),
    ]);
    expect(header).toMatch(/page\s+LCP cold\s+LCP p75\s+TTFB p75\s+CLS max\s+INP p75\s+interaction/);
    expect(good).toMatch(/\/app\s+900\s+340 ✓✓\s+30\s+0\.010 ✓\s+24 ✓\s+click/);
    expect(fair).toMatch(/\/app\/members\s+900\s+2,000 ✓ \s+30\s+0\.200 ✗\s+250 ✗/);
    expect(poor).toMatch(/\/app\/slow\s+900\s+3,000 ✗ /);
  });

  it("shows interactions too quick to be reported as ≤ 16 ms", () => {
    expect(vitalsTable([row({ inp: [null, null] })])[1]).toMatch(/≤ 16 ✓/);
  });
});

describe("OBSERVER_SCRIPT", () => {
  it("is JavaScript a page can run", () => {
    expect(() => new Function(OBSERVER_SCRIPT)).not.toThrow();
  });
});
