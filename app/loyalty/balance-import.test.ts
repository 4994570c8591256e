import { describe, expect, it } from "vitest";
import { customerGidOf, importEntry, importKey, parseImportFile } from "./balance-import";

const parse = (text: string, max = 100) => parseImportFile(text, max);

describe("parseImportFile", () => {
  it("reads rows by the header's column names, in any order and case, ignoring others", () => {
    const file = parse("Points,Extra,EMAIL,customer_id,note\r\n250,x,Ana@Example.com,,Welcome\r\n0,,,42,\r\n");
    expect(file.fileError).toBeNull();
    expect(file.rows).toEqual([
      { ok: true, value: { row: 2, email: "ana@example.com", customerId: null, points: 250, note: "Welcome" } },
      { ok: true, value: { row: 3, email: null, customerId: "gid://shopify/Customer/42", points: 0, note: null } },
    ]);
  });

  it("reports every problem of a row on its field", () => {
    const file = parse(
      [
        "email,customer_id,points,note",
        ",,10,",
        "not-an-email,abc,12.5,",
        "a@x.com,,-5,",
        "a@x.com,,1 000,",
        "a@x.com,,20000000,",
        `a@x.com,,5,${"n".repeat(201)}`,
      ].join("\n"),
    );
    expect(file.rows.map((r) => (r.ok ? [] : r.errors.map((e) => `${e.row}:${e.field}:${e.code}`)))).toEqual([
      ["2:customer:missingCustomer"],
      ["3:email:badEmail", "3:customer_id:badCustomerId", "3:points:badPoints"],
      ["4:points:negativePoints"],
      ["5:points:badPoints"],
      ["6:points:tooManyPoints"],
      ["7:note:noteTooLong"],
    ]);
  });

  it("refuses a file without the columns it needs, or with a broken quote, or too many rows", () => {
    expect(parse("name,balance\nAna,5").fileError).toEqual({ row: 1, code: "header" });
    expect(parse("email\na@x.com").fileError).toEqual({ row: 1, code: "header" });
    expect(parse("").fileError).toEqual({ row: 1, code: "header" });
    expect(parse('email,points\n"a@x.com,5\n').fileError).toEqual({ row: 2, code: "syntax" });
    expect(parse("email,points\na@x.com,1\nb@x.com,2\nc@x.com,3", 2).fileError).toEqual({
      row: 4,
      code: "tooManyRows",
    });
  });

  it("counts rows as a spreadsheet does, a quoted line break inside one row", () => {
    const file = parse('email,points,note\na@x.com,1,"two\nlines"\nb@x.com,2,');
    expect(file.rows.map((r) => r.ok && r.value.row)).toEqual([2, 4]);
  });
});

describe("customer ids", () => {
  it("accepts a number or a customer GID", () => {
    expect(customerGidOf("123")).toBe("gid://shopify/Customer/123");
    expect(customerGidOf("gid://shopify/Customer/123")).toBe("gid://shopify/Customer/123");
    expect(customerGidOf("gid://shopify/Order/123")).toBeNull();
    expect(customerGidOf("12a")).toBeNull();
  });
});

describe("importEntry", () => {
  it("adds the points as available and earned, keyed by run and row", () => {
    const e = importEntry("run1", { row: 7, email: null, customerId: "c", points: 300, note: "from Smile" });
    expect(e).toMatchObject({
      reason: "import",
      key: importKey("run1", 7),
      available: 300,
      lifetimeEarned: 300,
      note: "from Smile",
    });
    expect(e.key).toBe("import:run1:7");
  });
});
