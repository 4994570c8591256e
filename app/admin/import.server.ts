// Importing starting balances from a CSV (a shop moving from another loyalty app). Uploading
// makes a dry run: every row is read, checked and matched to a member, and the counts and first
// problems are kept on an ImportRun, with the file, until the merchant applies or discards it.
// Applying queues a job; the worker applies rows in batches, each batch one transaction (members
// locked, entries, balances, metafield syncs queued, progress moved), each row an `import` entry
// keyed by run and row. Rows are matched by Shopify customer id, else email; a customer id no
// member has yet enrols that customer (most customers of a shop moving apps haven't ordered since
// install). An email no member has is looked up in Shopify by the job, before the batch's
// transaction (the dry run only counts these rows: it runs in the request and calls no one): the
// one customer with that email is enrolled; none or several is the row's error, added to the
// run's. A member's starting balance is imported once (a later run skips them). The file is
// emptied when the run ends.
import type { Tx } from "../db/sql.server";
import { transaction } from "../db/sql.server";
import db, { provider, sql } from "../db.server";
import { enqueue, MAX_ATTEMPTS, type ClaimedJob } from "../jobs/queue.server";
import type { EmailMatch } from "../loyalty/customer-lookup";
import {
  importEntry,
  parseImportFile,
  type ImportRow,
  type ParsedRow,
  type RowError,
  type FileErrorCode,
  type RowErrorCode,
  type RowField,
} from "../loyalty/balance-import";
import { append, memberFor, type Client, type MemberRow } from "../points/ledger.server";
import { recordAudit } from "./audit.server";
import { customerLookup } from "./customer-lookup.server";
import { MEMBER_ROW } from "./members.server";

export const IMPORT_BALANCES = "import_balances";
export const MAX_IMPORT_ROWS = 250_000;
export const MAX_IMPORT_BYTES = 25 * 1024 * 1024;
/** Problems kept on the run and shown (the count covers them all). */
export const SHOWN_ERRORS = 100;
/** Rows per transaction. */
export const IMPORT_BATCH = 500;
/** One worker turn applies batches for this long, then yields the worker (well inside the lease). */
export const TURN_MS = 20_000;
export const RECENT_RUNS = 10;
/** A dry run never applied is dropped, with its file, after a day. */
const PREVIEW_KEPT_MS = 24 * 60 * 60_000;
const INDEX_BATCH = 5000;
const MAX_FILE_NAME = 200;

export type ImportStatus = "previewed" | "queued" | "running" | "done" | "failed";

export interface ShownError {
  row: number;
  field: RowField;
  message: `transfer.rowError.${RowErrorCode}`;
}

export interface ImportRunView {
  id: string;
  fileName: string;
  status: ImportStatus;
  total: number;
  valid: number;
  processed: number;
  applied: number;
  skipped: number;
  /** Rows naming an email no member has: applying looks these customers up in Shopify. */
  lookups: number;
  errors: ShownError[];
  createdAt: Date;
  updatedAt: Date;
}

/** Not this shop's run (or no such run): the page answers 404. */
export class ImportNotFound extends Error {}

export type RefusalCode = FileErrorCode | "noFile" | "tooLarge" | "empty" | "nothingValid" | "notPreviewed";

/** A file or an action refused as a whole; nothing changed. `row` names the line at fault. */
export class ImportRefused extends Error {
  readonly code: RefusalCode;
  readonly row: number | null;
  constructor(code: ImportRefused["code"], row: number | null = null) {
    super(`import refused: ${code}${row === null ? "" : ` (row ${row})`}`);
    this.code = code;
    this.row = row;
  }
}

const VIEW = {
  id: true,
  fileName: true,
  status: true,
  total: true,
  valid: true,
  processed: true,
  applied: true,
  skipped: true,
  lookups: true,
  errors: true,
  createdAt: true,
  updatedAt: true,
} as const;

type RunRow = { [K in keyof typeof VIEW]: K extends "status" | "errors" ? string : ImportRunView[K] };

