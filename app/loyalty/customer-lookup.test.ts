import { describe, expect, it } from "vitest";
import { emailChunks, emailSearch, matchEmails, searchPhrase } from "./customer-lookup";

describe("emailSearch", () => {
  it("searches each email as a quoted phrase, joined by OR", () => {
    expect(emailSearch(["ana@example.com"])).toBe('email:"ana@example.com"');
    expect(emailSearch(["ana@example.com", "bo.wang@example.com"])).toBe(
      'email:"ana@example.com" OR email:"bo.wang@example.com"',
    );
  });

  it("escapes quotes and backslashes, and keeps the search syntax's other special characters inside the phrase", () => {
    expect(searchPhrase('o"dd\\one@example.com')).toBe(String.raw`"o\"dd\\one@example.com"`);
    expect(emailSearch(["a(b)c:d@example.com", "x OR y@example.com"])).toBe(
      'email:"a(b)c:d@example.com" OR email:"x OR y@example.com"',
    );
  });

  it("refuses an empty search (it would find every customer)", () => {
    expect(() => emailSearch([])).toThrow();
  });
});

describe("emailChunks", () => {
  it("lower-cases, drops repeats and cuts the rest into searches", () => {
    expect(emailChunks(["A@x.com", "b@x.com", "a@x.com", "c@x.com", "d@x.com"], 2)).toEqual([
      ["a@x.com", "b@x.com"],
      ["c@x.com", "d@x.com"],
    ]);
    expect(emailChunks([])).toEqual([]);
    expect(emailChunks(Array.from({ length: 120 }, (_, i) => `c${i}@x.com`)).map((c) => c.length)).toEqual([
      50, 50, 20,
    ]);
  });
});

describe("matchEmails", () => {
  const gid = (n: number) => `gid://shopify/Customer/${n}`;

  it("matches each email to the one customer with exactly that email, ignoring case", () => {
    const result = matchEmails(
      ["ana@example.com", "bo@example.com", "cy@example.com", "dee@example.com"],
      [
        { id: gid(1), email: "Ana@Example.com" },
        // The search is tokenized: near misses come back too, and match nothing.
        { id: gid(2), email: "ana@example.com.au" },
        { id: gid(3), email: "bo@example.com" },
        { id: gid(4), email: "BO@example.com " },
        { id: gid(5), email: null },
        // The same customer on two pages is still one customer.
        { id: gid(6), email: "dee@example.com" },
        { id: gid(6), email: "dee@example.com" },
      ],
    );
    expect(Object.fromEntries(result)).toEqual({
      "ana@example.com": { ok: true, customerId: gid(1) },
      "bo@example.com": { ok: false, code: "ambiguousEmail" },
      "cy@example.com": { ok: false, code: "noCustomer" },
      "dee@example.com": { ok: true, customerId: gid(6) },
    });
  });

  it("finds no one when the search found no one", () => {
    expect(matchEmails(["ana@example.com"], []).get("ana@example.com")).toEqual({ ok: false, code: "noCustomer" });
  });
});
