// Web vitals from the browser's raw performance entries, computed as Chrome's web-vitals library
// does, and the table `npm run bench` prints: Built for Shopify asks for LCP ≤ 2.5 s, CLS ≤ 0.1
// and INP ≤ 200 ms at the 75th percentile; Laurel aims for LCP ≤ 1.5 s.

export const TARGETS = { lcp: 2_500, lcpAim: 1_500, cls: 0.1, inp: 200 };

/** What the observer script collects in the page (window.__laurelVitals). */
export interface RawVitals {
  lcp: { startTime: number; element: string }[];
  shifts: { value: number; startTime: number; hadRecentInput: boolean; sources: string[] }[];
  events: { name: string; interactionId: number; duration: number; startTime: number }[];
}

/**
 * Runs in the page before any of its scripts (page.addInitScript): records largest contentful
 * paints, layout shifts (with the elements that moved, to tell why) and event timings of
 * interactions (16 ms is the smallest threshold Chrome allows; first-input is reported whatever
 * its duration). Plain JavaScript in a string: it is evaluated in the page, not in Node.
 */
export const OBSERVER_SCRIPT = `(() => {
  const vitals = { lcp: [], shifts: [], events: [] };
  window.__laurelVitals = vitals;
  const describe = (node) => {
    if (!node || !node.nodeName) return "";
    const text = (node.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 40);
    const cls = typeof node.className === "string" && node.className ? "." + node.className.split(" ")[0] : "";
    return node.nodeName.toLowerCase() + cls + (text ? ' "' + text + '"' : "");
  };
  const observe = (type, record, options) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(record)).observe({ type, buffered: true, ...options });
    } catch (error) {
      // an entry type this browser doesn't know
    }
  };
  observe("largest-contentful-paint", (e) => vitals.lcp.push({ startTime: e.startTime, element: describe(e.element) }));
  observe("layout-shift", (e) =>
    vitals.shifts.push({
      value: e.value,
      startTime: e.startTime,
      hadRecentInput: e.hadRecentInput,
      sources: (e.sources || []).map((s) => describe(s.node)),
    }),
  );
  const event = (e) =>
    vitals.events.push({ name: e.name, interactionId: e.interactionId || 0, duration: e.duration, startTime: e.startTime });
  observe("event", (e) => e.interactionId && event(e), { durationThreshold: 16 });
  observe("first-input", event);
})();`;

/** The page's LCP: the last largest-contentful-paint entry before any input (null: none). */
export function largestContentfulPaint(raw: RawVitals): number | null {
  return raw.lcp.at(-1)?.startTime ?? null;
}

/**
 * CLS: the largest session window of layout shifts not caused by recent input (a window closes
 * after a 1 s gap or at 5 s), as Chrome has measured it since 2021.
 */
export function cumulativeLayoutShift(shifts: RawVitals["shifts"]): number {
  let largest = 0;
  let window = 0;
  let first = 0;
  let last = 0;
  for (const shift of [...shifts].sort((a, b) => a.startTime - b.startTime)) {
    if (shift.hadRecentInput) continue;
    if (window > 0 && shift.startTime - last < 1_000 && shift.startTime - first < 5_000) window += shift.value;
    else {
      window = shift.value;
      first = shift.startTime;
    }
    last = shift.startTime;
    largest = Math.max(largest, window);
  }
  return largest;
}

/**
 * INP: each interaction's longest event (its events share an interactionId); with fewer than 50
 * interactions, as on one page load here, the longest interaction. Null when nothing was
 * recorded; events under 16 ms aren't reported, so "no entry" after a real click means < 16 ms.
 */
export function interactionToNextPaint(events: RawVitals["events"]): number | null {
  const byInteraction = new Map<number, number>();
  for (const e of events) {
    if (e.interactionId <= 0) continue;
    byInteraction.set(e.interactionId, Math.max(byInteraction.get(e.interactionId) ?? 0, e.duration));
  }
  const durations = [...byInteraction.values()].sort((a, b) => b - a);
  if (durations.length === 0) return null;
  // web-vitals: the 98th percentile, i.e. skip one slowest interaction per 50.
  return durations[Math.min(durations.length - 1, Math.floor(durations.length / 50))]!;
}

/** The 75th percentile (nearest rank), as CrUX and Shopify report web vitals. */
export function p75(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil(0.75 * sorted.length) - 1]!;
}

export interface PageVitals {
  page: string;
  /** LCP of the first load, with an empty cache and a new server route. */
  coldLcp: number | null;
  /** LCP of each later load (cached assets). */
  warmLcp: number[];
  /** CLS of every load, cold and warm. */
  cls: number[];
  /** Time to the document's first byte on each warm load: the server's share (loaders). */
  ttfb: number[];
  /** INP of every load's interaction (null: under 16 ms). */
  inp: (number | null)[];
  interaction: string;
  /** The LCP element of the last load, and what moved if anything did: to tell why. */
  lcpElement: string;
  shifted: string[];
}

const ms = (value: number | null) => (value === null ? "—" : Math.round(value).toLocaleString("en"));
const mark = (value: number | null, target: number) => (value === null || value <= target ? "✓" : "✗");

/**
 * One line per page: LCP cold, LCP p75 warm (✓✓ within the aim, ✓ within Shopify's target), the
 * server's share of it (TTFB p75), CLS max and INP p75, each against its target.
 */
export function vitalsTable(rows: PageVitals[]): string[] {
  const width = Math.max(24, ...rows.map((row) => row.page.length + 1));
  const lines = [
    `  ${"page".padEnd(width)} ${"LCP cold".padStart(9)} ${"LCP p75".padStart(9)}     ${"TTFB p75".padStart(8)}   ${"CLS max".padStart(7)}    ${"INP p75".padStart(7)}    interaction`,
  ];
  for (const row of rows) {
    const lcp = p75(row.warmLcp);
    const cls = row.cls.length ? Math.max(...row.cls) : null;
    // An interaction under 16 ms leaves no entry: counted as 16 for the percentile, shown "≤ 16".
    const inp = p75(row.inp.map((v) => v ?? 16));
    const lcpMark = lcp === null ? "?" : lcp <= TARGETS.lcpAim ? "✓✓" : lcp <= TARGETS.lcp ? "✓ " : "✗ ";
    lines.push(
      `  ${row.page.padEnd(width)} ${ms(row.coldLcp).padStart(9)} ${ms(lcp).padStart(9)} ${lcpMark}  ${ms(p75(row.ttfb)).padStart(8)}   ${(cls === null ? "—" : cls.toFixed(3)).padStart(7)} ${mark(cls, TARGETS.cls)}  ${(inp !== null && inp <= 16 ? "≤ 16" : ms(inp)).padStart(7)} ${mark(inp, TARGETS.inp)}  ${row.interaction}`,
    );
  }
  return lines;
}
