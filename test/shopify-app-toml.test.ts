// shopify.app.toml agrees with the code: the webhook API version is the app's, and every
// subscription points at a route file that exists and is named in the comment above it.
import fs from "node:fs";
import path from "node:path";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { ADMIN_API_VERSION } from "../app/shopify/api-version";

const text = fs.readFileSync(path.join(process.cwd(), "shopify.app.toml"), "utf8");
const toml = parse(text) as {
  access_scopes: { scopes: string };
  webhooks: { api_version: string; subscriptions: { uri: string; topics?: string[]; compliance_topics?: string[] }[] };
};

/** Remix flat routes: /webhooks/app/uninstalled → app/routes/webhooks.app.uninstalled.tsx */
const routeFile = (uri: string) => `app/routes/${uri.replace(/^\//, "").replaceAll("/", ".")}.tsx`;

describe("shopify.app.toml", () => {
  it("uses the app's Admin API version for webhooks", () => {
    expect(toml.webhooks.api_version).toBe(ADMIN_API_VERSION);
  });

  it.each(toml.webhooks.subscriptions.map((s) => [s.uri, s] as const))("%s has its handler", (uri) => {
    const file = routeFile(uri);
    expect(fs.existsSync(path.join(process.cwd(), file)), file).toBe(true);
    const block = text.slice(0, text.indexOf(`uri = "${uri}"`));
    const comment = block.slice(block.lastIndexOf("[[webhooks.subscriptions]]") - 200);
    expect(comment, `a comment naming ${file} above the subscription`).toContain(`# ${file}`);
  });

  it("subscribes to the mandatory compliance topics", () => {
    const compliance = toml.webhooks.subscriptions.flatMap((s) => s.compliance_topics ?? []);
    expect(compliance.sort()).toEqual(["customers/data_request", "customers/redact", "shop/redact"]);
  });

  it("explains every scope in docs/scopes.md", () => {
    const doc = fs.readFileSync(path.join(process.cwd(), "docs", "scopes.md"), "utf8");
    for (const scope of toml.access_scopes.scopes.split(",")) expect(doc, scope).toMatch(new RegExp(`\`${scope}\``));
  });
});
