import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseJsonColumn } from "./json-column";

describe("parseJsonColumn", () => {
  it("validates once per distinct text, and still refuses bad text", () => {
    let calls = 0;
    const schema = { parse: (value: unknown) => (calls++, z.object({ a: z.number() }).parse(value)) };
    const first = parseJsonColumn(schema, "test", '{"a":1}');
    expect(parseJsonColumn(schema, "test", '{"a":1}')).toBe(first);
    expect(calls).toBe(1);
    expect(parseJsonColumn(schema, "test", '{"a":2}')).toEqual({ a: 2 });
    expect(() => parseJsonColumn(schema, "test", '{"a":"x"}')).toThrow();
    expect(() => parseJsonColumn(schema, "test", '{"a":"x"}')).toThrow();
  });
});
