// The segments' thresholds as the merchant edits them. A save is one transaction on the locked
// program row: the thresholds go into the program's settings, with an audit entry.
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { segmentSettingsOf } from "../segments/segments.server";
import { recordAudit } from "./audit.server";
import { PROGRAM_SUBJECT } from "./program-settings-form";
import { lockedProgram, writeSettings } from "./program-writes.server";
import { SEGMENT_FIELDS, segmentSettingsFromForm, type SegmentErrors, type SegmentForm } from "./segment-settings-form";

export type SegmentSaveResult = { ok: true; changed: boolean } | { ok: false; errors: SegmentErrors };

/** Saves submitted thresholds; null when the shop has no program. Invalid input changes nothing. */
export function saveSegmentSettings(shop: string, actor: string, form: SegmentForm) {
  return transaction(db, async (tx): Promise<SegmentSaveResult | null> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return null;
    const submitted = segmentSettingsFromForm(form, program.currency);
    if (!submitted.ok) return submitted;
    const before = segmentSettingsOf(program.settings, program.currency);
    const after = submitted.settings;
    const changed = SEGMENT_FIELDS.filter((field) => before[field] !== after[field]);
    if (changed.length === 0) return { ok: true, changed: false };
    await writeSettings(tx, shop, program.settings, { ...program.settings, segments: after });
    await recordAudit(tx, {
      shop,
      actor,
      action: "segments.settings.update",
      subject: PROGRAM_SUBJECT,
      before: Object.fromEntries(changed.map((field) => [field, before[field]])),
      after: Object.fromEntries(changed.map((field) => [field, after[field]])),
    });
    return { ok: true, changed: true };
  });
}