const viewOf = (run: RunRow): ImportRunView => ({
  ...run,
  status: run.status as ImportStatus,
  errors: JSON.parse(run.errors) as ShownError[],
});

const shown = (e: RowError): ShownError => ({ row: e.row, field: e.field, message: `transfer.rowError.${e.code}` });

// --- Matching rows to members -------------------------------------------------------------

interface Known {
  id: string;
  status: string;
}

interface MemberIndex {
  byCustomer: Map<string, Known>;
  /** An email two members share can't say which one a row means. */
  byEmail: Map<string, Known | "ambiguous">;
}

/**
 * The shop's members the rows name, by customer id and lower-cased email: one pass over the
 * shop's members in id order, keeping only those the file mentions.
 */
async function memberIndex(client: Client, shop: string, rows: ImportRow[]): Promise<MemberIndex> {
  const emails = new Set(rows.flatMap((r) => (r.email ? [r.email] : [])));
  const customers = new Set(rows.flatMap((r) => (r.customerId ? [r.customerId] : [])));
  const index: MemberIndex = { byCustomer: new Map(), byEmail: new Map() };
  let after = "";
  for (;;) {
    const batch = await sql(client).query<Known & { customerId: string; email: string | null }>(
      `SELECT "id", "customerId", "email", "status" FROM "Member" WHERE "shop" = $1 AND "id" > $2
       ORDER BY "id" LIMIT ${INDEX_BATCH}`,
      [shop, after],
    );
    for (const m of batch) {
      const known = { id: m.id, status: m.status };
      if (customers.has(m.customerId)) index.byCustomer.set(m.customerId, known);
      const email = m.email?.trim().toLowerCase();
      if (email && emails.has(email)) {
        const earlier = index.byEmail.get(email);
        index.byEmail.set(email, earlier && earlier !== "ambiguous" && earlier.id !== m.id ? "ambiguous" : known);
      }
    }
    if (batch.length < INDEX_BATCH) return index;
    after = batch.at(-1)!.id;
  }
}

/**
 * The member a row means: by customer id first, else by email. A customer id no member has yet
 * is a Shopify customer who hasn't joined (moving from another app, most haven't ordered since
 * install): applying enrols them. An email no member has is looked up in Shopify when applying.
 */
type Match =
  | { ok: true; member: Known }
  | { ok: true; enrol: string }
  | { ok: true; lookup: string }
  | { ok: false; error: RowError };

function memberOf(row: ImportRow, index: MemberIndex): Match {
  const fail = (field: RowField, code: RowErrorCode) => ({ ok: false as const, error: { row: row.row, field, code } });
  let found = row.customerId ? index.byCustomer.get(row.customerId) : undefined;
  if (!found && row.email && !row.customerId) {
    const byEmail = index.byEmail.get(row.email);
    if (byEmail === "ambiguous") return fail("email", "ambiguousEmail");
    found = byEmail;
  }
  if (!found && row.customerId) return { ok: true, enrol: row.customerId };
  if (!found) return row.email ? { ok: true, lookup: row.email } : fail("customer", "missingCustomer");
  if (found.status !== "active") return fail("customer", "redacted");
  return { ok: true, member: found };
}

/** Who a match names, for spotting a customer twice in one file (an email to look up, by the email). */
const whoOf = (match: { member: Known } | { enrol: string } | { lookup: string }) =>
  "member" in match
    ? `member:${match.member.id}`
    : "enrol" in match
      ? `customer:${match.enrol}`
      : `email:${match.lookup}`;

/** Members that already have imported points (from any run). */
async function importedMembers(client: Client, shop: string, memberIds?: string[]): Promise<Set<string>> {
  if (memberIds?.length === 0) return new Set();
  const args: unknown[] = [shop];
  const among = memberIds
    ? ` AND "memberId" IN (${memberIds.map((id) => (args.push(id), `$${args.length}`)).join(", ")})`
    : "";
  const rows = await sql(client).query<{ memberId: string }>(
    `SELECT DISTINCT "memberId" FROM "LedgerEntry" WHERE "shop" = $1 AND "reason" = 'import'${among}`,
    args,
  );
  return new Set(rows.map((r) => r.memberId));
}

