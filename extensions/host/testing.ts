// For component tests (happy-dom): run an extension's target as Shopify would, with a host
// from ./checkout or ./account as the `shopify` global, and read its locale files from disk.
import fs from "node:fs";
import path from "node:path";
import { Signal } from "@preact/signals";
import { render } from "preact";
import type { LocaleFiles, Translations } from "./i18n";
import type { SignalClass } from "./signals";

/** The extension's own Signal class, as '@shopify/ui-extensions/preact' hands it to the host. */
export const TestSignal = Signal as unknown as SignalClass;

/** extensions/<name>/locales: `en.default.json` and the others, as Shopify loads them. */
export function localeFiles(extensionDir: string): LocaleFiles {
  const dir = path.join(extensionDir, "locales");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".json"));
  const read = (f: string) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")) as Translations;
  const defaultFile = files.find((f) => f.endsWith(".default.json"));
  if (!defaultFile) throw new Error(`${dir} has no *.default.json`);
  return {
    default: { language: defaultFile.split(".")[0]!, strings: read(defaultFile) },
    others: Object.fromEntries(
      files.filter((f) => f !== defaultFile).map((f) => [f.replace(/\.json$/, "").toLowerCase(), read(f)]),
    ),
  };
}

/** Installs `api` as the `shopify` global, runs the target's function, returns document.body. */
export async function runTarget(api: object, target: () => unknown): Promise<HTMLElement> {
  unmount();
  (globalThis as unknown as { shopify: object }).shopify = api;
  await target();
  return document.body;
}

export function unmount() {
  render(null, document.body);
  document.body.innerHTML = "";
}

/** Lets pending promises, effects and Preact's debounced re-renders run. */
export async function settle(rounds = 5) {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
