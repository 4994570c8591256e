// The keys this extension builds at run time (ledger reasons, reward reasons, field errors),
// which extensions/locales.test.ts cannot find in the source: each exists in both languages.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createI18n } from "../../host/i18n";
import { localeFiles } from "../../host/testing";
import { ACTION_NOTES, LEDGER_REASONS } from "./history";
import { REWARD_REASONS } from "./rewards";

const files = localeFiles(path.resolve(path.dirname(fileURLToPath(import.meta.url)), ".."));

const DYNAMIC_KEYS = [
  ...LEDGER_REASONS.map((reason) => `history.reason.${reason}`),
  ...ACTION_NOTES.map((note) => `history.reason.earn_action_${note}`),
  "history.reason.other",
  ...REWARD_REASONS.map((reason) => `rewards.reason.${reason}`),
  "rewards.reason.other",
  ...["empty", "format", "date"].map((error) => `birthday.error.${error}`),
  "codes.used",
  "codes.active",
  "history.gain",
  "history.loss",
];

describe.each(["en", "ru"])("%s", (locale) => {
  const i18n = createI18n(files, locale);
  it.each(DYNAMIC_KEYS)("translates %s", (key) => {
    expect(i18n.translate(key)).not.toBe(key);
  });
});
