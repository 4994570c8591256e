// Laurel's own strings, in English and Russian. Keys are flat ("home.title"); values may hold
// {placeholders}. A test keeps the two catalogs' keys and placeholders identical.
import en from "./en.json";
import ru from "./ru.json";
import type { Locale } from "./locale";

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

export const catalogs: Record<Locale, Messages> = { en, ru };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, values) =>
    messages[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      values && name in values ? String(values[name]) : whole,
    );
}
