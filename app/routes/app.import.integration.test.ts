// /app/import, /app/members/export and /app/ledger/export through the library's real admin
// authentication: exports stream the signed-in shop's rows as CSV downloads and refuse bad
// input with field errors; the upload makes a dry run, apply queues it once and audits the staff
// member, and another shop's run answers 404.
import { beforeEach, describe, expect, it } from "vitest";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import db from "../db.server";
import { IMPORT_BALANCES } from "../admin/import.server";
import { loader as ledgerExport } from "./app.ledger.export";
import { loader as membersExport } from "./app.members.export";
import { action, loader } from "./app.import";

const OTHER = "someone-else.myshopify.com";

/** A form post from the embedded admin (session token as Bearer), multipart when it holds a file. */
async function post(fields: Record<string, string | File>) {
  const authorized = await bearerRequest("/app/import");
  const body = new FormData();
  for (const [name, value] of Object.entries(fields)) body.set(name, value);
  return new Request(authorized.url, {
    method: "POST",
    headers: { Authorization: authorized.headers.get("Authorization")! },
    body,
  });
}

/** What a loader or action answered: a Response's status and location, or data()'s status and body. */
function answer(result: unknown) {
  if (result instanceof Response) return { status: result.status, location: result.headers.get("Location") };
  const value = result as { type?: string; init?: { status?: number } | null; data?: unknown };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data as any };
  return { status: 200, body: result as any };
}

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => value,
    (thrown: unknown) => thrown,
  );

const csvFile = (text: string) => new File([text], "balances.csv", { type: "text/csv" });

beforeEach(async () => {
  await db.member.deleteMany();
  await db.ledgerEntry.deleteMany();
  await db.importRun.deleteMany();
  await db.auditLog.deleteMany();
  await db.job.deleteMany();
  await installOfflineSession();
  await db.member.create({
    data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/1", email: "ana@example.com", available: 100 },
  });
  await db.member.create({
    data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/2", email: "boris@example.com", available: 5 },
  });
  const theirs = await db.member.create({
    data: { shop: OTHER, customerId: "gid://shopify/Customer/1", email: "ana@other.com", available: 100 },
  });
  await db.ledgerEntry.create({
    data: {
      shop: OTHER,
      memberId: theirs.id,
      reason: "earn_purchase",
      key: "theirs",
      available: 1,
      createdAt: new Date("2026-11-05T00:00:00Z"),
    },
  });
});

describe("exports", () => {
  it("streams the signed-in shop's members, filtered as the list is, as a CSV download", async () => {
    const response = (await membersExport(args(await bearerRequest("/app/members/export?max=10")))) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("Content-Disposition")).toMatch(
      /^attachment; filename="members-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("boris@example.com");
  });

  it("refuses a bad filter with its field's message", async () => {
    const { status, body } = answer(await membersExport(args(await bearerRequest("/app/members/export?min=lots"))));
    expect(status).toBe(422);
    expect(body).toEqual({ errors: { min: "members.error.balance" } });
  });

  it("streams the shop's ledger for a date range, and refuses a bad range", async () => {
    const ours = await db.member.findFirstOrThrow({ where: { shop: TEST_SHOP, email: "ana@example.com" } });
    await db.ledgerEntry.create({
      data: {
        shop: TEST_SHOP,
        memberId: ours.id,
        reason: "manual_adjustment",
        key: "ours",
        available: -5,
        createdAt: new Date("2026-11-05T12:00:00Z"),
      },
    });
    const response = (await ledgerExport(
      args(await bearerRequest("/app/ledger/export?from=2026-11-01&to=2026-11-05")),
    )) as Response;
    expect(response.headers.get("Content-Disposition")).toMatch(/filename="ledger-/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(",2026-11-05T12:00:00.000Z,");
    expect(lines[1]).toContain(",manual_adjustment,-5,");

    const bad = answer(
      await ledgerExport(args(await bearerRequest("/app/ledger/export?from=2026-11-05&to=2026-11-01"))),
    );
    expect(bad).toEqual({ status: 422, body: { errors: { to: "transfer.error.range" } } });
  });

  it("needs the admin's session token", async () => {
    const thrown = await outcome(
      membersExport(args(new Request("https://my-test-app.myshopify.io/app/members/export"))),
    );
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).headers.get("Content-Type")).not.toBe("text/csv; charset=utf-8");
  });
});

describe("/app/import", () => {
  // Ana is a member; nobody@ is looked up in Shopify when the run is applied; row 4 is unreadable.
  const FILE = "email,points\r\nana@example.com,250\r\nnobody@example.com,5\r\nbo@example.com,lots\r\n";

  it("dry-runs an upload, then applies it once and records the staff member", async () => {
    const uploaded = answer(await action(args(await post({ intent: "upload", file: csvFile(FILE) }))));
    expect(uploaded.status).toBe(302);
    const runId = new URL(uploaded.location!, "https://x").searchParams.get("run")!;

    const page = await loader(args(await adminRequest(`/app/import?run=${runId}`)));
    expect(page.preview).toMatchObject({ id: runId, status: "previewed", total: 3, valid: 2, lookups: 1 });
    expect(page.preview!.errors).toEqual([{ row: 4, field: "points", message: "transfer.rowError.badPoints" }]);
    expect(page.runs.map((r) => r.id)).toEqual([runId]);
    expect(page.columns.members[0]).toBe("member_id");

    const applied = answer(await action(args(await post({ intent: "apply", runId }))));
    const again = answer(await action(args(await post({ intent: "apply", runId }))));
    expect(applied).toEqual({ status: 200, body: { ok: true, queued: runId } });
    expect(again).toEqual({ status: 200, body: { ok: true, queued: runId } });
    expect(await db.job.count({ where: { kind: IMPORT_BALANCES } })).toBe(1);
    expect(await db.auditLog.findMany()).toEqual([
      expect.objectContaining({ shop: TEST_SHOP, actor: "staff:12345", action: "import.apply", subject: runId }),
    ]);
  });

  it("refuses a missing or unreadable file with a message, keeping nothing", async () => {
    const missing = answer(await action(args(await post({ intent: "upload" }))));
    expect(missing).toEqual({ status: 422, body: { ok: false, refused: { code: "noFile", row: null } } });
    const header = answer(await action(args(await post({ intent: "upload", file: csvFile("name\nAna") }))));
    expect(header).toEqual({ status: 422, body: { ok: false, refused: { code: "header", row: 1 } } });
    expect(await db.importRun.count()).toBe(0);
  });

  it("discards a dry run", async () => {
    const uploaded = answer(await action(args(await post({ intent: "upload", file: csvFile(FILE) }))));
    const runId = new URL(uploaded.location!, "https://x").searchParams.get("run")!;
    const discarded = answer(await action(args(await post({ intent: "discard", runId }))));
    expect(discarded.status).toBe(302);
    expect(await db.importRun.count()).toBe(0);
  });

  it("answers 404 for another shop's run, in the loader and the action", async () => {
    const theirs = await db.importRun.create({
      data: { shop: OTHER, actor: "staff:1", fileName: "x.csv", csv: FILE, total: 1, valid: 1 },
    });
    const loaded = await outcome(loader(args(await adminRequest(`/app/import?run=${theirs.id}`))));
    expect((loaded as Response).status).toBe(404);
    for (const intent of ["apply", "discard"]) {
      const acted = await outcome(action(args(await post({ intent, runId: theirs.id }))));
      expect((acted as Response).status, intent).toBe(404);
    }
    expect((await db.importRun.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe("previewed");
    expect(await db.job.count()).toBe(0);
  });
});
