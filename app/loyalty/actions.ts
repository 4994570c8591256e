// Points for things members do (beyond buying): custom actions a merchant awards, each with a
// limit per period, and the yearly birthday bonus.

export type Period = "lifetime" | "year" | "month" | "day";

export interface ActionRule {
  id: string;
  name: { en: string; ru: string };
  points: number;
  /** At most `count` awards per member per `per`. */
  limit: { count: number; per: Period };
}

/** The period `at` falls in (UTC): "lifetime", "2026", "2026-11" or "2026-11-24". */
export function periodOf(per: Period, at: Date): string {
  const iso = at.toISOString();
  if (per === "lifetime") return "lifetime";
  return iso.slice(0, per === "year" ? 4 : per === "month" ? 7 : 10);
}

/** Start and end (exclusive) of the period `at` falls in. */
export function periodBounds(per: Period, at: Date): { from: Date; to: Date } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const d = at.getUTCDate();
  switch (per) {
    case "lifetime":
      return { from: new Date(0), to: new Date(8.64e15) };
    case "year":
      return { from: new Date(Date.UTC(y, 0, 1)), to: new Date(Date.UTC(y + 1, 0, 1)) };
    case "month":
      return { from: new Date(Date.UTC(y, m, 1)), to: new Date(Date.UTC(y, m + 1, 1)) };
    case "day":
      return { from: new Date(Date.UTC(y, m, d)), to: new Date(Date.UTC(y, m, d + 1)) };
  }
}

export type ActionDecision = { award: true; key: string } | { award: false; reason: "limit_reached" | "no_points" };

/**
 * Whether a member may be awarded `rule` now, having been awarded it `alreadyInPeriod` times in
 * the current period; the ledger key names the award's place in the period, so a retry of the
 * same award lands on the same key.
 */
export function decideAction(rule: ActionRule, memberId: string, alreadyInPeriod: number, at: Date): ActionDecision {
  if (rule.points <= 0) return { award: false, reason: "no_points" };
  if (alreadyInPeriod >= rule.limit.count) return { award: false, reason: "limit_reached" };
  return { award: true, key: `action:${rule.id}:${memberId}:${periodOf(rule.limit.per, at)}:${alreadyInPeriod + 1}` };
}

export interface Birthday {
  month: number;
  day: number;
}

/** "MM-DD" → a valid birthday (29 February allowed), or undefined. */
export function parseBirthday(text: string): Birthday | undefined {
  const match = /^(\d{2})-(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const month = Number(match[1]);
  const day = Number(match[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days ? { month, day } : undefined;
}

const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** Whether `at` (UTC) is the birthday this year; 29 February is kept on the 28th in other years. */
export function isBirthday(birthday: Birthday, at: Date): boolean {
  const month = at.getUTCMonth() + 1;
  const day = at.getUTCDate();
  if (birthday.month === 2 && birthday.day === 29 && !leap(at.getUTCFullYear())) return month === 2 && day === 28;
  return month === birthday.month && day === birthday.day;
}
