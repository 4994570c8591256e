// The shop's program and earn-rule versions in the database.
import type { EarnRules } from "../loyalty/earn";
import {
  defaultEarnRules,
  defaultSettings,
  earnRulesSchema,
  programSettingsSchema,
  type ProgramSettings,
} from "../loyalty/program";
import { sql } from "../db.server";
import { parseJsonColumn } from "../db/json-column";
import type { Ladder } from "../loyalty/tiers";
import { ensureDefaultRewards } from "../rewards/catalog.server";
import { ladderFrom } from "../tiers/ladder.server";
import type { Statement } from "../db/sql.server";
import type { Client, Tx } from "./ledger.server";

export interface LoadedProgram {
  shop: string;
  status: string;
  currency: string;
  settings: ProgramSettings;
  live: boolean;
}

/**
 * Every shop gets the default program at install (live at once in the demo): its settings, its
 * first earn rules and three rewards. Safe to repeat.
 */
export async function ensureProgram(tx: Tx, shop: string, currency: string, live: boolean, now = new Date()) {
  const existing = await tx.program.findUnique({ where: { shop } });
  if (existing) return;
  await ensureDefaultRewards(tx, shop, currency);
  await tx.program.create({
    data: { shop, currency, status: live ? "live" : "draft", settings: JSON.stringify(defaultSettings()) },
  });
  await tx.earnRuleVersion.create({
    data: { shop, version: 1, activeFrom: now, rules: JSON.stringify(defaultEarnRules(currency)) },
  });
}

type ProgramRow = { status: string; currency: string; settings: string };

const programFrom = (shop: string, row: ProgramRow): LoadedProgram => ({
  shop,
  status: row.status,
  currency: row.currency,
  settings: parseJsonColumn(programSettingsSchema, "settings", row.settings),
  live: row.status === "live",
});

export async function loadProgram(tx: Client, shop: string): Promise<LoadedProgram | null> {
  const [row] = await sql(tx).query<{ status: string; currency: string; settings: string }>(
    `SELECT "status", "currency", "settings" FROM "Program" WHERE "shop" = $1`,
    [shop],
  );
  if (!row) return null;
  return programFrom(shop, row);
}

/** The version an order placed at $2 is judged by (see rulesAt), as an ORDER BY over "EarnRuleVersion". */
const RULES_FOR_TIME = `ORDER BY CASE WHEN "activeFrom" <= $2 THEN 0 ELSE 1 END,
  CASE WHEN "activeFrom" <= $2 THEN -"version" ELSE "version" END LIMIT 1`;

export interface ProgramAndRules {
  program: LoadedProgram | null;
  rules: { version: number; rules: EarnRules } | null;
  ladder: Ladder | null;
}

/** The columns of `programAndRulesQuery`'s row. */
export const PROGRAM_AND_RULES_COLUMNS = ["status", "currency", "settings", "version", "rules", "ladder"] as const;

/** What `programAndRulesQuery` returns for a shop with a program. */
export interface ProgramAndRulesRow {
  status: string;
  currency: string;
  settings: string;
  version: number | null;
  rules: string | null;
  ladder: string | null;
}

/** The read of the program, the rules an order placed at $2 is judged by, and the ladder. */
const PROGRAM_AND_RULES = `SELECT p."status", p."currency", p."settings",
       (SELECT "version" FROM "EarnRuleVersion" WHERE "shop" = $1 ${RULES_FOR_TIME}) AS "version",
       (SELECT "rules" FROM "EarnRuleVersion" WHERE "shop" = $1 ${RULES_FOR_TIME}) AS "rules",
       (SELECT "settings" FROM "TierLadder" WHERE "shop" = $1) AS "ladder"
     FROM "Program" p WHERE p."shop" = $1`;

export const programAndRulesQuery = (shop: string, at: Date): Statement => ({
  text: PROGRAM_AND_RULES,
  args: [shop, at],
});

/** The program, rules and ladder from their row (none: the shop has no program). */
export function programAndRulesFrom(shop: string, row: ProgramAndRulesRow | undefined): ProgramAndRules {
  if (!row) return { program: null, rules: null, ladder: null };
  const program = programFrom(shop, row);
  const rules =
    row.version !== null && row.rules !== null
      ? { version: Number(row.version), rules: parseJsonColumn(earnRulesSchema, "rules", row.rules) }
      : null;
  return { program, rules, ladder: ladderFrom(row.ladder) };
}

/** The program and the rules an order placed at `at` is judged by, in one read. */
export async function programAndRules(tx: Client, shop: string, at: Date): Promise<ProgramAndRules> {
  const query = programAndRulesQuery(shop, at);
  const [row] = await sql(tx).query<ProgramAndRulesRow>(query.text, query.args);
  return programAndRulesFrom(shop, row);
}

/**
 * The earn rules an order placed at `at` is judged by: the newest version already active then.
 * An order from before the program existed is judged by its first version. One row is read:
 * this runs for every paid order.
 */
export async function rulesAt(
  tx: Client,
  shop: string,
  at: Date,
): Promise<{ version: number; rules: EarnRules } | null> {
  const [row] = await sql(tx).query<{ version: number; rules: string }>(
    `SELECT "version", "rules" FROM "EarnRuleVersion" WHERE "shop" = $1 ${RULES_FOR_TIME}`,
    [shop, at],
  );
  if (!row) return null;
  return { version: row.version, rules: parseJsonColumn(earnRulesSchema, "rules", row.rules) };
}
