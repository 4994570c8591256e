// `npm run extensions:build`: bundles each UI extension under extensions/ the way Shopify CLI's
// `shopify app build` does for api_version 2025-10 and later (one script per extension that
// imports every target's module and registers it with `shopify.extend`), and holds each bundle
// to its compressed-size budget. The app's URL is baked in as LAUREL_APP_URL
// (extensions/shared/backend.ts): SHOPIFY_APP_URL, else shopify.app.toml's application_url.
//   node scripts/extensions.ts [--outdir DIR]     prints sizes; exits 1 over budget
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { parse } from "smol-toml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const KB = 1024;

/** Our budgets, well inside Shopify's limits (64 KB, 128 KB for a full page), compressed. */
export const BUDGETS: Record<string, number> = {
  "loyalty-checkout": 48 * KB,
  "loyalty-account": 96 * KB,
  "loyalty-account-block": 32 * KB,
};

export interface BuiltExtension {
  handle: string;
  file: string;
  code: string;
  bytes: number;
  gzipBytes: number;
  budget: number;
}

interface ExtensionToml {
  api_version: string;
  extensions: { type: string; handle: string; targeting?: { target: string; module: string }[] }[];
}

export function extensionDirs(): string[] {
  const dir = path.join(root, "extensions");
  return fs
    .readdirSync(dir)
    .filter((name) => fs.existsSync(path.join(dir, name, "shopify.extension.toml")))
    .map((name) => path.join(dir, name));
}

export function readExtensionToml(dir: string): ExtensionToml {
  return parse(fs.readFileSync(path.join(dir, "shopify.extension.toml"), "utf8")) as unknown as ExtensionToml;
}

function defaultAppUrl(): string {
  const toml = parse(fs.readFileSync(path.join(root, "shopify.app.toml"), "utf8")) as { application_url: string };
  return process.env.SHOPIFY_APP_URL ?? toml.application_url;
}

/** Bundles every extension; writes `<outdir>/<handle>.js` when `outdir` is given. */
export async function buildExtensions(options: { appUrl?: string; outdir?: string } = {}): Promise<BuiltExtension[]> {
  const appUrl = options.appUrl ?? defaultAppUrl();
  const built: BuiltExtension[] = [];
  for (const dir of extensionDirs()) {
    const config = readExtensionToml(dir);
    for (const extension of config.extensions) {
      // Editor extension collections group extensions; they have no code.
      if (extension.type !== "ui_extension" || !extension.targeting) continue;
      // What Shopify CLI generates as the bundle's entry.
      const entry = extension.targeting
        .map(
          ({ target, module }, i) =>
            `import Target_${i} from '${module}';shopify.extend('${target}', (...args) => Target_${i}(...args));`,
        )
        .join("\n");
      const result = await build({
        stdin: { contents: entry, resolveDir: dir, sourcefile: `${extension.handle}.entry.js`, loader: "tsx" },
        bundle: true,
        write: false,
        minify: true,
        legalComments: "none",
        target: "es2020",
        jsx: "automatic",
        jsxImportSource: "preact",
        tsconfig: path.join(dir, "tsconfig.json"),
        define: {
          "process.env.NODE_ENV": JSON.stringify("production"),
          LAUREL_APP_URL: JSON.stringify(appUrl),
        },
        logLevel: "silent",
      });
      const code = result.outputFiles[0]!.text;
      const file = options.outdir ? path.join(options.outdir, `${extension.handle}.js`) : "";
      if (file) {
        fs.mkdirSync(options.outdir!, { recursive: true });
        fs.writeFileSync(file, code);
      }
      built.push({
        handle: extension.handle,
        file,
        code,
        bytes: Buffer.byteLength(code),
        gzipBytes: gzipSync(code, { level: 9 }).length,
        budget: BUDGETS[extension.handle] ?? 64 * KB,
      });
    }
  }
  return built;
}

export const sizeLine = (b: BuiltExtension) =>
  `${b.handle.padEnd(22)} ${(b.bytes / KB).toFixed(1).padStart(6)} KB raw  ${(b.gzipBytes / KB)
    .toFixed(1)
    .padStart(5)} KB gzip  (budget ${b.budget / KB} KB${b.gzipBytes > b.budget ? ", OVER" : ""})`;

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outIndex = process.argv.indexOf("--outdir");
  const outdir = outIndex > 0 ? path.resolve(process.argv[outIndex + 1]!) : path.join(root, "extensions", "dist");
  const built = await buildExtensions({ outdir });
  for (const b of built) console.log(sizeLine(b));
  if (built.some((b) => b.gzipBytes > b.budget)) {
    console.error("An extension bundle is over its compressed-size budget.");
    process.exit(1);
  }
}
