// /app/operations through the library's real admin authentication: the loader reads only the
// signed-in shop's queue, and the retry action refuses bad input and other shops' jobs.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { MAX_ATTEMPTS } from "../jobs/queue.server";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { action, loader } from "./app.operations";

const OTHER = "someone-else.myshopify.com";

const deadJob = (shop: string, key: string, kind = "sync_member") =>
  db.job.create({
    data: { shop, kind, key, status: "dead", attempts: MAX_ATTEMPTS, lastError: "Access denied" },
  });

/** A form post from the embedded admin, as App Bridge sends it (session token as Bearer). */
async function post(fields: Record<string, string>) {
  const authorized = await bearerRequest("/app/operations");
  return new Request(authorized.url, {
    method: "POST",
    headers: { Authorization: authorized.headers.get("Authorization")! },
    body: new URLSearchParams(fields),
  });
}

/** What the action answered: its status and body (`data()` or a plain object). */
async function answer(result: unknown) {
  const value = result as { type?: string; init?: { status?: number } | null; data?: unknown };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data };
  return { status: 200, body: result };
}

beforeEach(async () => {
  await db.job.deleteMany();
  await db.auditLog.deleteMany();
  await installOfflineSession();
});

describe("/app/operations loader", () => {
  it("shows the signed-in shop's queue and failed jobs only", async () => {
    await deadJob(TEST_SHOP, "m1");
    await deadJob(OTHER, "m2");

    const data = await loader(args(await adminRequest("/app/operations")));

    expect(data.overview.kinds).toEqual([expect.objectContaining({ kind: "sync_member", dead: 1 })]);
    expect(data.overview.health.reasons).toContainEqual({ code: "dead_jobs", count: 1 });
    expect(data.failed.jobs.map((j) => j.key)).toEqual(["m1"]);
  });

  it("treats a page that isn't a number as the first", async () => {
    const data = await loader(args(await adminRequest("/app/operations?page=abc")));
    expect(data.failed.page).toBe(1);
  });
});

describe("/app/operations retry action", () => {
  it("puts a dead job back in the queue and records who did it", async () => {
    const job = await deadJob(TEST_SHOP, "m1");

    const { status, body } = await answer(await action(args(await post({ intent: "retry", jobId: job.id }))));

    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, retried: 1 });
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "queued", attempts: 0 });
    expect(await db.auditLog.findMany()).toEqual([
      expect.objectContaining({ shop: TEST_SHOP, actor: "staff:12345", action: "operations.retry", subject: job.id }),
    ]);
  });

  it("answers 404 for another shop's job and changes nothing", async () => {
    const theirs = await deadJob(OTHER, "m1");

    const { status, body } = await answer(await action(args(await post({ intent: "retry", jobId: theirs.id }))));

    expect(status).toBe(404);
    expect(body).toEqual({ ok: false, error: "not_found", field: "jobId" });
    expect(await db.job.findUniqueOrThrow({ where: { id: theirs.id } })).toEqual(theirs);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("retries all dead jobs of a kind, and says when there are none", async () => {
    await deadJob(TEST_SHOP, "m1");
    await deadJob(TEST_SHOP, "m2");
    await deadJob(OTHER, "m3");

    const first = await answer(await action(args(await post({ intent: "retryKind", kind: "sync_member" }))));
    const again = await answer(await action(args(await post({ intent: "retryKind", kind: "sync_member" }))));

    expect(first).toEqual({ status: 200, body: { ok: true, retried: 2 } });
    expect(again).toEqual({ status: 409, body: { ok: false, error: "nothing_to_retry", field: "kind" } });
    expect(await db.job.count({ where: { shop: OTHER, status: "dead" } })).toBe(1);
    expect(await db.auditLog.count()).toBe(1);
  });

  it("rejects a malformed request with the field at fault", async () => {
    await deadJob(TEST_SHOP, "m1");
    expect(await answer(await action(args(await post({ intent: "retry" }))))).toEqual({
      status: 400,
      body: { ok: false, error: "invalid", field: "jobId" },
    });
    expect(await answer(await action(args(await post({ intent: "discard", jobId: "x" }))))).toEqual({
      status: 400,
      body: { ok: false, error: "invalid", field: "intent" },
    });
    expect(await db.job.count({ where: { status: "dead" } })).toBe(1);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("answers 401 to a post without a valid session token", async () => {
    const job = await deadJob(TEST_SHOP, "m1");
    const forged = new Request((await bearerRequest("/app/operations")).url, {
      method: "POST",
      headers: { Authorization: "Bearer not.a.token" },
      body: new URLSearchParams({ intent: "retry", jobId: job.id }),
    });

    const outcome = await action(args(forged)).catch((thrown: unknown) => thrown);

    expect((outcome as Response).status).toBe(401);
    expect(await db.job.findUniqueOrThrow({ where: { id: job.id } })).toMatchObject({ status: "dead" });
  });
});
