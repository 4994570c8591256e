// The import/export page's inputs: the ledger export's date range (days in UTC, both ends
// included). Each problem is reported on its field as a message key; nothing here touches the
// database.
import { z } from "zod";
import type { MessageKey } from "../i18n/translate";
import { formText, type FormSource } from "./form-text";

export type RangeErrors = Partial<Record<"from" | "to", MessageKey>>;

const DAY_MS = 24 * 60 * 60_000;
const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((text) => new Date(`${text}T00:00:00.000Z`))
  .refine((date) => !Number.isNaN(date.getTime()));

/** 2026-02-31 may parse as a day in March: only a date that reads back as typed is that day. */
const sameDay = (text: string, date: Date) => date.toISOString().slice(0, 10) === text.trim();

/** `from` and `to` (YYYY-MM-DD) as the half-open range [from, to + 1 day) in UTC. */
export function readRange(
  source: FormSource,
): { ok: true; value: { from: Date; to: Date } } | { ok: false; errors: RangeErrors } {
  const errors: RangeErrors = {};
  const parsed = { from: formText(source, "from"), to: formText(source, "to") };
  const dates: Partial<Record<"from" | "to", Date>> = {};
  for (const field of ["from", "to"] as const) {
    const result = day.safeParse(parsed[field]);
    if (result.success && sameDay(parsed[field], result.data)) dates[field] = result.data;
    else errors[field] = parsed[field].trim() === "" ? "transfer.error.dateMissing" : "transfer.error.date";
  }
  if (dates.from && dates.to && dates.from > dates.to) errors.to = "transfer.error.range";
  if (Object.keys(errors).length > 0 || !dates.from || !dates.to) return { ok: false, errors };
  return { ok: true, value: { from: dates.from, to: new Date(dates.to.getTime() + DAY_MS) } };
}
