// Shopify's real Admin schema (from @shopify/dev-mcp, via scripts/shopify-schemas.ts), made
// executable: custom scalars check what resolvers return, so an emulator answer that Shopify
// could not give (a float where a Decimal string belongs, a date that is not ISO 8601) fails
// loudly instead of teaching the app something false.
import fs from "node:fs";
import { buildClientSchema, GraphQLError, GraphQLScalarType, type GraphQLSchema } from "graphql";

const checks: Record<string, (value: unknown) => boolean> = {
  DateTime: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v),
  Date: (v) => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v),
  Decimal: (v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v),
  Money: (v) => typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v),
  UnsignedInt64: (v) => typeof v === "string" && /^\d+$/.test(v),
  URL: (v) => typeof v === "string" && URL.canParse(v),
  HTML: (v) => typeof v === "string",
  FormattedString: (v) => typeof v === "string",
  JSON: (v) => v !== undefined,
  ID: (v) => typeof v === "string" && v.length > 0,
};

export function loadAdminSchema(file: string): GraphQLSchema {
  const introspection = JSON.parse(fs.readFileSync(file, "utf8"));
  const schema = buildClientSchema(introspection.data ?? introspection);
  for (const [name, check] of Object.entries(checks)) {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLScalarType)) continue;
    const serialize = type.serialize.bind(type);
    type.serialize = (value: unknown) => {
      if (!check(value)) {
        throw new GraphQLError(`emulator returned an invalid ${name}: ${JSON.stringify(value)}`);
      }
      return name === "ID" ? serialize(value) : value;
    };
  }
  return schema;
}

/** RFC 3339 in UTC without milliseconds, as Shopify formats DateTime. */
export const dateTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");
