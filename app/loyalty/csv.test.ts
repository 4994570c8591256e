import { describe, expect, it } from "vitest";
import { csvCell, csvRow, CsvSyntaxError, readCsv } from "./csv";

const read = (text: string) => [...readCsv(text)];

describe("readCsv", () => {
  it("reads plain rows with LF, CRLF or CR line ends, numbering lines", () => {
    expect(read("a,b\n1,2\r\n3,4\r5,6")).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "2"] },
      { line: 3, cells: ["3", "4"] },
      { line: 4, cells: ["5", "6"] },
    ]);
  });

  it("drops a byte-order mark and skips blank lines, keeping the line numbers true", () => {
    expect(read("\uFEFFemail,points\r\n\r\na@x.com,5\r\n")).toEqual([
      { line: 1, cells: ["email", "points"] },
      { line: 3, cells: ["a@x.com", "5"] },
    ]);
  });

  it("reads quoted cells holding commas, doubled quotes and line breaks", () => {
    expect(read('a,"b, c","say ""hi""","two\r\nlines"\nnext,"",x')).toEqual([
      { line: 1, cells: ["a", "b, c", 'say "hi"', "two\r\nlines"] },
      { line: 3, cells: ["next", "", "x"] },
    ]);
  });

  it("keeps empty cells, at the end too", () => {
    expect(read("a,,\n,b,")).toEqual([
      { line: 1, cells: ["a", "", ""] },
      { line: 2, cells: ["", "b", ""] },
    ]);
  });

  it("keeps a quote inside an unquoted cell, and text after a closing quote", () => {
    expect(read('5"6,"a"b')).toEqual([{ line: 1, cells: ['5"6', "ab"] }]);
  });

  it("refuses a quoted cell that is never closed, naming where it starts", () => {
    expect(() => read('a,b\n1,"open\n2,3')).toThrow(CsvSyntaxError);
    try {
      read('a,b\n1,"open\n2,3');
    } catch (error) {
      expect((error as CsvSyntaxError).line).toBe(2);
    }
  });
});

describe("csvCell", () => {
  it("writes numbers plainly and null as empty", () => {
    expect(csvCell(1250)).toBe("1250");
    expect(csvCell(-40)).toBe("-40");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("quotes commas, quotes, line breaks and edge spaces only", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(" padded")).toBe('" padded"');
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes rows that read back as written", () => {
    const cells = ["a,b", 'q"', "multi\r\nline", "", "Ünïcödé Юлия"];
    const text = csvRow(cells) + csvRow([1, null]);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(read(text).map((r) => r.cells)).toEqual([cells, ["1", ""]]);
  });
});
