// Program settings as the merchant edits them: read the form's values, save a submitted form,
// turn the program on or off. A save is one transaction: the settings, a new earn-rules version
// when rounding changes (rules are versioned: orders already placed keep the rules they were
// placed under), a re-publish of the checkout catalog when what it shows changes, and the
// audit entry.
import { z } from "zod";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultEarnRules } from "../loyalty/program";
import { loadProgram, rulesAt } from "../points/program.server";
import { recordAudit } from "./audit.server";
import {
  lockedProgram,
  newRulesVersion,
  statusOf,
  writeSettings,
  writeStatus,
  type ProgramStatus,
} from "./program-writes.server";
import {
  changedSettings,
  formOf,
  settingsFromForm,
  type FieldErrors,
  type Rounding,
  type SettingsForm,
} from "./program-settings-form";

/** The audit entries' subject for the program itself (the audit page filters by it). */
import { PROGRAM_SUBJECT } from "./program-settings-form";

export { PROGRAM_SUBJECT };
export type { ProgramStatus };

export interface SettingsPage {
  form: SettingsForm;
  status: ProgramStatus;
  /** The earn-rules version in force now (rounding is part of it). */
  rulesVersion: number | null;
}

export type SaveResult = { ok: true; changed: boolean } | { ok: false; errors: FieldErrors };

/** The form's current values, or null when the shop has no program. */
export async function settingsPage(shop: string, now = new Date()): Promise<SettingsPage | null> {
  const program = await loadProgram(db, shop);
  if (!program) return null;
  const rules = await rulesAt(db, shop, now);
  const rounding: Rounding = rules?.rules.purchase.rounding ?? "down";
  return {
    form: formOf({ settings: program.settings, rounding }),
    status: statusOf(program.status),
    rulesVersion: rules?.version ?? null,
  };
}

/** Saves a submitted form; null when the shop has no program. Invalid input changes nothing. */
export async function saveProgramSettings(
  shop: string,
  actor: string,
  form: SettingsForm,
  now = new Date(),
): Promise<SaveResult | null> {
  return transaction(db, async (tx): Promise<SaveResult | null> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return null;
    const inForce = await rulesAt(tx, shop, now);
    const rules = inForce?.rules ?? defaultEarnRules(program.currency);
    const before = { settings: program.settings, rounding: rules.purchase.rounding };
    const submitted = settingsFromForm(program.settings, form);
    if (!submitted.ok) return submitted;
    const after = submitted.edited;
    const changes = changedSettings(before, after);
    if (changes.keys.length === 0) return { ok: true, changed: false };

    await writeSettings(tx, shop, program.settings, after.settings);
    if (changes.keys.includes("rounding")) {
      await newRulesVersion(tx, shop, { ...rules, purchase: { ...rules.purchase, rounding: after.rounding } }, now);
    }
    await recordAudit(tx, {
      shop,
      actor,
      action: "program.settings.update",
      subject: PROGRAM_SUBJECT,
      before: changes.before,
      after: changes.after,
    });
    return { ok: true, changed: true };
  });
}

/** A draft program can go live; a live one can pause and a paused one go live again. */
const statusSchema = z.enum(["live", "paused"]);

/** Turns the program on or off; null when the shop has no program. */
export async function setProgramStatus(shop: string, actor: string, requested: string): Promise<SaveResult | null> {
  const status = statusSchema.safeParse(requested);
  if (!status.success) return { ok: false, errors: { form: "program.error.status" } };
  return transaction(db, async (tx): Promise<SaveResult | null> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return null;
    return { ok: true, changed: await writeStatus(tx, shop, actor, program.status, status.data) };
  });
}
