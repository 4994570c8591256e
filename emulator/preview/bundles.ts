// The scripts the preview serves, bundled for the browser with esbuild: the frame runtime and the
// page script (extensions/host/preview/), and each extension as Shopify CLI bundles it, with the
// app's URL baked in. Each is built on first request and rebuilt only when a file under
// extensions/ has changed since (the extensions are edited while the preview is open).
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { buildExtensions } from "../../scripts/extensions.ts";
import { ROOT } from "../config.ts";

const EXTENSIONS = path.join(ROOT, "extensions");

/** The newest modification time of any source under extensions/ (not the built dist/). */
function newestSource(dir = EXTENSIONS): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const file = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : fs.statSync(file).mtimeMs);
  }
  return newest;
}

/** A build error as a script: it throws in the frame, whose runtime shows it on the page. */
const failing = (what: string, error: unknown) =>
  `throw new Error(${JSON.stringify(`${what} did not build: ${(error as Error).message}`)});`;

async function browserBundle(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(EXTENSIONS, "host", "preview", entry)],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2022",
    tsconfig: path.join(EXTENSIONS, "tsconfig.json"),
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export class PreviewBundles {
  private readonly appUrl: string;
  private cache = new Map<string, { stamp: number; code: Promise<string> }>();

  constructor(appUrl: string) {
    this.appUrl = appUrl;
  }

  private cached(name: string, make: () => Promise<string>): Promise<string> {
    const stamp = newestSource();
    const hit = this.cache.get(name);
    if (hit && hit.stamp === stamp) return hit.code;
    const code = make().catch((error: unknown) => failing(name, error));
    this.cache.set(name, { stamp, code });
    return code;
  }

  /** `runtime` (frame.ts) or `page` (page.ts). */
  script(name: "runtime" | "page"): Promise<string> {
    return this.cached(name, () => browserBundle(name === "runtime" ? "frame.ts" : "page.ts"));
  }

  /** The extension with this handle; undefined when there is none. */
  async extension(handle: string): Promise<string | undefined> {
    const all = this.cached("extensions", async () => JSON.stringify(await buildExtensions({ appUrl: this.appUrl })));
    const text = await all;
    if (text.startsWith("throw ")) return text;
    const built = (JSON.parse(text) as { handle: string; code: string }[]).find((b) => b.handle === handle);
    return built?.code;
  }
}