// --- Dry run ---------------------------------------------------------------------------------

/** Whole-file problems (size, header, syntax) refuse the upload; a run is made only for a readable file. */
function readFile(csv: string): ParsedRow[] {
  if (csv.length > MAX_IMPORT_BYTES) throw new ImportRefused("tooLarge");
  const file = parseImportFile(csv, MAX_IMPORT_ROWS);
  if (file.fileError) throw new ImportRefused(file.fileError.code, file.fileError.row);
  return file.rows;
}

/**
 * The dry run: checks every row and matches it to a member as applying would, and keeps the
 * file, counts and first problems as a previewed run. Changes no balance.
 */
export async function previewImport(
  shop: string,
  actor: string,
  fileName: string,
  csv: string,
  now = new Date(),
): Promise<ImportRunView> {
  const rows = readFile(csv);
  if (rows.length === 0) throw new ImportRefused("empty");
  const readable = rows.flatMap((r) => (r.ok ? [r.value] : []));
  const [index, imported] = await Promise.all([memberIndex(db, shop, readable), importedMembers(db, shop)]);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  let valid = 0;
  let lookups = 0;
  for (const parsed of rows) {
    if (!parsed.ok) {
      errors.push(...parsed.errors);
      continue;
    }
    const match = memberOf(parsed.value, index);
    if (!match.ok) errors.push(match.error);
    else if (seen.has(whoOf(match))) errors.push({ row: parsed.value.row, field: "customer", code: "duplicate" });
    else if ("member" in match && imported.has(match.member.id))
      errors.push({ row: parsed.value.row, field: "customer", code: "alreadyImported" });
    else {
      seen.add(whoOf(match));
      valid++;
      if ("lookup" in match) lookups++;
    }
  }
  return transaction(db, async (tx) => {
    await tx.importRun.deleteMany({
      where: { shop, status: "previewed", createdAt: { lt: new Date(now.getTime() - PREVIEW_KEPT_MS) } },
    });
    const run = await tx.importRun.create({
      data: {
        shop,
        actor,
        fileName: fileName.trim().slice(0, MAX_FILE_NAME) || "import.csv",
        csv,
        status: "previewed",
        total: rows.length,
        valid,
        lookups,
        errors: JSON.stringify(errors.slice(0, SHOWN_ERRORS).map(shown)),
        createdAt: now,
      },
      select: VIEW,
    });
    return viewOf(run);
  });
}

// --- Apply -----------------------------------------------------------------------------------

async function shopRun(client: Client, shop: string, runId: string) {
  const run = await client.importRun.findFirst({ where: { id: runId, shop }, select: VIEW });
  if (!run) throw new ImportNotFound(runId);
  return run;
}

/** One run of the shop, without its file. */
export async function importRun(shop: string, runId: string): Promise<ImportRunView> {
  return viewOf(await shopRun(db, shop, runId));
}

/** The shop's latest runs, newest first. */
export async function recentImports(shop: string): Promise<ImportRunView[]> {
  const runs = await db.importRun.findMany({
    where: { shop },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECENT_RUNS,
    select: VIEW,
  });
  return runs.map(viewOf);
}

/**
 * Queues a previewed run and audits it, once: applying a run already queued (a double click, a
 * retried request) returns it as it is.
 */
export async function applyImport(shop: string, runId: string, actor: string, now = new Date()) {
  return transaction(db, async (tx) => {
    const run = await shopRun(tx, shop, runId);
    if (run.status !== "previewed") return viewOf(run);
    if (run.valid === 0) throw new ImportRefused("nothingValid");
    const queued = await tx.importRun.update({ where: { id: run.id }, data: { status: "queued" }, select: VIEW });
    await enqueue(tx, { shop, kind: IMPORT_BALANCES, key: run.id, payload: { runId: run.id } }, now);
    await recordAudit(tx, {
      shop,
      actor,
      action: "import.apply",
      subject: run.id,
      after: { fileName: run.fileName, rows: run.total, valid: run.valid },
    });
    return viewOf(queued);
  });
}

