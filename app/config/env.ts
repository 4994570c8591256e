// Environment schema and parser, free of side effects so it can be tested directly.
import { z } from "zod";

const url = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  SHOPIFY_API_KEY: z.string({ error: "required" }).min(1, "required"),
  SHOPIFY_API_SECRET: z.string({ error: "required" }).min(1, "required"),
  SHOPIFY_APP_URL: url,
  // Scopes are granted from shopify.app.toml (Shopify-managed installation); this only matters
  // for the login route outside Shopify's admin. Comma-separated.
  SCOPES: z.string().optional(),
  DATABASE_URL: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === "" || /^(file:|postgres(ql)?:\/\/)/i.test(v), {
      error: "must be unset, a file: URL (SQLite) or a postgresql:// URL",
    }),
  // A custom shop domain Shopify may use besides *.myshopify.com (e.g. a spin environment).
  SHOP_CUSTOM_DOMAIN: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // Tests and the demo only: send every request for *.myshopify.com to the local emulator.
  SHOPIFY_EMULATOR_URL: url.optional(),
  // Where the admin loads App Bridge from; unset means Shopify's CDN (the demo points it at the
  // emulator's stand-in). @shopify/shopify-app-remix reads it too, for its bounce pages.
  APP_BRIDGE_URL: url.optional(),
  // Whether this process runs the job worker (off for processes that only serve requests).
  JOBS_WORKER: z.enum(["on", "off"], { error: "must be on or off" }).default("on"),
  // Benchmarks only: enables the no-op webhook route used as the throughput floor.
  BENCH_FLOOR_ROUTE: z.enum(["on", "off"], { error: "must be on or off" }).default("off"),
  // The demo: a newly installed shop's program is live at once instead of after onboarding.
  LAUREL_DEMO: z
    .enum(["0", "1", "true", "false"], { error: "must be 1 or 0" })
    .optional()
    .transform((v) => v === "1" || v === "true"),
});

export type Env = z.infer<typeof schema>;

export class ConfigurationError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`Laurel cannot start: fix these environment variables:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.problems = problems;
    this.name = "ConfigurationError";
  }
}

/** Parses the environment; throws one ConfigurationError naming every problem. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join(".");
    const message = issue.code === "invalid_type" && source[name] === undefined ? "required" : issue.message;
    return `${name}: ${message}`;
  });
  throw new ConfigurationError(problems);
}
