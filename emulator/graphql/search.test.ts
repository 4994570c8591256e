// The emulator's reading of Shopify's search syntax: implied AND, explicit AND and OR (OR binding
// looser), quoted values with escapes, comparators, negation, bare words.
import { describe, expect, it } from "vitest";
import { matchesSearch } from "./search.ts";

const ana = {
  id: 1,
  email: "ana@example.com",
  first_name: "Ana",
  tag: ["vip", "Tea"],
  created_at: new Date("2026-03-01T00:00:00Z"),
  default: "ana@example.com Ana Lima",
};
const odd = { ...ana, email: 'o"dd\\one@example.com', default: "" };
const matches = (query: string | null, fields: typeof ana = ana) => matchesSearch(query, fields);

describe("matchesSearch", () => {
  it.each([
    ["", true],
    [null, true],
    ["email:ana@example.com", true],
    ["email:ANA@Example.com", true],
    ["email:bob@example.com", false],
    ['email:"ana@example.com"', true],
    ["email:'ana@example.com'", true],
    ["email:ana*", true],
    ["tag:tea", true],
    ["id:>0 id:<=1", true],
    ["created_at:>'2026-02-01'", true],
    ["-tag:vip", false],
    ["lima", true],
    ['"Ana Lima"', true],
    ["unknown:x", false],
  ])("%j → %s", (query, expected) => {
    expect(matches(query)).toBe(expected);
  });

  it("joins terms with AND, implied or written", () => {
    expect(matches("first_name:ana tag:vip")).toBe(true);
    expect(matches("first_name:ana AND tag:vip")).toBe(true);
    expect(matches("first_name:ana tag:nope")).toBe(false);
    expect(matches("first_name:ana AND tag:nope")).toBe(false);
  });

  it("matches any side of OR", () => {
    expect(matches('email:"bob@example.com" OR email:"ana@example.com"')).toBe(true);
    expect(matches('email:"ana@example.com" OR email:"bob@example.com"')).toBe(true);
    expect(matches('email:"bob@example.com" OR email:"cy@example.com"')).toBe(false);
  });

  it("binds OR looser than AND", () => {
    // (tag:nope AND first_name:ana) OR tag:vip
    expect(matches("tag:nope first_name:ana OR tag:vip")).toBe(true);
    // (tag:nope) OR (first_name:bob AND tag:vip)
    expect(matches("tag:nope OR first_name:bob AND tag:vip")).toBe(false);
    // (first_name:ana AND tag:vip) OR (tag:nope)
    expect(matches("first_name:ana AND tag:vip OR tag:nope")).toBe(true);
    // Lower-case "or" is a word, not a connective.
    expect(matches("tag:nope or tag:vip")).toBe(false);
  });

  it("ignores a dangling connective", () => {
    expect(matches("OR tag:vip")).toBe(true);
    expect(matches("tag:vip OR")).toBe(true);
    expect(matches("tag:nope OR")).toBe(false);
  });

  it("reads escaped quotes and backslashes inside a quoted value", () => {
    expect(matches(String.raw`email:"o\"dd\\one@example.com"`, odd)).toBe(true);
    expect(matches(String.raw`email:"x@example.com" OR email:"o\"dd\\one@example.com"`, odd)).toBe(true);
    expect(matches(String.raw`email:"o\"dd@example.com"`, odd)).toBe(false);
  });
});
