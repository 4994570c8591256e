// Shopify's real GraphQL schemas, for validating Laurel's operations, generating their types and
// (later) backing the emulator. They ship in @shopify/dev-mcp as gzipped introspection results;
// that package is heavy, so only the files Laurel needs are extracted from its tarball into a
// git-ignored cache. Run: node scripts/shopify-schemas.ts (idempotent; npm install runs it).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import { ADMIN_API_VERSION, EXTENSIONS_API_VERSION } from "../app/shopify/api-version.ts";

const DEV_MCP = "@shopify/dev-mcp@1.16.0";
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const schemaDir = path.join(root, ".cache", "shopify-schemas");

/** The schemas Laurel uses, by API: file name inside dev-mcp's dist/data. */
export const schemaFiles = {
  admin: `admin_${ADMIN_API_VERSION}`,
  customer: `customer_${EXTENSIONS_API_VERSION}`,
} as const;

export const schemaPath = (api: keyof typeof schemaFiles) => path.join(schemaDir, `${schemaFiles[api]}.json`);

export function ensureShopifySchemas(): void {
  const missing = Object.values(schemaFiles).filter((name) => !fs.existsSync(path.join(schemaDir, `${name}.json`)));
  if (missing.length === 0) return;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "laurel-dev-mcp-"));
  try {
    const tarball = execFileSync("npm", ["pack", DEV_MCP, "--silent", "--pack-destination", work], {
      encoding: "utf8",
    })
      .trim()
      .split("\n")
      .pop()!;
    const members = missing.map((name) => `package/dist/data/${name}.json.gz`);
    execFileSync("tar", ["-xzf", path.join(work, tarball), "-C", work, ...members]);
    fs.mkdirSync(schemaDir, { recursive: true });
    for (const name of missing) {
      const json = zlib.gunzipSync(fs.readFileSync(path.join(work, "package", "dist", "data", `${name}.json.gz`)));
      // Write then rename, so a half-written file is never taken for a schema.
      const target = path.join(schemaDir, `${name}.json`);
      fs.writeFileSync(`${target}.tmp`, json);
      fs.renameSync(`${target}.tmp`, target);
    }
    console.log(`Shopify schemas from ${DEV_MCP}: ${missing.join(", ")} → ${path.relative(root, schemaDir)}`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureShopifySchemas();
}
