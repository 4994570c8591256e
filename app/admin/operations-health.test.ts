// The health verdicts: dead jobs and an overdue queue need the merchant, retries are watched.
import { describe, expect, it } from "vitest";
import { assessHealth, delayMinutes, kindState, SYNC_DELAY_MS, type KindSummary } from "./operations-health";

const now = new Date("2026-11-10T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const kind = (summary: Partial<KindSummary> = {}): KindSummary => ({
  kind: "sync_member",
  queued: 0,
  retrying: 0,
  running: 0,
  done: 0,
  dead: 0,
  lastDoneAt: null,
  dueSince: null,
  ...summary,
});

describe("operations health", () => {
  it("counts a due job as delayed only past the threshold", () => {
    expect(delayMinutes(null, now)).toBeNull();
    expect(delayMinutes(ago(SYNC_DELAY_MS - 1), now)).toBeNull();
    expect(delayMinutes(ago(SYNC_DELAY_MS), now)).toBe(5);
    expect(delayMinutes(ago(42 * 60_000 + 30_000), now)).toBe(42);
  });

  it("gives each kind its worst state", () => {
    expect(kindState(kind(), now)).toBe("idle");
    expect(kindState(kind({ done: 3 }), now)).toBe("ok");
    expect(kindState(kind({ done: 3, queued: 1, dueSince: ago(1000) }), now)).toBe("pending");
    expect(kindState(kind({ queued: 1, retrying: 1 }), now)).toBe("retrying");
    expect(kindState(kind({ queued: 1, retrying: 1, dueSince: ago(SYNC_DELAY_MS) }), now)).toBe("delayed");
    expect(kindState(kind({ dead: 1, queued: 1, dueSince: ago(SYNC_DELAY_MS) }), now)).toBe("failing");
  });

  it("is healthy when the program is live and the queue keeps up", () => {
    expect(assessHealth("live", [kind({ done: 10, queued: 2, dueSince: ago(2000) })], now)).toEqual({
      level: "ok",
      reasons: [],
    });
  });

  it("needs attention for dead jobs and a delayed queue, across kinds", () => {
    const health = assessHealth(
      "live",
      [
        kind({ dead: 2, queued: 1, retrying: 1 }),
        kind({ kind: "publish_rewards", dead: 1, queued: 1, dueSince: ago(12 * 60_000) }),
      ],
      now,
    );
    expect(health).toEqual({
      level: "critical",
      reasons: [
        { code: "dead_jobs", count: 3 },
        { code: "sync_delayed", minutes: 12 },
        { code: "retrying", count: 1 },
      ],
    });
  });

  it("watches retries and a paused program; a draft is only information", () => {
    expect(assessHealth("live", [kind({ queued: 1, retrying: 1 })], now).level).toBe("warning");
    expect(assessHealth("paused", [], now)).toEqual({ level: "warning", reasons: [{ code: "program_paused" }] });
    expect(assessHealth("draft", [], now)).toEqual({ level: "info", reasons: [{ code: "program_draft" }] });
    expect(assessHealth("none", [], now)).toEqual({ level: "info", reasons: [{ code: "no_program" }] });
  });
});