/** Drops a dry run the merchant won't apply, with its file. */
export async function discardImport(shop: string, runId: string): Promise<void> {
  const run = await shopRun(db, shop, runId);
  if (run.status !== "previewed") throw new ImportRefused("notPreviewed");
  await db.importRun.deleteMany({ where: { id: run.id, shop, status: "previewed" } });
}

// --- The worker ------------------------------------------------------------------------------

const lockClause = provider === "postgresql" ? " FOR UPDATE" : "";

/** The emails of these rows that no member has: the batch's Shopify lookups. */
function lookupsOf(rows: ParsedRow[], index: MemberIndex): string[] {
  return rows.flatMap((parsed) => {
    if (!parsed.ok) return [];
    const match = memberOf(parsed.value, index);
    return match.ok && "lookup" in match ? [match.lookup] : [];
  });
}

/** The Shopify customer a row's email was looked up as (the batch's lookups come first). */
function lookedUp(found: Map<string, EmailMatch>, row: ImportRow): EmailMatch {
  const customer = row.email === null ? undefined : found.get(row.email);
  if (!customer) throw new Error(`import row ${row.row} was not looked up`);
  return customer;
}

/** The run's shown problems with the job's added: by row, each once, at most SHOWN_ERRORS. */
function withErrors(shownJson: string, found: RowError[]): string {
  const all = [...(JSON.parse(shownJson) as ShownError[]), ...found.map(shown)].sort((a, b) => a.row - b.row);
  const once = new Map(all.map((e) => [`${e.row}:${e.field}:${e.message}`, e]));
  return JSON.stringify([...once.values()].slice(0, SHOWN_ERRORS));
}

/**
 * Rows [from, from + rows.length) of the run, in one transaction, with the Shopify customers
 * their emails were looked up as (`found`, fetched before). The run's progress moves only if it
 * still stands at `from`, so a batch is never applied twice, nor its problems added twice (a
 * lapsed lease, two workers).
 */
async function applyBatch(
  shop: string,
  runId: string,
  from: number,
  total: number,
  rows: ParsedRow[],
  index: MemberIndex,
  found: Map<string, EmailMatch>,
  now: Date,
) {
  return transaction(db, async (tx) => {
    const matched: { row: ImportRow; memberId: string }[] = [];
    const errors: RowError[] = [];
    for (const parsed of rows) {
      if (!parsed.ok) continue;
      const row = parsed.value;
      const match = memberOf(row, index);
      if (!match.ok) continue;
      if ("member" in match) {
        matched.push({ row, memberId: match.member.id });
        continue;
      }
      const customer: EmailMatch = "enrol" in match ? { ok: true, customerId: match.enrol } : lookedUp(found, row);
      if (!customer.ok) {
        errors.push({ row: row.row, field: "email", code: customer.code });
        continue;
      }
      // A customer joining with their starting balance (no sign-up bonus: not a new customer);
      // one enrolled since the dry run (or by an earlier row) is found, not enrolled twice.
      const member = await memberFor(tx, shop, customer.customerId, { email: row.email }, now);
      matched.push({ row, memberId: member.id });
    }
    const ids = [...new Set([...matched.values()].map((m) => m.memberId))].sort();
    const members = new Map((await lockMembers(tx, shop, ids)).map((m) => [m.id, m]));
    const imported = await importedMembers(tx, shop, ids);
    let applied = 0;
    for (const { row, memberId } of matched) {
      const member = members.get(memberId);
      // Gone or redacted since the dry run, or already given a starting balance: left as it is.
      if (!member || member.status !== "active" || imported.has(memberId)) continue;
      imported.add(memberId);
      applied++;
      if (row.points === 0) continue;
      const after = await append(tx, member, [importEntry(runId, row)], { allowNegative: false }, null, now);
      members.set(memberId, { ...member, ...after });
    }
    const processed = from + rows.length;
    const done = processed >= total;
    const moved = await tx.importRun.updateMany({
      where: { id: runId, shop, processed: from, status: { in: ["queued", "running"] } },
      data: {
        processed,
        applied: { increment: applied },
        skipped: { increment: rows.length - applied },
        status: done ? "done" : "running",
        ...(done ? { csv: "" } : {}),
        updatedAt: now,
      },
    });
    if (moved.count !== 1) throw new Error(`import ${runId} moved on while a batch ran`);
    if (errors.length > 0) {
      // Read after the move: the run's row is this transaction's now, so no other batch's
      // problems can be lost between the read and the write.
      const run = await tx.importRun.findFirstOrThrow({ where: { id: runId, shop }, select: { errors: true } });
      await tx.importRun.updateMany({ where: { id: runId, shop }, data: { errors: withErrors(run.errors, errors) } });
    }
    return processed;
  });
}

