import { describe, expect, it } from "vitest";
import { ConfigurationError, parseEnv } from "./env";

const valid = {
  SHOPIFY_API_KEY: "key",
  SHOPIFY_API_SECRET: "secret",
  SHOPIFY_APP_URL: "https://laurel.example.com",
};

describe("parseEnv", () => {
  it("accepts a complete configuration and fills defaults", () => {
    const env = parseEnv(valid);
    expect(env).toMatchObject({ ...valid, NODE_ENV: "development", PORT: 3000 });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it.each([
    ["file:./prisma/dev.sqlite"],
    ["postgresql://laurel@db.internal:5432/laurel"],
    ["postgres://laurel@db.internal/laurel"],
  ])("accepts DATABASE_URL %s", (url) => {
    expect(parseEnv({ ...valid, DATABASE_URL: url }).DATABASE_URL).toBe(url);
  });

  it("names every problem in one error", () => {
    let error: unknown;
    try {
      parseEnv({ SHOPIFY_APP_URL: "laurel.example.com", DATABASE_URL: "mysql://x", PORT: "eighty", NODE_ENV: "prod" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const { problems, message } = error as ConfigurationError;
    expect(problems).toEqual([
      expect.stringMatching(/^NODE_ENV: /),
      "SHOPIFY_API_KEY: required",
      "SHOPIFY_API_SECRET: required",
      "SHOPIFY_APP_URL: must be an http(s) URL",
      "DATABASE_URL: must be unset, a file: URL (SQLite) or a postgresql:// URL",
      expect.stringMatching(/^PORT: /),
    ]);
    expect(message.split("\n")[0]).toBe("Laurel cannot start: fix these environment variables:");
    for (const problem of problems) expect(message).toContain(problem);
  });

  it("rejects an empty API key as missing", () => {
    expect(() => parseEnv({ ...valid, SHOPIFY_API_KEY: "" })).toThrow("SHOPIFY_API_KEY: required");
  });
});
