// The GraphQL contract: every operation Laurel sends, in every project of .graphqlrc.ts, is
// valid against the real Shopify schema of the pinned version (from @shopify/dev-mcp).
import { describe, expect, it } from "vitest";
import config from "../.graphqlrc.ts";
import { collect, loadSchema, pluckDefinitions, sourceFiles, validateOperation } from "./graphql/operations";

const projects = Object.entries(config.projects);

describe.each(projects)("%s operations", (_name, project) => {
  const schema = loadSchema(project.schema);
  const { operations, fragments } = collect(sourceFiles(project.documents));

  it("are found", () => {
    expect(operations.length).toBeGreaterThan(0);
  });

  it.each(operations.map((op) => [`${op.file} › ${op.name}`, op] as const))("%s is valid", (_label, op) => {
    expect(validateOperation(schema, op.definition, fragments)).toEqual([]);
  });
});

describe("the contract check itself", () => {
  const schema = loadSchema(config.projects.admin.schema);

  it("finds operations in #graphql literals", () => {
    const code = "const Q = `#graphql\n  query ShopName { shop { name } }\n`;\nconst notGraphql = `query X { y }`;";
    const definitions = pluckDefinitions("example.ts", code);
    expect(definitions).toHaveLength(1);
  });

  it("reports a misspelled field by name", () => {
    const [definition] = pluckDefinitions("example.ts", "const Q = `#graphql\n query ShopName { shop { nmae } }`;");
    expect(validateOperation(schema, definition as never, new Map())).toEqual([
      expect.stringContaining('Cannot query field "nmae" on type "Shop"'),
    ]);
  });
});
