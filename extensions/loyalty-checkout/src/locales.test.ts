// The locale files hold every string the extension asks for, in English and Russian, with the
// plural forms each language needs, and every `t:` key of the TOML.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Translations } from "../../host/i18n";
import { SHARED_KEYS } from "../../shared/format";

const DIR = path.join(import.meta.dirname, "..");
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, "locales", file), "utf8")) as Translations;
const en = read("en.default.json");
const ru = read("ru.json");

const node = (strings: Translations, key: string) =>
  key
    .split(".")
    .reduce<string | Translations | undefined>((n, part) => (typeof n === "object" ? n[part] : undefined), strings);
const PLURAL = ["one", "few", "many", "other", "zero"];
const isPlural = (n: unknown): n is Translations =>
  typeof n === "object" && n !== null && Object.keys(n).every((k) => PLURAL.includes(k));

/** Keys the components pass to translate, read from their source. */
function usedKeys(): string[] {
  const keys = new Set<string>(["heading"]);
  for (const file of fs.readdirSync(path.join(DIR, "src")).filter((f) => f.endsWith(".tsx") && !f.includes(".test."))) {
    const source = fs.readFileSync(path.join(DIR, "src", file), "utf8");
    for (const match of source.matchAll(/"((?:member|cash|applied|notice|guest)\.[a-z_]+)"/g)) keys.add(match[1]!);
  }
  return [...keys];
}

function tomlKeys(): string[] {
  const toml = fs.readFileSync(path.join(DIR, "shopify.extension.toml"), "utf8");
  return [...toml.matchAll(/"t:([\w.]+)"/g)].map((m) => m[1]!);
}

describe("locales", () => {
  const keys = [...SHARED_KEYS, ...usedKeys(), ...tomlKeys()];

  it("has every key the extension and its TOML use, in both languages", () => {
    expect(usedKeys().length).toBeGreaterThan(20);
    expect(tomlKeys()).toEqual(expect.arrayContaining(["extension.name", "settings.heading.name"]));
    for (const strings of [en, ru]) {
      for (const key of keys) expect(node(strings, key), key).toBeDefined();
    }
  });

  it("gives Russian one/few/many/other wherever English has plural forms", () => {
    for (const key of keys) {
      const english = node(en, key);
      if (!isPlural(english)) continue;
      expect(Object.keys(english).sort(), key).toEqual(["one", "other"]);
      expect(Object.keys(node(ru, key) as object).sort(), key).toEqual(["few", "many", "one", "other"]);
    }
  });

  it("uses the same placeholders in both languages", () => {
    const placeholders = (n: unknown) =>
      [...new Set(String(typeof n === "object" ? JSON.stringify(n) : n).match(/\{\{\s*\w+\s*\}\}/g) ?? [])].sort();
    for (const key of keys) expect(placeholders(node(ru, key)), key).toEqual(placeholders(node(en, key)));
  });
});
