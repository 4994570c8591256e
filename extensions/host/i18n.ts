// The `shopify.i18n` a host gives an extension: translations from the extension's
// locales/<language>.json (falling back to the *.default.json file, then to the key), `{{name}}`
// replacements, plural forms picked by `count` with the language's plural rules, and Intl
// formatting in the shopper's locale.
import type { I18n } from "@shopify/ui-extensions";

export type Translations = { [key: string]: string | Translations };

export interface LocaleFiles {
  /** The extension's default locale file (`en.default.json`), by language. */
  default: { language: string; strings: Translations };
  others: Record<string, Translations>;
}

function lookup(strings: Translations | undefined, key: string): string | Translations | undefined {
  let node: string | Translations | undefined = strings;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return node;
}

function pluralForm(node: Translations, locale: string, count: number): string | undefined {
  if (count === 0 && typeof node.zero === "string") return node.zero;
  const category = new Intl.PluralRules(locale).select(count);
  const form = node[category] ?? node.other;
  return typeof form === "string" ? form : undefined;
}

/** The strings of the shopper's language, as Shopify picks them: `ru-RU` → ru.json, else default. */
export function stringsFor(files: LocaleFiles, locale: string): Translations[] {
  const language = locale.toLowerCase();
  const base = language.split("-")[0]!;
  const own = files.others[language] ?? files.others[base];
  return own ? [own, files.default.strings] : [files.default.strings];
}

export function createI18n(files: LocaleFiles, locale: string): I18n {
  const chain = stringsFor(files, locale);
  const translate = ((key: string, options: Record<string, unknown> = {}) => {
    let template: string | undefined;
    for (const strings of chain) {
      const node = lookup(strings, key);
      if (typeof node === "string") template = node;
      else if (node && typeof options.count === "number") template = pluralForm(node, locale, options.count);
      if (template !== undefined) break;
    }
    if (template === undefined) return key;
    const parts = template.split(/\{\{\s*(\w+)\s*\}\}/);
    const values = parts.map((part, index) => (index % 2 === 0 ? part : (options[part] ?? `{{${part}}}`)));
    // Replacements that are elements come back as an array, as Shopify's translate does.
    return values.every((v) => typeof v !== "object") ? values.join("") : values.filter((v) => v !== "");
  }) as I18n["translate"];
  return {
    translate,
    formatNumber: (number, { inExtensionLocale: _, ...options } = {}) =>
      new Intl.NumberFormat(locale, options).format(number),
    formatCurrency: (number, { inExtensionLocale: _, ...options } = {}) =>
      new Intl.NumberFormat(locale, { style: "currency", ...options }).format(number),
    formatDate: (date, { inExtensionLocale: _, ...options } = {}) =>
      new Intl.DateTimeFormat(locale, options).format(date),
  };
}
