// The member's birthday: day and month only ("MM-DD", the API's form; the year is neither asked
// nor kept), checked here before it is sent, and the form's save flow.
import { signal } from "@preact/signals";
import type { I18n } from "@shopify/ui-extensions";
import { ApiError, type StorefrontClient } from "../../shared/api";

// 2000 was a leap year: 29 February is a valid birthday.
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export type BirthdayInput = { ok: true; birthday: string } | { ok: false; error: "empty" | "format" | "date" };

/** "03-14", "3-14", "03/14", "3.14" → "03-14": month first, as the field's label says. */
export function parseBirthdayInput(text: string): BirthdayInput {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: false, error: "empty" };
  const match = /^(\d{1,2})\s*[-/.]\s*(\d{1,2})$/.exec(trimmed);
  if (!match) return { ok: false, error: "format" };
  const month = Number(match[1]);
  const day = Number(match[2]);
  const days = DAYS_IN_MONTH[month - 1];
  if (days === undefined || day < 1 || day > days) return { ok: false, error: "date" };
  return { ok: true, birthday: `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
}

/** "03-14" → "March 14" / "14 марта", in the shopper's locale. */
export function formatBirthday(i18n: Pick<I18n, "formatDate">, birthday: string): string {
  const [month, day] = birthday.split("-").map(Number);
  const date = new Date(Date.UTC(2000, (month ?? 1) - 1, day ?? 1));
  return i18n.formatDate(date, { month: "long", day: "numeric", timeZone: "UTC" });
}

export type BirthdayStatus = "idle" | "saving" | "saved" | "failed";

export function createBirthdayForm(client: Pick<StorefrontClient, "setBirthday">) {
  const saved = signal<string | null>(null);
  const value = signal("");
  const status = signal<BirthdayStatus>("idle");
  /** The field's error: a translation key (`birthday.error.*`) or the server's own message. */
  const fieldError = signal<{ key: string } | { message: string } | null>(null);
  /** Why a save failed when the field was not at fault (network, server). */
  const saveError = signal<unknown>(null);
  let touched = false;

  /** The birthday the server holds; fills the field unless the shopper is already typing. */
  function init(birthday: string | null) {
    saved.value = birthday;
    if (!touched) value.value = birthday ?? "";
  }

  function edit(text: string) {
    touched = true;
    value.value = text;
    fieldError.value = null;
    if (status.value !== "saving") status.value = "idle";
  }

  /** Resolves true when saved; never throws. */
  async function save(): Promise<boolean> {
    if (status.value === "saving") return false;
    const input = parseBirthdayInput(value.value);
    if (!input.ok) {
      fieldError.value = { key: `birthday.error.${input.error}` };
      return false;
    }
    status.value = "saving";
    fieldError.value = null;
    saveError.value = null;
    try {
      const answer = await client.setBirthday(input.birthday);
      saved.value = answer.birthday;
      value.value = answer.birthday;
      touched = false;
      status.value = "saved";
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === "invalid_request" && error.field === "birthday") {
        fieldError.value = error.serverMessage ? { message: error.serverMessage } : { key: "birthday.error.date" };
        status.value = "idle";
      } else {
        saveError.value = error;
        status.value = "failed";
      }
      return false;
    }
  }

  return { saved, value, status, fieldError, saveError, init, edit, save };
}

export type BirthdayForm = ReturnType<typeof createBirthdayForm>;
