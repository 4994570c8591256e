// The home dashboard's reads: the period's days from the rollup (at most one row a day), the
// outstanding points as the rollup last counted them, the catalog's value of a point, the
// period's top rewards (indexed by shop and date) and the latest ledger entries. Every query is
// scoped by shop; nothing here reads more than a year of rows or scans the ledger.
import db, { sql } from "../db.server";
import {
  addDays,
  fillPeriod,
  FIGURES,
  liabilityOf,
  periodDays,
  pointValueOf,
  seriesOf,
  startOfDay,
  summarize,
  type DayFigures,
  type Period,
  type PointValue,
  type SeriesPoint,
  type Summary,
} from "../loyalty/dashboard";
import type { Reason } from "../loyalty/ledger";
import { listRewards } from "../rewards/catalog.server";
import { OVERLAP_MS, rollupShop } from "./rollup.server";

export const TOP_REWARDS = 5;
export const RECENT_ENTRIES = 10;

type Title = { en: string; ru: string };

export interface TopReward {
  rewardId: string;
  /** The reward's title now, or the one its codes were issued with if it is gone. */
  title: Title;
  redemptions: number;
  points: number;
}

export interface RecentEntry {
  id: string;
  memberId: string;
  name: string | null;
  reason: Reason;
  /** The change to what the member can spend or is waiting for. */
  points: number;
  createdAt: Date;
}

export interface DashboardData {
  period: Period;
  first: string;
  last: string;
  currency: string;
  /** When the figures were last brought up to date. */
  asOf: Date;
  members: number;
  available: number;
  pending: number;
  /** The reward a point's value is taken from, and the liability of the available points. */
  pointValue: (PointValue & { title: Title }) | null;
  liability: number | null;
  summary: Summary;
  series: SeriesPoint[];
  topRewards: TopReward[];
  recent: RecentEntry[];
}

async function periodRows(shop: string, first: string, last: string): Promise<DayFigures[]> {
  const rows = await sql(db).query<Omit<DayFigures, "day"> & { day: Date }>(
    `SELECT "day", ${FIGURES.map((f) => `"${f}"`).join(", ")} FROM "DailyStat"
     WHERE "shop" = $1 AND "day" >= $2 AND "day" < $3 ORDER BY "day"`,
    [shop, startOfDay(first), startOfDay(addDays(last, 1))],
  );
  return rows.map((r) => ({ ...r, day: r.day.toISOString().slice(0, 10) }));
}

async function topRewards(shop: string, first: string, last: string) {
  return sql(db).query<{ rewardId: string; title: string; redemptions: number; points: number }>(
    `SELECT "rewardId", MAX("title") AS "title", COUNT(*) AS "redemptions", SUM("points") AS "points"
     FROM "Redemption" WHERE "shop" = $1 AND "createdAt" >= $2 AND "createdAt" < $3 AND "status" = 'issued'
     GROUP BY "rewardId" ORDER BY 3 DESC, 4 DESC, 1 LIMIT ${TOP_REWARDS}`,
    [shop, startOfDay(first), startOfDay(addDays(last, 1))],
  );
}

async function recentEntries(shop: string): Promise<RecentEntry[]> {
  const rows = await sql(db).query<{
    id: string;
    memberId: string;
    reason: Reason;
    available: number;
    pending: number;
    createdAt: Date;
    firstName: string | null;
    lastName: string | null;
    email: string | null;
  }>(
    `SELECT e."id", e."memberId", e."reason", e."available", e."pending", e."createdAt",
       m."firstName", m."lastName", m."email"
     FROM "LedgerEntry" e LEFT JOIN "Member" m ON m."id" = e."memberId"
     WHERE e."shop" = $1 ORDER BY e."createdAt" DESC, e."id" DESC LIMIT ${RECENT_ENTRIES}`,
    [shop],
  );
  return rows.map((r) => ({
    id: r.id,
    memberId: r.memberId,
    name: [r.firstName, r.lastName].filter(Boolean).join(" ").trim() || r.email || null,
    reason: r.reason,
    points: r.available + r.pending,
    createdAt: r.createdAt,
  }));
}

/** Figures older than this are brought up to date before a view (an incremental run: cheap). */
const FRESH_MS = 15_000;

/**
 * The dashboard for the last `period` days. A shop whose figures were never rolled up (a new
 * install) gets its first rollup now; the scheduled job keeps them current every minute, and a
 * view finding them more than 15 s old refreshes them first, so a merchant looking right after
 * an order sees it (rollups are idempotent upserts: one racing the job is harmless).
 */
export async function dashboardData(shop: string, period: Period, now = new Date()): Promise<DashboardData | null> {
  const program = await db.program.findUnique({ where: { shop }, select: { currency: true } });
  if (!program) return null;
  let state = await db.dashboardRollup.findUnique({ where: { shop } });
  if (!state || state.through.getTime() + OVERLAP_MS < now.getTime() - FRESH_MS) {
    await rollupShop(shop, now);
    state = await db.dashboardRollup.findUniqueOrThrow({ where: { shop } });
  }
  const { first, last } = periodDays(period, now);
  const [rows, top, recent, rewards] = await Promise.all([
    periodRows(shop, first, last),
    topRewards(shop, first, last),
    recentEntries(shop),
    listRewards(db, shop, ["active", "paused", "archived"]),
  ]);
  const titles = new Map(rewards.map((r) => [r.id, r.reward.title]));
  const value = pointValueOf(rewards.filter((r) => r.status === "active"));
  const days = fillPeriod(rows, first, last, state.members);
  const available = Number(state.available);
  return {
    period,
    first,
    last,
    currency: program.currency,
    asOf: state.updatedAt,
    members: state.members,
    available,
    pending: Number(state.pending),
    pointValue: value ? { ...value, title: titles.get(value.rewardId)! } : null,
    liability: liabilityOf(available, value),
    summary: summarize(days),
    series: seriesOf(days, period),
    topRewards: top.map((r) => ({
      rewardId: r.rewardId,
      title: titles.get(r.rewardId) ?? { en: r.title, ru: r.title },
      redemptions: r.redemptions,
      points: r.points,
    })),
    recent,
  };
}
