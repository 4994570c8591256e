import { describe, expect, it } from "vitest";
import { combine } from "./sql.server";

describe("combine", () => {
  it("makes one PostgreSQL statement of independent writes, numbering each one's arguments after the last", () => {
    expect(
      combine([
        { text: `INSERT INTO "A" ("x", "y") VALUES ($1, $2)`, args: [1, 2] },
        { text: `UPDATE "B" SET "z" = $1 WHERE "id" = $2 AND "w" = $1`, args: [3, "b"] },
      ]),
    ).toEqual({
      text: `WITH s0 AS (INSERT INTO "A" ("x", "y") VALUES ($1, $2)), s1 AS (UPDATE "B" SET "z" = $3 WHERE "id" = $4 AND "w" = $3) SELECT 1`,
      args: [1, 2, 3, "b"],
    });
  });
});
