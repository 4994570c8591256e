// Finds the GraphQL operations of a .graphqlrc.ts project (the `#graphql` literals codegen
// reads) and validates them against the project's schema.
import fs from "node:fs";
import path from "node:path";
import { gqlPluckFromCodeStringSync } from "@graphql-tools/graphql-tag-pluck";
import { pluckConfig } from "@shopify/api-codegen-preset";
import {
  buildClientSchema,
  Kind,
  parse,
  validate,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";

export interface Operation {
  file: string;
  name: string;
  definition: OperationDefinitionNode;
}

export function loadSchema(file: string): GraphQLSchema {
  const introspection = JSON.parse(fs.readFileSync(file, "utf8"));
  return buildClientSchema(introspection.data ?? introspection);
}

export function sourceFiles(patterns: string[], root = process.cwd()): string[] {
  const include = patterns.filter((p) => !p.startsWith("!"));
  const exclude = patterns.filter((p) => p.startsWith("!")).map((p) => p.slice(1));
  return fs
    .globSync(include, { cwd: root, exclude: (entry) => exclude.some((p) => path.matchesGlob(entry, p)) })
    .filter((file) => !file.includes("node_modules"))
    .sort();
}

export function pluckDefinitions(file: string, code: string): DefinitionNode[] {
  return gqlPluckFromCodeStringSync(file, code, pluckConfig).flatMap((source) => parse(source.body).definitions);
}

export function collect(files: string[], root = process.cwd()) {
  const operations: Operation[] = [];
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const file of files) {
    for (const definition of pluckDefinitions(file, fs.readFileSync(path.join(root, file), "utf8"))) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
      if (definition.kind === Kind.OPERATION_DEFINITION) {
        operations.push({ file, name: definition.name?.value ?? "(anonymous)", definition });
      }
    }
  }
  return { operations, fragments };
}

/** Validation errors of one operation, with the fragments it uses (transitively). */
export function validateOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): string[] {
  const used = new Map<string, FragmentDefinitionNode>();
  const pending: DefinitionNode[] = [operation];
  while (pending.length > 0) {
    visit(pending.pop()!, {
      FragmentSpread(spread) {
        const fragment = fragments.get(spread.name.value);
        if (fragment && !used.has(spread.name.value)) {
          used.set(spread.name.value, fragment);
          pending.push(fragment);
        }
      },
    });
  }
  const document = { kind: Kind.DOCUMENT, definitions: [operation, ...used.values()] } as const;
  return validate(schema, document).map((error) => error.message);
}
