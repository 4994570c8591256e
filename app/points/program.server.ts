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
import { ensureDefaultRewards } from "../rewards/catalog.server";
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

/**
 * Settings and rules are JSON validated on every read; the same text always parses to the same
 * value, so the last few are remembered (read-only: callers never change them).
 */
const parsed = new Map<string, unknown>();
function parseOnce<T>(schema: { parse(value: unknown): T }, kind: string, text: string): T {
  const key = `${kind}\u0000${text}`;
  if (parsed.has(key)) return parsed.get(key) as T;
  const value = schema.parse(JSON.parse(text));
  if (parsed.size >= 500) parsed.delete(parsed.keys().next().value!);
  parsed.set(key, value);
  return value;
}

export async function loadProgram(tx: Client, shop: string): Promise<LoadedProgram | null> {
  const [row] = await sql(tx).query<{ status: string; currency: string; settings: string }>(
    `SELECT "status", "currency", "settings" FROM "Program" WHERE "shop" = $1`,
    [shop],
  );
  if (!row) return null;
  const settings = parseOnce(programSettingsSchema, "settings", row.settings);
  return { shop, status: row.status, currency: row.currency, settings, live: row.status === "live" };
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
    `SELECT "version", "rules" FROM "EarnRuleVersion" WHERE "shop" = $1
     ORDER BY CASE WHEN "activeFrom" <= $2 THEN 0 ELSE 1 END, CASE WHEN "activeFrom" <= $2 THEN -"version" ELSE "version" END
     LIMIT 1`,
    [shop, at],
  );
  if (!row) return null;
  return { version: row.version, rules: parseOnce(earnRulesSchema, "rules", row.rules) };
}
