// Every merchant-facing string exists in English and Russian, with the same placeholders.
import polarisEn from "@shopify/polaris/locales/en.json";
import { describe, expect, it } from "vitest";
import polarisRu from "./polaris.ru.json";
import { catalogs, translator } from "./translate";

/** Strings that are the same in both languages on purpose (brand, example input). */
const SAME_IN_BOTH = new Set(["app.name", "login.shopHelp"]);
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const CYRILLIC = /[\u0400-\u04FF]/;

function flatten(value: unknown, prefix = ""): Record<string, string> {
  if (typeof value === "string") return { [prefix]: value };
  return Object.entries(value as Record<string, unknown>).reduce(
    (all, [key, inner]) => ({ ...all, ...flatten(inner, prefix ? `${prefix}.${key}` : key) }),
    {},
  );
}

describe.each([
  ["Laurel", catalogs.en, catalogs.ru],
  ["Polaris", flatten(polarisEn), flatten(polarisRu)],
])("%s catalogs", (_name, en: Record<string, string>, ru: Record<string, string>) => {
  it("have the same keys", () => {
    expect(Object.keys(ru).sort()).toEqual(Object.keys(en).sort());
  });

  it("keep each string's placeholders", () => {
    for (const key of Object.keys(en)) expect(placeholders(ru[key] ?? ""), key).toEqual(placeholders(en[key]!));
  });

  it("are really translated", () => {
    for (const [key, text] of Object.entries(ru)) {
      expect(text.trim(), key).not.toBe("");
      const words = en[key]!.replace(/\{\w+\}/g, "");
      if (!SAME_IN_BOTH.has(key) && /[a-z]{3}/i.test(words)) expect(text, key).toMatch(CYRILLIC);
    }
  });
});

describe("translator", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translator("en")("home.welcome", { shopName: "Acme" })).toBe("Welcome to Laurel, Acme");
    expect(translator("ru")("home.welcome", { shopName: "Acme" })).toBe("Добро пожаловать в Laurel, Acme");
    expect(translator("en")("home.welcome")).toBe("Welcome to Laurel, {shopName}");
  });
});
