// CSV as spreadsheets write and read it (RFC 4180): reading tolerates a byte-order mark, CRLF,
// LF or CR line ends and quoted cells holding commas, quotes and line breaks; writing quotes only
// when it must and defuses text a spreadsheet would run as a formula.

export interface CsvRecord {
  /** The line the record starts on (1-based), as a spreadsheet numbers its rows. */
  line: number;
  cells: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;
  constructor(line: number) {
    super(`a quoted cell starting on line ${line} is never closed`);
    this.line = line;
  }
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/**
 * The records of `text`, one at a time; blank lines are left out. Throws CsvSyntaxError when a
 * quoted cell runs to the end of the text. A quote inside an unquoted cell is kept as it is.
 */
export function* readCsv(text: string): Generator<CsvRecord> {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  const n = text.length;
  while (i < n) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell: string;
      if (text.charCodeAt(i) === QUOTE) {
        // Quoted: runs to the next quote not doubled; line breaks inside count as lines.
        let parts = "";
        let from = ++i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q < 0) throw new CsvSyntaxError(start);
          line += countBreaks(text, i, q);
          if (text.charCodeAt(q + 1) === QUOTE) {
            parts += text.slice(from, q + 1);
            i = from = q + 2;
            continue;
          }
          parts += text.slice(from, q);
          i = q + 1;
          break;
        }
        // Anything between the closing quote and the next comma or line end is kept too.
        let end = i;
        while (end < n && !isBreakOrComma(text.charCodeAt(end))) end++;
        cell = parts + text.slice(i, end);
        i = end;
      } else {
        let end = i;
        while (end < n && !isBreakOrComma(text.charCodeAt(end))) end++;
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (i < n && text.charCodeAt(i) === COMMA) {
        i++;
        continue;
      }
      break;
    }
    // The record's line end: CRLF, LF or CR.
    if (text.charCodeAt(i) === CR) i++;
    if (text.charCodeAt(i) === LF) i++;
    line++;
    if (cells.length === 1 && cells[0] === "") continue;
    yield { line: start, cells };
  }
}

const isBreakOrComma = (c: number) => c === COMMA || c === LF || c === CR;

function countBreaks(text: string, from: number, to: number) {
  let breaks = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) breaks++;
  }
  return breaks;
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/**
 * One cell: numbers as plain numbers, null as empty, text quoted when it holds a comma, quote,
 * line break or edge space, and prefixed with ' when it would start a formula.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, with the CRLF line end RFC 4180 asks for. */
export const csvRow = (cells: (string | number | null | undefined)[]): string => `${cells.map(csvCell).join(",")}\r\n`;
