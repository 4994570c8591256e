// The extension bundles build offline from a clean tree and stay inside their compressed-size
// budgets (ours, under Shopify's 64 KB for checkout and 128 KB for a full page).
import { describe, expect, it } from "vitest";
import { BUDGETS, buildExtensions } from "./extensions.ts";

describe("extension bundles", async () => {
  const built = await buildExtensions({ appUrl: "https://laurel.test" });

  it("builds every extension", () => {
    expect(built.map((b) => b.handle).sort()).toEqual(Object.keys(BUDGETS).sort());
  });

  it.each(Object.keys(BUDGETS))("%s is within its budget", (handle) => {
    const bundle = built.find((b) => b.handle === handle)!;
    expect(bundle.gzipBytes).toBeLessThanOrEqual(BUDGETS[handle]!);
  });

  it("registers each target with shopify.extend and calls the configured backend", () => {
    for (const bundle of built) {
      expect(bundle.code).toMatch(/shopify\.extend\(/);
      expect(bundle.code).toContain("https://laurel.test");
    }
  });
});
