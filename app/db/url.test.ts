import path from "node:path";
import { describe, expect, it } from "vitest";
import { databaseTarget, DEFAULT_SQLITE_FILE } from "./url";

const cwd = "/srv/laurel";

describe("databaseTarget", () => {
  it.each([
    [undefined, { provider: "sqlite", url: `file:${path.join(cwd, DEFAULT_SQLITE_FILE)}` }],
    ["", { provider: "sqlite", url: `file:${path.join(cwd, DEFAULT_SQLITE_FILE)}` }],
    ["file:./data/x.sqlite", { provider: "sqlite", url: "file:/srv/laurel/data/x.sqlite" }],
    ["file:/var/lib/laurel.sqlite", { provider: "sqlite", url: "file:/var/lib/laurel.sqlite" }],
    ["postgresql://u@h:5432/d", { provider: "postgresql", url: "postgresql://u@h:5432/d" }],
    ["postgres://u@h/d", { provider: "postgresql", url: "postgres://u@h/d" }],
  ])("%s → %o", (input, expected) => {
    expect(databaseTarget(input, cwd)).toEqual(expected);
  });

  it("rejects other databases without echoing credentials", () => {
    expect(() => databaseTarget("mysql://root:hunter2@h/d", cwd)).toThrow(/must be unset.*got "mysql:…"/);
    expect(() => databaseTarget("mysql://root:hunter2@h/d", cwd)).not.toThrow(/hunter2/);
  });
});
