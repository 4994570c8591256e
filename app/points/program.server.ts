// The shop's program and earn-rule versions in the database.
import type { EarnRules } from "../loyalty/earn";
import {
  defaultEarnRules,
  defaultSettings,
  earnRulesSchema,
  programSettingsSchema,
  type ProgramSettings,
} from "../loyalty/program";
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

export async function loadProgram(tx: Client, shop: string): Promise<LoadedProgram | null> {
  const row = await tx.program.findUnique({ where: { shop } });
  if (!row) return null;
  const settings = programSettingsSchema.parse(JSON.parse(row.settings));
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
  const version =
    (await tx.earnRuleVersion.findFirst({ where: { shop, activeFrom: { lte: at } }, orderBy: { version: "desc" } })) ??
    (await tx.earnRuleVersion.findFirst({ where: { shop }, orderBy: { version: "asc" } }));
  if (!version) return null;
  return { version: version.version, rules: earnRulesSchema.parse(JSON.parse(version.rules)) };
}
