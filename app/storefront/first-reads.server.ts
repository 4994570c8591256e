// What GET /api/storefront/loyalty reads first, for one shopper: the program with its rules and
// ladder, the active rewards, the member and their codes. Every extension page view asks, so on
// PostgreSQL it is one statement (one round trip, one parse) instead of four; SQLite, in process,
// reads them one by one.
import db, { sql } from "../db.server";
import { aliasedColumns, columnsOf, withClauses } from "../db/sql.server";
import {
  programAndRules,
  programAndRulesFrom,
  programAndRulesQuery,
  PROGRAM_AND_RULES_COLUMNS,
  type ProgramAndRules,
  type ProgramAndRulesRow,
} from "../points/program.server";
import { listRewards, storedReward, type RewardRow, type StoredReward } from "../rewards/catalog.server";

export interface MemberView {
  id: string;
  status: string;
  available: number;
  pending: number;
  lifetimeEarned: number;
  lastActivityAt: Date | null;
  birthday: string | null;
  tierId: string | null;
}

export interface CodeView {
  rewardId: string;
  code: string;
  title: string;
  discount: string;
  endsAt: Date;
  usedAt: Date | null;
  status: string;
}

export interface FirstReads extends ProgramAndRules {
  rewards: StoredReward[];
  /** The shopper's member row, if they are one (any status). */
  member: MemberView | null;
  /** An active member's codes still held or issued and not returned, newest first. */
  codes: CodeView[];
}

const MEMBER_COLUMNS = [
  "id",
  "status",
  "available",
  "pending",
  "lifetimeEarned",
  "lastActivityAt",
  "birthday",
  "tierId",
] as const;

/** The shopper's member row ($1 the shop, $2 the customer: none for a guest). */
const MEMBER = `SELECT ${MEMBER_COLUMNS.map((c) => `"${c}"`).join(", ")} FROM "Member" WHERE "shop" = $1 AND "customerId" = $2`;

const CODES_WHERE = `"shop" = $1 AND "memberId" = $2 AND "status" IN ('holding', 'issued') AND "returnedAt" IS NULL`;

/** A json_agg column: node-postgres may hand it over parsed or as text; null when no rows. */
const jsonRows = (value: unknown): unknown[][] =>
  value === null || value === undefined ? [] : ((typeof value === "string" ? JSON.parse(value) : value) as unknown[][]);

/** Timestamps inside JSON travel as epoch milliseconds (JSON has no dates). */
const epochMs = (column: string) => `floor(extract(epoch from ${column}) * 1000)`;
const dateOf = (ms: unknown) => (ms === null ? null : new Date(Number(ms)));

/**
 * PostgreSQL's one row ($1 the shop), after the program (cfg) and the member (mem): the active
 * rewards in the merchant's order and an active member's live codes, as JSON arrays.
 */
const ONE_ROW = `SELECT ${aliasedColumns("cfg", PROGRAM_AND_RULES_COLUMNS)}, ${aliasedColumns("mem", MEMBER_COLUMNS)},
        (SELECT json_agg(json_build_array("id", "status", "position", "definition") ORDER BY "position", "createdAt")
           FROM "Reward" WHERE "shop" = $1 AND "status" = 'active') AS "rewards",
        (SELECT json_agg(json_build_array("rewardId", "code", "title", "discount", ${epochMs(`"endsAt"`)},
             ${epochMs(`"usedAt"`)}, "status") ORDER BY "createdAt" DESC)
           FROM "Redemption" WHERE ${CODES_WHERE.replace("$2", `mem."id"`)} AND mem."status" = 'active') AS "codes"
        FROM cfg LEFT JOIN mem ON true`;

export async function firstReads(shop: string, customerId: string | null, now: Date): Promise<FirstReads | null> {
  const client = sql(db);
  if (client.dialect === "sqlite") {
    const [read, rewards, [member]] = await Promise.all([
      programAndRules(db, shop, now),
      listRewards(db, shop, ["active"]),
      customerId ? client.query<MemberView>(MEMBER, [shop, customerId]) : [],
    ]);
    if (!read.program) return null;
    const codes =
      member?.status === "active"
        ? await client.query<CodeView>(
            `SELECT "rewardId", "code", "title", "discount", "endsAt", "usedAt", "status" FROM "Redemption"
             WHERE ${CODES_WHERE} ORDER BY "createdAt" DESC`,
            [shop, member.id],
          )
        : [];
    return { ...read, rewards, member: member ?? null, codes };
  }
  const statement = withClauses(
    [
      { name: "cfg", statement: programAndRulesQuery(shop, now) },
      { name: "mem", statement: { text: MEMBER, args: [shop, customerId] } },
    ],
    {
      text: ONE_ROW,
      args: [shop],
    },
  );
  const [row] = await client.query<Record<string, unknown>>(statement.text, statement.args);
  if (!row) return null;
  const member = row["mem.id"] === null ? null : columnsOf<MemberView>(row, "mem", MEMBER_COLUMNS);
  return {
    ...programAndRulesFrom(shop, columnsOf<ProgramAndRulesRow>(row, "cfg", PROGRAM_AND_RULES_COLUMNS)),
    rewards: jsonRows(row.rewards).map(([id, status, position, definition]) =>
      storedReward({ id, status, position, definition } as RewardRow),
    ),
    member,
    codes: jsonRows(row.codes).map(([rewardId, code, title, discount, endsAt, usedAt, status]) => ({
      rewardId: rewardId as string,
      code: code as string,
      title: title as string,
      discount: discount as string,
      endsAt: dateOf(endsAt)!,
      usedAt: dateOf(usedAt),
      status: status as string,
    })),
  };
}
