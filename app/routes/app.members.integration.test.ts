// /app/members and /app/members/:id through the library's real admin authentication: loaders read
// only the signed-in shop's members, the adjustment action applies once per key, refuses what it
// must with a field error, records the staff member, and answers 404 for another shop's member.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { BULK_ADJUST } from "../admin/members-bulk.server";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { action as adjustAction, loader as memberLoader } from "./app.members.$id";
import { action as bulkAction, loader as listLoader } from "./app.members._index";

const OTHER = "someone-else.myshopify.com";

/** A form post from the embedded admin, as App Bridge sends it (session token as Bearer). */
async function post(path: string, fields: Record<string, string>) {
  const authorized = await bearerRequest(path);
  return new Request(authorized.url, {
    method: "POST",
    headers: { Authorization: authorized.headers.get("Authorization")! },
    body: new URLSearchParams(fields),
  });
}

/** What an action answered: its status and body (`data()` or a plain object). */
function answer(result: unknown) {
  const value = result as { type?: string; init?: { status?: number } | null; data?: unknown };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data as any };
  return { status: 200, body: result as any };
}

const withId = (request: Request, id: string) => ({ ...args(request), params: { id } });
const thrown = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e as Response,
  );

let ours: { id: string };
let theirs: { id: string };

beforeEach(async () => {
  await db.member.deleteMany();
  await db.ledgerEntry.deleteMany();
  await db.auditLog.deleteMany();
  await db.job.deleteMany();
  await installOfflineSession();
  ours = await db.member.create({
    data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/1", email: "ana@example.com", available: 100 },
  });
  await db.member.create({
    data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/2", email: "boris@example.com", available: 5 },
  });
  theirs = await db.member.create({
    data: { shop: OTHER, customerId: "gid://shopify/Customer/1", email: "ana@other.com", available: 100 },
  });
});

describe("/app/members loader", () => {
  it("lists the signed-in shop's members, searched and filtered by the URL", async () => {
    const all = await listLoader(args(await adminRequest("/app/members")));
    expect(all.members.map((m) => m.email)).toEqual(["ana@example.com", "boris@example.com"]);
    expect(all.total).toEqual({ count: 2, capped: false });
    expect(all.bulkKey).toMatch(/^[\w-]{36}$/);

    const searched = await listLoader(args(await adminRequest("/app/members?q=ANA")));
    expect(searched.members.map((m) => m.email)).toEqual(["ana@example.com"]);
    const filtered = await listLoader(args(await adminRequest("/app/members?max=10")));
    expect(filtered.members.map((m) => m.email)).toEqual(["boris@example.com"]);
  });

  it("reports a bad filter on its field and still lists", async () => {
    const data = await listLoader(args(await adminRequest("/app/members?min=lots")));
    expect(data.errors).toEqual({ min: "members.error.balance" });
    expect(data.members).toHaveLength(2);
  });
});

describe("/app/members/:id loader", () => {
  it("shows the shop's member with a fresh idempotency key each load", async () => {
    const first = await memberLoader(withId(await adminRequest(`/app/members/${ours.id}`), ours.id));
    const second = await memberLoader(withId(await adminRequest(`/app/members/${ours.id}`), ours.id));
    expect(first.member).toMatchObject({ id: ours.id, available: 100 });
    expect(first.idempotencyKey).not.toBe(second.idempotencyKey);
  });

  it("answers 404 for another shop's member", async () => {
    const outcome = await thrown(memberLoader(withId(await adminRequest(`/app/members/${theirs.id}`), theirs.id)));
    expect(outcome).toBeInstanceOf(Response);
    expect((outcome as Response).status).toBe(404);
  });
});

