// The writes every admin change to the program shares: the program row, locked (on PostgreSQL)
// for the rest of the transaction so two saves never build on the same stale state; its settings,
// re-publishing the checkout catalog when what checkout shows changes; its status, audited; and a
// new earn-rules version active from now (rules are versioned: orders already placed keep the
// rules they were placed under; old versions are never edited).
import { provider, sql } from "../db.server";
import { parseJsonColumn } from "../db/json-column";
import type { Tx } from "../db/sql.server";
import type { EarnRules } from "../loyalty/earn";
import { earnRulesSchema, programSettingsSchema, type ProgramSettings } from "../loyalty/program";
import { enqueueRewardsPublish } from "../rewards/publish.server";
import { recordAudit } from "./audit.server";
import { PROGRAM_SUBJECT } from "./program-settings-form";

export type ProgramStatus = "draft" | "live" | "paused";

export const statusOf = (value: string): ProgramStatus => (value === "live" || value === "paused" ? value : "draft");

export async function lockedProgram(tx: Tx, shop: string) {
  const [row] = await sql(tx).query<{ status: string; currency: string; settings: string; onboardedAt: Date | null }>(
    `SELECT "status", "currency", "settings", "onboardedAt" FROM "Program" WHERE "shop" = $1${
      provider === "postgresql" ? " FOR UPDATE" : ""
    }`,
    [shop],
  );
  if (!row) return null;
  return {
    status: statusOf(row.status),
    currency: row.currency,
    settings: parseJsonColumn(programSettingsSchema, "settings", row.settings),
    onboardedAt: row.onboardedAt,
  };
}

/** Writes `rules` as the next version, active from `now`; answers its number. */
export async function newRulesVersion(tx: Tx, shop: string, rules: EarnRules, now: Date): Promise<number> {
  const newest = await tx.earnRuleVersion.findFirst({ where: { shop }, orderBy: { version: "desc" } });
  const version = (newest?.version ?? 0) + 1;
  const checked = earnRulesSchema.parse(rules);
  await tx.earnRuleVersion.create({ data: { shop, version, activeFrom: now, rules: JSON.stringify(checked) } });
  return version;
}

/**
 * Saves the program's settings. The checkout catalog (app/rewards/publish.server.ts) carries the
 * points' name and the code prefix, so a change to either queues its re-publication here, for
 * every page that edits settings.
 */
export async function writeSettings(tx: Tx, shop: string, before: ProgramSettings, after: ProgramSettings) {
  const checked = programSettingsSchema.parse(after);
  await tx.program.update({ where: { shop }, data: { settings: JSON.stringify(checked) } });
  const shown = (s: ProgramSettings) => JSON.stringify([s.pointsName, s.codePrefix]);
  if (shown(before) !== shown(checked)) await enqueueRewardsPublish(tx, shop);
}

/** Changes the program's status, audited; nothing when it already has it. */
export async function writeStatus(tx: Tx, shop: string, actor: string, from: ProgramStatus, to: ProgramStatus) {
  if (from === to) return false;
  await tx.program.update({ where: { shop }, data: { status: to } });
  await recordAudit(tx, {
    shop,
    actor,
    action: "program.status",
    subject: PROGRAM_SUBJECT,
    before: { status: from },
    after: { status: to },
  });
  return true;
}
