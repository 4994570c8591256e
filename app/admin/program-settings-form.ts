// The program settings form: what the admin page shows (every value as the text a field holds)
// and how a submitted form becomes settings. Validation is the domain's own schemas
// (programSettingsSchema, the purchase rule's rounding), so the page and the engine agree on
// every limit; each problem is reported on the field it belongs to, as a message key.
import { earnRulesSchema, programSettingsSchema, type ProgramSettings } from "../loyalty/program";
import type { MessageKey } from "../i18n/translate";
import type { EarnRules } from "../loyalty/earn";
import { textFields, wholeNumber, type FormSource } from "./form-text";

export const SETTINGS_FIELDS = [
  "pointsNameEn",
  "pointsNameRu",
  "pendingDays",
  "expiryKind",
  "expiryMonths",
  "allowNegativeAfterRefund",
  "rounding",
  "codePrefix",
  "codeOnRefund",
  "returnPointsForExpiredCodes",
] as const;

export type SettingsField = (typeof SETTINGS_FIELDS)[number];
export type SettingsForm = Record<SettingsField, string>;
/** A message per field; `form` for a problem no single field owns. */
export type FieldErrors = Partial<Record<SettingsField | "form", MessageKey>>;

export type Rounding = EarnRules["purchase"]["rounding"];
const roundingSchema = earnRulesSchema.shape.purchase.shape.rounding;

/** The settings the form edits, plus rounding (which lives in the earn rules). */
export interface EditedSettings {
  settings: ProgramSettings;
  rounding: Rounding;
}

const yesNo = (value: boolean) => (value ? "yes" : "no");

export function formOf({ settings, rounding }: EditedSettings): SettingsForm {
  return {
    pointsNameEn: settings.pointsName.en,
    pointsNameRu: settings.pointsName.ru,
    pendingDays: String(settings.pendingDays),
    expiryKind: settings.expiry.kind,
    // A months value stays in the form when expiry is off, ready for the merchant to switch back.
    expiryMonths: settings.expiry.kind === "never" ? "12" : String(settings.expiry.months),
    allowNegativeAfterRefund: yesNo(settings.allowNegativeAfterRefund),
    rounding,
    codePrefix: settings.codePrefix,
    codeOnRefund: settings.codeOnRefund,
    returnPointsForExpiredCodes: yesNo(settings.returnPointsForExpiredCodes),
  };
}

/** The submitted settings fields. */
export const readForm = (data: FormSource): SettingsForm => textFields(data, SETTINGS_FIELDS);

/** "yes"/"no" → a boolean; anything else stays text, which the schema rejects (undefined would take its default). */
const flag = (text: string) => (text === "yes" ? true : text === "no" ? false : text);

const MESSAGES: Record<SettingsField, MessageKey> = {
  pointsNameEn: "program.error.pointsName",
  pointsNameRu: "program.error.pointsName",
  pendingDays: "program.error.pendingDays",
  expiryKind: "program.error.expiryKind",
  expiryMonths: "program.error.expiryMonths",
  allowNegativeAfterRefund: "program.error.choice",
  rounding: "program.error.choice",
  codePrefix: "program.error.codePrefix",
  codeOnRefund: "program.error.choice",
  returnPointsForExpiredCodes: "program.error.choice",
};

/** The form field a settings schema issue belongs to. */
function fieldOf(path: readonly PropertyKey[]): SettingsField | "form" {
  const [head, inner] = path;
  if (head === "pointsName") return inner === "ru" ? "pointsNameRu" : "pointsNameEn";
  if (head === "expiry") return inner === "months" ? "expiryMonths" : "expiryKind";
  return SETTINGS_FIELDS.includes(head as SettingsField) ? (head as SettingsField) : "form";
}

/**
 * The submitted form applied to the current settings (fields the form doesn't edit, such as
 * actions, are kept), or a message for every field that is wrong.
 */
export function settingsFromForm(
  current: ProgramSettings,
  form: SettingsForm,
): { ok: true; edited: EditedSettings } | { ok: false; errors: FieldErrors } {
  const kind = form.expiryKind;
  const candidate = {
    ...current,
    pointsName: { en: form.pointsNameEn.trim(), ru: form.pointsNameRu.trim() },
    pendingDays: wholeNumber(form.pendingDays),
    allowNegativeAfterRefund: flag(form.allowNegativeAfterRefund),
    expiry: kind === "never" ? { kind } : { kind, months: wholeNumber(form.expiryMonths) },
    // Codes are made upper case (discountCode); the prefix is kept as the codes show it.
    codePrefix: form.codePrefix.trim().toUpperCase(),
    codeOnRefund: form.codeOnRefund,
    returnPointsForExpiredCodes: flag(form.returnPointsForExpiredCodes),
  };
  const settings = programSettingsSchema.safeParse(candidate);
  const rounding = roundingSchema.safeParse(form.rounding);
  const errors: FieldErrors = {};
  for (const issue of settings.error?.issues ?? []) {
    const field = fieldOf(issue.path);
    errors[field] ??= field === "form" ? "program.error.invalid" : MESSAGES[field];
  }
  if (!rounding.success) errors.rounding = MESSAGES.rounding;
  if (!settings.success || !rounding.success) return { ok: false, errors };
  return { ok: true, edited: { settings: settings.data, rounding: rounding.data } };
}

/** What the audit log keeps of the edited settings: the form's part, rounding included. */
export const auditedOf = ({ settings, rounding }: EditedSettings) => ({
  pointsName: settings.pointsName,
  pendingDays: settings.pendingDays,
  expiry: settings.expiry,
  allowNegativeAfterRefund: settings.allowNegativeAfterRefund,
  rounding,
  codePrefix: settings.codePrefix,
  codeOnRefund: settings.codeOnRefund,
  returnPointsForExpiredCodes: settings.returnPointsForExpiredCodes,
});

type Audited = ReturnType<typeof auditedOf>;

/** The audited values that differ, before and after (empty objects when nothing changed). */
export function changedSettings(before: EditedSettings, after: EditedSettings) {
  const old = auditedOf(before);
  const now = auditedOf(after);
  const keys = (Object.keys(now) as (keyof Audited)[]).filter(
    (key) => JSON.stringify(old[key]) !== JSON.stringify(now[key]),
  );
  return {
    keys,
    before: Object.fromEntries(keys.map((key) => [key, old[key]])),
    after: Object.fromEntries(keys.map((key) => [key, now[key]])),
  };
}

/** The audit log's subject for program-wide changes (settings, status). */
export const PROGRAM_SUBJECT = "program";
