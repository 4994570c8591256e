// What the preview needs to know of the extensions on disk: which extension serves a target,
// the app metafields its TOML asks for, and its locale files (read on every request, since they
// are edited while the preview is open).
import fs from "node:fs";
import path from "node:path";
import { extensionDirs, readExtensionToml } from "../../scripts/extensions.ts";
import type { WantedMetafield } from "./app-metafields.ts";

export type Translations = { [key: string]: string | Translations };

/** As extensions/host/i18n.ts takes them. */
export interface LocaleFiles {
  default: { language: string; strings: Translations };
  others: Record<string, Translations>;
}

export interface PreviewExtension {
  handle: string;
  dir: string;
  targets: string[];
  metafields: WantedMetafield[];
}

export function extensionFor(target: string): PreviewExtension | undefined {
  for (const dir of extensionDirs()) {
    const toml = readExtensionToml(dir) as unknown as {
      extensions: { handle: string; targeting: { target: string }[]; metafields?: WantedMetafield[] }[];
    };
    for (const extension of toml.extensions) {
      const targets = extension.targeting.map((t) => t.target);
      if (targets.includes(target)) {
        return { handle: extension.handle, dir, targets, metafields: extension.metafields ?? [] };
      }
    }
  }
  return undefined;
}

/** locales/*.json: the `.default.json` one and the others by language (none yet: empty). */
export function localeFiles(dir: string): LocaleFiles {
  const localesDir = path.join(dir, "locales");
  const files = fs.existsSync(localesDir) ? fs.readdirSync(localesDir).filter((f) => f.endsWith(".json")) : [];
  const read = (file: string): Translations => {
    try {
      return JSON.parse(fs.readFileSync(path.join(localesDir, file), "utf8")) as Translations;
    } catch {
      return {}; // half-written while someone edits it
    }
  };
  const defaultFile = files.find((f) => f.endsWith(".default.json"));
  return {
    default: { language: defaultFile?.split(".")[0] ?? "en", strings: defaultFile ? read(defaultFile) : {} },
    others: Object.fromEntries(
      files.filter((f) => f !== defaultFile).map((f) => [f.replace(/\.json$/, "").toLowerCase(), read(f)]),
    ),
  };
}
