import { describe, expect, it } from "vitest";
import { combine, withClauses } from "./sql.server";

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

describe("withClauses", () => {
  it("names each part, numbers the select's arguments after the parts', and lets later parts refer to earlier ones", () => {
    expect(
      withClauses(
        [
          { name: "a", statement: { text: `INSERT INTO "A" ("x") VALUES ($1) RETURNING "x"`, args: ["one"] } },
          {
            name: "b",
            statement: { text: `SELECT "y" FROM "B" WHERE "z" = $1 AND EXISTS (SELECT 1 FROM a)`, args: [2] },
          },
        ],
        { text: `SELECT $1 AS "c", b."y" FROM b`, args: ["three"] },
      ),
    ).toEqual({
      text: `WITH a AS (INSERT INTO "A" ("x") VALUES ($1) RETURNING "x"), b AS (SELECT "y" FROM "B" WHERE "z" = $2 AND EXISTS (SELECT 1 FROM a)) SELECT $3 AS "c", b."y" FROM b`,
      args: ["one", 2, "three"],
    });
  });

  it("builds a shape's text once and sends the same string again, with each call's own arguments", () => {
    const parts = (id: string) => [
      { name: "a", statement: { text: `SELECT "x" FROM "A" WHERE "id" = $1`, args: [id] } },
      { name: "b", statement: { text: `SELECT "y" FROM "B" WHERE "id" = $1`, args: [`${id}-b`] } },
    ];
    const select = { text: `SELECT * FROM a, b`, args: [] };
    const first = withClauses(parts("1"), select);
    const second = withClauses(parts("2"), select);
    expect(second.text).toBe(first.text);
    expect(second.args).toEqual(["2", "2-b"]);
    // The same texts with another argument count are another shape.
    const wider = withClauses(
      [
        { name: "a", statement: { text: `SELECT "x" FROM "A" WHERE "id" = $1`, args: ["1", "unused"] } },
        parts("1")[1]!,
      ],
      select,
    );
    expect(wider.text).toContain(`"id" = $3`);
  });
});