describe("/app/members/:id adjustment", () => {
  const fields = { points: "-40", reason: "Returned gift", idempotencyKey: "a3c1f6e2-0001" };

  it("adjusts once per key and records the staff member", async () => {
    const first = answer(await adjustAction(withId(await post(`/app/members/${ours.id}`, fields), ours.id)));
    const again = answer(await adjustAction(withId(await post(`/app/members/${ours.id}`, fields), ours.id)));

    expect(first).toMatchObject({
      status: 200,
      body: { ok: true, result: { before: 100, after: 60, repeated: false } },
    });
    expect(again).toMatchObject({
      status: 200,
      body: { ok: true, result: { before: 100, after: 60, repeated: true } },
    });
    expect((await db.member.findUniqueOrThrow({ where: { id: ours.id } })).available).toBe(60);
    expect(await db.auditLog.findMany()).toEqual([
      expect.objectContaining({ shop: TEST_SHOP, actor: "staff:12345", action: "member.adjust", subject: ours.id }),
    ]);
  });

  it("refuses a deduction below zero on the points field, changing nothing", async () => {
    const { status, body } = answer(
      await adjustAction(withId(await post(`/app/members/${ours.id}`, { ...fields, points: "-101" }), ours.id)),
    );
    expect(status).toBe(422);
    expect(body).toEqual({ ok: false, errors: { points: "members.error.belowZero" } });
    expect((await db.member.findUniqueOrThrow({ where: { id: ours.id } })).available).toBe(100);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("refuses a missing reason and bad points on their fields", async () => {
    const { status, body } = answer(
      await adjustAction(
        withId(await post(`/app/members/${ours.id}`, { ...fields, points: "ten", reason: "" }), ours.id),
      ),
    );
    expect(status).toBe(422);
    expect(body).toEqual({ ok: false, errors: { points: "members.error.points", reason: "members.error.reason" } });
  });

  it("answers 404 for another shop's member and changes nothing", async () => {
    const outcome = await thrown(adjustAction(withId(await post(`/app/members/${theirs.id}`, fields), theirs.id)));
    expect((outcome as Response).status).toBe(404);
    expect((await db.member.findUniqueOrThrow({ where: { id: theirs.id } })).available).toBe(100);
    expect(await db.ledgerEntry.count()).toBe(0);
  });
});

describe("/app/members bulk adjustment", () => {
  it("queues one job for the filtered list and audits it once", async () => {
    const fields = { min: "50", points: "10", reason: "Anniversary", idempotencyKey: "b7d2e9f1-0002" };
    const first = answer(await bulkAction(args(await post("/app/members", fields))));
    const again = answer(await bulkAction(args(await post("/app/members", fields))));

    expect(first).toMatchObject({ status: 200, body: { ok: true, progress: { matched: 1, status: "queued" } } });
    expect(again.body.progress.key).toBe(first.body.progress.key);
    expect(await db.job.count({ where: { shop: TEST_SHOP, kind: BULK_ADJUST } })).toBe(1);
    expect(await db.auditLog.findMany()).toEqual([
      expect.objectContaining({ shop: TEST_SHOP, actor: "staff:12345", action: "member.bulk_adjust" }),
    ]);
    const listed = await listLoader(args(await adminRequest("/app/members")));
    expect(listed.bulkJobs).toEqual([expect.objectContaining({ key: "b7d2e9f1-0002", matched: 1, points: 10 })]);
  });

  it("refuses a bad filter or an empty selection, queueing nothing", async () => {
    const bad = answer(
      await bulkAction(
        args(await post("/app/members", { min: "x", points: "10", reason: "r", idempotencyKey: "c-00000001" })),
      ),
    );
    expect(bad).toEqual({ status: 422, body: { ok: false, errors: { form: "members.error.filter" } } });
    const empty = answer(
      await bulkAction(
        args(await post("/app/members", { min: "5000", points: "10", reason: "r", idempotencyKey: "c-00000002" })),
      ),
    );
    expect(empty).toEqual({ status: 422, body: { ok: false, errors: { form: "members.error.bulkEmpty" } } });
    expect(await db.job.count()).toBe(0);
  });
});
