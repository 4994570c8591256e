// The dashboard's daily figures (DailyStat), kept by a scheduled job so a view reads one row a
// day instead of the ledger, members, codes and orders behind them. Each run finds the days that
// changed since the last one (plus today) and recomputes those whole, so a run is idempotent and
// overlapping runs agree; once a day it recomputes the whole past year, which also catches what
// the incremental run can't see (members and orders erased, an old order cancelled).
import db, { provider, sql } from "../db.server";
import { transaction } from "../db/sql.server";
import {
  addDays,
  dayOf,
  FIGURES,
  rollupDays,
  startOfDay,
  touchedDays,
  type DayCount,
  type DayFigures,
  type DayMoney,
  type LedgerGroup,
  type OrderGroup,
  type RollupSources,
} from "../loyalty/dashboard";

/** Changes stamped up to this long before a run committed after it read: the next run looks back this far. */
export const OVERLAP_MS = 5 * 60_000;
/** How far back an order's change is looked for in an incremental run (older: the daily full run). */
const ORDER_LOOKBACK_DAYS = 60;
/** The full recompute's reach: the longest period plus today. */
const FULL_DAYS = 366;
const ROWS_PER_STATEMENT = 50;

/** A timestamp column's UTC day as "YYYY-MM-DD" (SQLite keeps ISO text, PostgreSQL timestamps in UTC). */
const day = (column: string) =>
  provider === "postgresql" ? `to_char(${column}, 'YYYY-MM-DD')` : `substr(${column}, 1, 10)`;

// The order's state is JSON (app/loyalty/order-points.ts): paid and not cancelled.
const COUNTED_ORDER = `o."total" IS NOT NULL AND o."state" LIKE '%"paid":true%' AND o."state" NOT LIKE '%"cancelled":true%'`;

/** What the figures of the days from `first` to `last` are made of, read from the shop's tables. */
async function sourcesFor(shop: string, currency: string, first: string, last: string): Promise<RollupSources> {
  const q = sql(db);
  const from = startOfDay(first);
  const to = startOfDay(addDays(last, 1));
  const range = [shop, from, to];
  const [before, enrolled, ledger, redemptions, codesUsed, orders, codeOrders] = await Promise.all([
    q.query<{ count: number }>(`SELECT COUNT(*) AS "count" FROM "Member" WHERE "shop" = $1 AND "enrolledAt" < $2`, [
      shop,
      from,
    ]),
    q.query<DayCount>(
      `SELECT ${day(`"enrolledAt"`)} AS "day", COUNT(*) AS "count" FROM "Member"
       WHERE "shop" = $1 AND "enrolledAt" >= $2 AND "enrolledAt" < $3 GROUP BY 1`,
      range,
    ),
    q.query<LedgerGroup>(
      `SELECT ${day(`"createdAt"`)} AS "day", "reason",
         SUM(CASE WHEN "lifetimeEarned" > 0 THEN "lifetimeEarned" ELSE 0 END) AS "earnedUp",
         SUM(CASE WHEN "lifetimeEarned" < 0 THEN -"lifetimeEarned" ELSE 0 END) AS "earnedDown",
         SUM("lifetimeRedeemed") AS "redeemed", SUM("available") AS "available"
       FROM "LedgerEntry" WHERE "shop" = $1 AND "createdAt" >= $2 AND "createdAt" < $3 GROUP BY 1, 2`,
      range,
    ),
    q.query<DayCount>(
      `SELECT ${day(`"createdAt"`)} AS "day", COUNT(*) AS "count" FROM "Redemption"
       WHERE "shop" = $1 AND "createdAt" >= $2 AND "createdAt" < $3 AND "status" = 'issued' GROUP BY 1`,
      range,
    ),
    q.query<DayCount>(
      `SELECT ${day(`"usedAt"`)} AS "day", COUNT(*) AS "count" FROM "Redemption"
       WHERE "shop" = $1 AND "usedAt" >= $2 AND "usedAt" < $3 GROUP BY 1`,
      range,
    ),
    // A member's order is one that earned in the program (orders/paid set its member); an earlier
    // order from the same customer makes it a returning customer's.
    q.query<OrderGroup>(
      `SELECT ${day(`o."placedAt"`)} AS "day",
         CASE WHEN o."memberId" IS NOT NULL THEN 'member' WHEN o."customerId" IS NOT NULL THEN 'known' ELSE 'guest' END AS "buyer",
         COUNT(*) AS "orders", SUM(o."total") AS "revenue",
         SUM(CASE WHEN o."customerId" IS NOT NULL AND EXISTS (SELECT 1 FROM "LoyaltyOrder" p
           WHERE p."shop" = o."shop" AND p."customerId" = o."customerId" AND p."placedAt" < o."placedAt")
           THEN 1 ELSE 0 END) AS "returning"
       FROM "LoyaltyOrder" o
       WHERE o."shop" = $1 AND o."placedAt" >= $2 AND o."placedAt" < $3 AND o."currency" = $4 AND ${COUNTED_ORDER}
       GROUP BY 1, 2`,
      [...range, currency],
    ),
    // Codes are marked used at the order's placing time; the window around the range is slack.
    q.query<DayMoney>(
      `SELECT ${day(`o."placedAt"`)} AS "day", COUNT(*) AS "orders", SUM(o."total") AS "revenue"
       FROM "LoyaltyOrder" o
       WHERE o."shop" = $1 AND o."placedAt" >= $2 AND o."placedAt" < $3 AND o."currency" = $4 AND ${COUNTED_ORDER}
         AND o."orderId" IN (SELECT r."usedOrderId" FROM "Redemption" r
           WHERE r."shop" = $1 AND r."usedAt" >= $5 AND r."usedAt" < $6)
       GROUP BY 1`,
      [...range, currency, startOfDay(addDays(first, -2)), startOfDay(addDays(last, 3))],
    ),
  ]);
  return { membersBefore: before[0]?.count ?? 0, enrolled, ledger, redemptions, codesUsed, orders, codeOrders };
}

