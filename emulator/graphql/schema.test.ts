// The executable schema refuses values Shopify could not return, so a resolver bug fails the
// emulator's tests instead of teaching the app something false.
import { GraphQLScalarType } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureShopifySchemas, schemaPath } from "../../scripts/shopify-schemas.ts";
import { dateTime, loadAdminSchema } from "./schema.ts";

let schema: ReturnType<typeof loadAdminSchema>;
beforeAll(() => {
  ensureShopifySchemas();
  schema = loadAdminSchema(schemaPath("admin"));
});

const serialize = (type: string, value: unknown) => (schema.getType(type) as GraphQLScalarType).serialize(value);

describe("scalar output checks", () => {
  it.each([
    ["DateTime", "2026-11-01T12:00:00Z"],
    ["Decimal", "12.5"],
    ["Money", "-3.0"],
    ["UnsignedInt64", "18446744073709551615"],
    ["URL", "https://acme.myshopify.com/admin"],
    ["Date", "2026-11-01"],
    ["ID", "gid://shopify/Customer/1"],
  ])("accepts a valid %s", (type, value) => {
    expect(serialize(type, value)).toBe(value);
  });

  it.each([
    ["DateTime", "2026-11-01 12:00"],
    ["DateTime", new Date()],
    ["Decimal", 12.5],
    ["Decimal", "12,50"],
    ["Money", "1e3"],
    ["UnsignedInt64", 3],
    ["URL", "not a url"],
    ["Date", "01/11/2026"],
    ["ID", ""],
  ])("refuses %s %j", (type, value) => {
    expect(() => serialize(type, value)).toThrow(`emulator returned an invalid ${type}`);
  });

  it("formats DateTime as Shopify does: UTC, whole seconds", () => {
    expect(dateTime(new Date("2026-11-01T12:00:00.789Z"))).toBe("2026-11-01T12:00:00Z");
  });
});
