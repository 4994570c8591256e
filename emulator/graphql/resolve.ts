// Field resolution for the emulator's "view" objects: a view holds exactly the fields the
// emulator implements, as values or as functions of the field's arguments. A field the view
// lacks is reported by name instead of coming back as a silent null.
import { GraphQLError, type GraphQLFieldResolver, type GraphQLTypeResolver } from "graphql";

export class NotImplementedError extends GraphQLError {}

export const fieldResolver: GraphQLFieldResolver<unknown, unknown, Record<string, unknown>> = (
  source,
  args,
  context,
  info,
) => {
  if (source === null || typeof source !== "object") return undefined;
  if (!(info.fieldName in source)) {
    throw new NotImplementedError(
      `The Laurel Shopify emulator does not implement ${info.parentType.name}.${info.fieldName} yet`,
    );
  }
  const value = (source as Record<string, unknown>)[info.fieldName];
  return typeof value === "function" ? (value as (a: unknown, c: unknown) => unknown)(args, context) : value;
};

/** Interfaces and unions: each view names its concrete type. */
export const typeResolver: GraphQLTypeResolver<unknown, unknown> = (value) =>
  (value as { __typename?: string } | null)?.__typename;