/** The UTC days the shop's changes since `since` fall on. */
async function changedDays(shop: string, since: Date): Promise<string[]> {
  const q = sql(db);
  const rows = (
    await Promise.all([
      q.query<{ day: string }>(
        `SELECT DISTINCT ${day(`"createdAt"`)} AS "day" FROM "LedgerEntry" WHERE "shop" = $1 AND "createdAt" >= $2`,
        [shop, since],
      ),
      q.query<{ day: string }>(
        `SELECT DISTINCT ${day(`"enrolledAt"`)} AS "day" FROM "Member" WHERE "shop" = $1 AND "enrolledAt" >= $2`,
        [shop, since],
      ),
      // The queue's (status, updatedAt) index finds the codes that changed.
      q.query<{ day: string; used: string | null }>(
        `SELECT DISTINCT ${day(`"createdAt"`)} AS "day", ${day(`"usedAt"`)} AS "used" FROM "Redemption"
         WHERE "status" IN ('holding', 'issued', 'failed') AND "updatedAt" >= $2 AND "shop" = $1`,
        [shop, since],
      ),
      // Orders by placing date (indexed), recent ones only: an old order's late change waits for the full run.
      q.query<{ day: string }>(
        `SELECT DISTINCT ${day(`"placedAt"`)} AS "day" FROM "LoyaltyOrder"
         WHERE "shop" = $1 AND "placedAt" >= $3 AND "updatedAt" >= $2`,
        [shop, since, new Date(since.getTime() - ORDER_LOOKBACK_DAYS * 86_400_000)],
      ),
    ])
  ).flat() as { day: string; used?: string | null }[];
  return rows.flatMap((r) => (r.used ? [r.day, r.used] : [r.day]));
}

const COLUMNS = ["shop", "day", ...FIGURES, "updatedAt"] as const;

function upsertDays(shop: string, days: DayFigures[], now: Date) {
  const statements = [];
  for (let i = 0; i < days.length; i += ROWS_PER_STATEMENT) {
    const chunk = days.slice(i, i + ROWS_PER_STATEMENT);
    const values = chunk.map((_, r) => `(${COLUMNS.map((_, c) => `$${r * COLUMNS.length + c + 1}`).join(", ")})`);
    statements.push({
      text: `INSERT INTO "DailyStat" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES ${values.join(", ")}
        ON CONFLICT ("shop", "day") DO UPDATE SET ${[...FIGURES, "updatedAt"].map((c) => `"${c}" = EXCLUDED."${c}"`).join(", ")}`,
      args: chunk.flatMap((d) => [shop, startOfDay(d.day), ...FIGURES.map((f) => d[f]), now]),
    });
  }
  return statements;
}

export interface RollupOutcome {
  shop: string;
  full: boolean;
  days: number;
}

/**
 * Brings the shop's figures up to `now`: the days changed since the last run and today, or the
 * whole past year when the day's full run is due (or there was never a run). Safe to repeat.
 */
export async function rollupShop(shop: string, now = new Date()): Promise<RollupOutcome | null> {
  const [program, state] = await Promise.all([
    db.program.findUnique({ where: { shop }, select: { currency: true } }),
    db.dashboardRollup.findUnique({ where: { shop }, select: { through: true, fullAt: true } }),
  ]);
  if (!program) return null;
  const today = dayOf(now);
  const full = !state || dayOf(state.fullAt) < today;
  const through = new Date(now.getTime() - OVERLAP_MS);
  const changed = full ? [] : await changedDays(shop, state.through);
  if (!full && changed.length === 0) {
    // Nothing moved since the last run (most shops, most minutes): no day and no total to redo.
    await db.dashboardRollup.update({ where: { shop }, data: { through } });
    return { shop, full: false, days: 0 };
  }
  const days = full
    ? { first: addDays(today, 1 - FULL_DAYS), last: today, only: null }
    : (() => {
        const only = touchedDays(changed, now).filter((d) => d <= today);
        return { first: only[0]!, last: only[only.length - 1]!, only: new Set(only) };
      })();
  const figures = rollupDays(days.first, days.last, await sourcesFor(shop, program.currency, days.first, days.last));
  const kept = days.only ? figures.filter((d) => days.only.has(d.day)) : figures;
  const [snapshot] = await sql(db).query<{ members: number; available: number | null; pending: number | null }>(
    `SELECT COUNT(*) AS "members", SUM("available") AS "available", SUM("pending") AS "pending"
     FROM "Member" WHERE "shop" = $1`,
    [shop],
  );
  const totals = {
    members: snapshot?.members ?? 0,
    available: BigInt(snapshot?.available ?? 0),
    pending: BigInt(snapshot?.pending ?? 0),
  };
  await transaction(db, async (tx) => {
    await sql(tx).batch(upsertDays(shop, kept, now));
    await tx.dashboardRollup.upsert({
      where: { shop },
      create: { shop, through, fullAt: now, ...totals },
      update: { through, ...(full ? { fullAt: now } : {}), ...totals },
    });
  });
  return { shop, full, days: kept.length };
}

/** The scheduled task: every shop with a program. Returns the days recomputed. */
export async function rollupDashboards(now = new Date()): Promise<number> {
  let days = 0;
  for (const { shop } of await db.program.findMany({ select: { shop: true } })) {
    days += (await rollupShop(shop, now))?.days ?? 0;
  }
  return days;
}
