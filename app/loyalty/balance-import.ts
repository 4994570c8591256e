// Starting balances from another loyalty app, as a CSV: one row per customer, named by email
// and/or Shopify customer id, with the points to start from and an optional note. This module
// reads and checks rows; matching them to members and applying them is the server's part.
// Problems name the row and the field, never the customer: they are kept and shown.
import { CsvSyntaxError, readCsv } from "./csv";
import { entry, type Entry } from "./ledger";

export const COLUMNS = ["email", "customer_id", "points", "note"] as const;
/** The most points one row may carry: a typo guard (a stray digit), not a business rule. */
export const MAX_IMPORT_POINTS = 10_000_000;
export const MAX_NOTE = 200;
const MAX_EMAIL = 254;

export type RowField = "email" | "customer_id" | "points" | "note" | "customer";

/** Why a row can't be imported; the admin shows `transfer.rowError.<code>`. */
export type RowErrorCode =
  | "missingCustomer"
  | "badEmail"
  | "badCustomerId"
  | "badPoints"
  | "negativePoints"
  | "tooManyPoints"
  | "noteTooLong"
  /** Shown by runs checked before email-only rows were looked up in Shopify. */
  | "noMember"
  /** Applying looked the email up in Shopify and found no customer with it. */
  | "noCustomer"
  | "ambiguousEmail"
  | "redacted"
  | "duplicate"
  | "alreadyImported";

/** Problems with the file as a whole. */
export type FileErrorCode = "header" | "syntax" | "tooManyRows";

export interface RowError {
  row: number;
  field: RowField;
  code: RowErrorCode;
}

export interface ImportRow {
  /** The row's line in the file (the header is row 1). */
  row: number;
  /** Lower-cased. */
  email: string | null;
  /** A Shopify customer GID. */
  customerId: string | null;
  points: number;
  note: string | null;
}

export type ParsedRow = { ok: true; value: ImportRow } | { ok: false; errors: RowError[] };

export interface ImportFile {
  /** Every data row in file order, checked; none when the file as a whole is refused. */
  rows: ParsedRow[];
  /** A problem with the file as a whole (header, syntax, size); then nothing is imported. */
  fileError: { row: number; code: FileErrorCode } | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const CUSTOMER_GID = /^gid:\/\/shopify\/Customer\/(\d{1,20})$/;

/** "123" or "gid://shopify/Customer/123" → the GID; anything else null. */
export function customerGidOf(text: string): string | null {
  if (/^\d{1,20}$/.test(text)) return `gid://shopify/Customer/${text}`;
  return CUSTOMER_GID.test(text) ? text : null;
}

type Columns = Partial<Record<(typeof COLUMNS)[number], number>>;

function columnsOf(header: string[]): Columns | null {
  const columns: Columns = {};
  header.forEach((name, i) => {
    const column = name.trim().toLowerCase() as (typeof COLUMNS)[number];
    if ((COLUMNS as readonly string[]).includes(column) && columns[column] === undefined) columns[column] = i;
  });
  if (columns.points === undefined || (columns.email === undefined && columns.customer_id === undefined)) return null;
  return columns;
}

/** One data row, checked field by field (every problem reported, not only the first). */
export function parseRow(row: number, cells: string[], columns: Columns): ParsedRow {
  const cell = (column: keyof Columns) => (columns[column] === undefined ? "" : (cells[columns[column]] ?? "").trim());
  const errors: RowError[] = [];
  const fail = (field: RowField, code: RowErrorCode) => errors.push({ row, field, code });

  const emailText = cell("email").toLowerCase();
  const idText = cell("customer_id");
  if (!emailText && !idText) fail("customer", "missingCustomer");
  if (emailText && !(emailText.length <= MAX_EMAIL && EMAIL.test(emailText))) fail("email", "badEmail");
  const customerId = idText ? customerGidOf(idText) : null;
  if (idText && !customerId) fail("customer_id", "badCustomerId");

  const pointsText = cell("points");
  let points = NaN;
  if (/^\d+$/.test(pointsText)) points = Number(pointsText);
  else if (/^-\d+$/.test(pointsText)) fail("points", "negativePoints");
  else fail("points", "badPoints");
  if (Number.isFinite(points) && points > MAX_IMPORT_POINTS) fail("points", "tooManyPoints");

  const note = cell("note");
  if (note.length > MAX_NOTE) fail("note", "noteTooLong");

  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, value: { row, email: emailText || null, customerId, points, note: note || null } };
}

/** The whole file, checked; at most `maxRows` data rows. */
export function parseImportFile(text: string, maxRows: number): ImportFile {
  const rows: ParsedRow[] = [];
  let columns: Columns | undefined;
  try {
    for (const record of readCsv(text)) {
      if (columns === undefined) {
        const named = columnsOf(record.cells);
        if (!named) return { rows: [], fileError: { row: record.line, code: "header" } };
        columns = named;
        continue;
      }
      if (rows.length >= maxRows) return { rows: [], fileError: { row: record.line, code: "tooManyRows" } };
      rows.push(parseRow(record.line, record.cells, columns));
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) return { rows: [], fileError: { row: error.line, code: "syntax" } };
    throw error;
  }
  if (!columns) return { rows: [], fileError: { row: 1, code: "header" } };
  return { rows, fileError: null };
}

/** The ledger key of a run's row: the same on every retry, so a row is never counted twice. */
export const importKey = (runId: string, row: number) => `import:${runId}:${row}`;

/**
 * A row's starting balance: points available and counted as earned (they were, elsewhere). The
 * note is the customer's to read in their points history, as other entries' notes are.
 */
export const importEntry = (runId: string, row: ImportRow): Entry =>
  entry("import", importKey(runId, row.row), { available: row.points, lifetimeEarned: row.points }, { note: row.note });