async function lockMembers(tx: Tx, shop: string, ids: string[]) {
  if (ids.length === 0) return [];
  return sql(tx).query<MemberRow & { status: string }>(
    `SELECT ${MEMBER_ROW} FROM "Member" WHERE "shop" = $1 AND "id" IN (${ids.map((_, i) => `$${i + 2}`).join(", ")})
     ORDER BY "id"${lockClause}`,
    [shop, ...ids],
  );
}

/**
 * One turn of a run: batches from where it stands until it ends or the turn's time is up (then
 * it is queued again for the next turn), each batch's emails looked up in Shopify before its
 * transaction. True when the run has ended. A failed lookup throws: the batch stays undone and
 * the job is retried.
 */
export async function runImportTurn(
  shop: string,
  runId: string,
  options: { batch?: number; budgetMs?: number } = {},
  now = () => new Date(),
): Promise<boolean> {
  const { batch = IMPORT_BATCH, budgetMs = TURN_MS } = options;
  const started = Date.now();
  const turnStart = now();
  const run = await db.importRun.findFirst({
    where: { id: runId, shop },
    select: { csv: true, processed: true, status: true },
  });
  if (!run || (run.status !== "queued" && run.status !== "running")) return true;
  const rows = readFile(run.csv);
  const index = await memberIndex(
    db,
    shop,
    rows.slice(run.processed).flatMap((r) => (r.ok ? [r.value] : [])),
  );
  const lookUp = customerLookup(shop);
  let processed = run.processed;
  if (rows.length === 0) await applyBatch(shop, runId, 0, 0, [], index, new Map(), now());
  while (processed < rows.length) {
    const slice = rows.slice(processed, processed + batch);
    const found = await lookUp(lookupsOf(slice, index));
    processed = await applyBatch(shop, runId, processed, rows.length, slice, index, found, now());
    if (processed < rows.length && Date.now() - started >= budgetMs) {
      // Due from the turn's start: ahead of the balance syncs this turn queued, which the worker
      // claims in due order, so the import takes turns with them rather than waiting for them all.
      await transaction(db, (tx) =>
        enqueue(tx, { shop, kind: IMPORT_BALANCES, key: runId, payload: { runId } }, turnStart),
      );
      return false;
    }
  }
  return true;
}

/** A run whose job has used its last attempt: failed, and its file emptied. */
async function failRun(shop: string, runId: string, now = new Date()) {
  await db.importRun.updateMany({
    where: { id: runId, shop, status: { in: ["queued", "running"] } },
    data: { status: "failed", csv: "", updatedAt: now },
  });
}

/** The worker's handler: a turn of each of the shop's queued runs. */
export async function runImportBalances(shop: string, jobs: ClaimedJob[]): Promise<void> {
  for (const job of jobs) {
    try {
      await runImportTurn(shop, job.key);
    } catch (error) {
      if (job.attempts >= MAX_ATTEMPTS) await failRun(shop, job.key);
      throw error;
    }
  }
}
