// The rewards pages' loaders and actions, authenticated for real (session tokens signed as the
// admin signs them): each change writes the reward, its audit entry and the catalog's publication
// together; invalid input and another shop's reward change nothing.
import { beforeEach, describe, expect, it } from "vitest";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { ensureProgram } from "../points/program.server";
import { createReward } from "../rewards/catalog.server";
import { PUBLISH_REWARDS } from "../rewards/publish.server";
import { action as editAction, loader as editLoader } from "./app.rewards.$id";
import { action as listAction, loader as listLoader } from "./app.rewards._index";
import { action as newAction, loader as newLoader } from "./app.rewards.new";

const OTHER = "other-rewards.myshopify.com";
const ACTOR = "staff:12345"; // the user id in @shopify/shopify-api's test session tokens

/** A form the admin posts (App Bridge adds the session token as a Bearer header). */
async function post(path: string, fields: Record<string, string>) {
  const signed = await bearerRequest(path);
  return new Request(signed.url, { method: "POST", headers: signed.headers, body: new URLSearchParams(fields) });
}

const withId = (request: Request, id: string) => ({ ...args(request), params: { id } });

/** What an action or loader answered: a value, or the Response it returned or threw. */
async function outcome(run: () => Promise<unknown>) {
  try {
    const value = (await run()) as { type?: string; data?: unknown; init?: { status?: number } } | Response;
    if (value instanceof Response) return { status: value.status, location: value.headers.get("Location") };
    if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data };
    return { status: 200, body: value };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status };
    throw thrown;
  }
}

const FORM = {
  type: "amount_off",
  titleEn: "Ten off",
  titleRu: "Скидка 10",
  cost: "1000",
  amount: "10.00",
  minimumSubtotal: "",
  codeLifetimeDays: "30",
  startsAt: "",
  endsAt: "",
  limitPerMember: "",
};

const jobs = () => db.job.findMany({ where: { kind: PUBLISH_REWARDS, status: "queued" } });
const audits = () => db.auditLog.findMany({ orderBy: { createdAt: "asc" } });
const snapshot = async () => ({
  rewards: await db.reward.findMany({ orderBy: { id: "asc" } }),
  jobs: await jobs(),
  audits: await audits(),
});

let theirs: string;

beforeEach(async () => {
  // Each test starts from two freshly installed shops.
  for (const model of [db.reward, db.redemption, db.auditLog, db.job, db.program, db.earnRuleVersion] as const) {
    await (model as { deleteMany(args: object): Promise<unknown> }).deleteMany({});
  }
  await installOfflineSession();
  await transaction(db, async (tx) => {
    await ensureProgram(tx, TEST_SHOP, "USD", true);
    await ensureProgram(tx, OTHER, "USD", true);
  });
  theirs = (await db.reward.findFirstOrThrow({ where: { shop: OTHER } })).id;
  await db.job.updateMany({ data: { status: "done" } });
});

describe("/app/rewards", () => {
  it("lists the shop's rewards with their status counts and the codes each issued and members used", async () => {
    const [first] = await db.reward.findMany({ where: { shop: TEST_SHOP }, orderBy: { position: "asc" } });
    const code = (n: number, usedAt: Date | null, status = "issued") => ({
      shop: TEST_SHOP,
      memberId: "m1",
      rewardId: first!.id,
      idempotencyKey: `k${n}`,
      code: `LAUREL-${n}`,
      points: 500,
      discount: "{}",
      title: "{}",
      status,
      endsAt: new Date("2030-01-01T00:00:00Z"),
      usedAt,
    });
    await db.redemption.createMany({
      data: [code(1, new Date()), code(2, null), code(3, null), code(4, null, "failed")],
    });
    await db.reward.update({ where: { id: first!.id }, data: { status: "paused" } });

    const list = await listLoader(args(await adminRequest("/app/rewards")));
    expect(list.filter).toBe("all");
    expect(list.counts).toEqual({ all: 3, active: 2, paused: 1, archived: 0 });
    expect(list.rows.map((r) => [r.type, r.cost, r.status, r.issued, r.used])).toEqual([
      ["amount_off", 500, "paused", 3, 1],
      ["percent_off", 1000, "active", 0, 0],
      ["free_shipping", 300, "active", 0, 0],
    ]);
    const paused = await listLoader(args(await adminRequest("/app/rewards?status=paused")));
    expect(paused.rows.map((r) => r.id)).toEqual([first!.id]);
  });

  it("pauses, resumes and archives from the list, each audited with its publication", async () => {
    const [first] = await db.reward.findMany({ where: { shop: TEST_SHOP }, orderBy: { position: "asc" } });
    for (const [intent, status] of [
      ["pause", "paused"],
      ["resume", "active"],
      ["archive", "archived"],
    ] as const) {
      const answer = await outcome(async () => listAction(args(await post("/app/rewards", { intent, id: first!.id }))));
      expect(answer.status, intent).toBe(200);
      expect((await db.reward.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe(status);
    }
    expect((await audits()).map((a) => [a.action, a.actor, a.subject, a.before, a.after])).toEqual([
      ["reward.pause", ACTOR, first!.id, '{"status":"active"}', '{"status":"paused"}'],
      ["reward.resume", ACTOR, first!.id, '{"status":"paused"}', '{"status":"active"}'],
      ["reward.archive", ACTOR, first!.id, '{"status":"active"}', '{"status":"archived"}'],
    ]);
    expect((await jobs()).map((j) => j.shop)).toEqual([TEST_SHOP]);

    // Pausing an archived reward is not a thing: 409, and nothing more happens.
    const before = await snapshot();
    const refused = await outcome(async () =>
      listAction(args(await post("/app/rewards", { intent: "pause", id: first!.id }))),
    );
    expect(refused).toEqual({ status: 409, body: { status: 409, error: "rewards.error.status" } });
    expect(await snapshot()).toEqual(before);
  });

  it("reorders from the list", async () => {
    const [, second] = await db.reward.findMany({ where: { shop: TEST_SHOP }, orderBy: { position: "asc" } });
    await listAction(args(await post("/app/rewards", { intent: "up", id: second!.id })));
    const list = await listLoader(args(await adminRequest("/app/rewards")));
    expect(list.rows.map((r) => r.type)).toEqual(["percent_off", "amount_off", "free_shipping"]);
    expect((await audits()).map((a) => [a.action, a.before, a.after])).toEqual([
      ["reward.reorder", '{"position":1}', '{"position":0}'],
    ]);
    expect(await jobs()).toHaveLength(1);
  });

  it("answers 404 for another shop's reward, and 400 for an unknown command, changing nothing", async () => {
    const before = await snapshot();
    for (const intent of ["pause", "archive", "resume", "up"]) {
      const answer = await outcome(async () => listAction(args(await post("/app/rewards", { intent, id: theirs }))));
      expect(answer.status, intent).toBe(404);
    }
    const unknown = await outcome(async () =>
      listAction(args(await post("/app/rewards", { intent: "delete", id: theirs }))),
    );
    expect(unknown.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});

describe("/app/rewards/new", () => {
  it("shows the form in the shop's currency, offering the built-in segments", async () => {
    const page = await newLoader(args(await adminRequest("/app/rewards/new")));
    expect(page.currency).toBe("USD");
    expect(page.segments.map((s) => s.id)).toEqual(["new", "active", "at-risk", "lapsed", "high-value"]);
  });

  it("creates a reward from the form: the row, its audit entry and the catalog's publication", async () => {
    const answer = await outcome(async () => newAction(args(await post("/app/rewards/new", FORM))));
    expect(answer.status).toBe(302);
    expect(answer).toMatchObject({ location: expect.stringMatching(/\/app\/rewards(\?|$)/) });

    const created = await db.reward.findFirstOrThrow({ where: { shop: TEST_SHOP, type: "amount_off", cost: 1000 } });
    expect(created).toMatchObject({ status: "active", position: 3 });
    expect(JSON.parse(created.definition)).toMatchObject({ title: { en: "Ten off", ru: "Скидка 10" }, amount: 1000 });
    const [entry] = await audits();
    expect(entry).toMatchObject({ action: "reward.create", actor: ACTOR, subject: created.id, before: null });
    expect(JSON.parse(entry!.after!)).toMatchObject({ status: "active", reward: { cost: 1000, amount: 1000 } });
    expect((await jobs()).map((j) => j.shop)).toEqual([TEST_SHOP]);
  });

  it("answers each invalid field with its message and saves nothing", async () => {
    const before = await snapshot();
    const answer = await outcome(async () =>
      newAction(args(await post("/app/rewards/new", { ...FORM, titleRu: "", cost: "-5", amount: "ten" }))),
    );
    expect(answer).toMatchObject({
      status: 422,
      body: {
        // The values come back too, to show again (a form sent before the page's script ran).
        values: { titleEn: "Ten off", titleRu: "", cost: "-5", amount: "ten" },
        errors: {
          titleRu: { key: "rewards.error.title" },
          cost: { key: "rewards.error.cost" },
          amount: { key: "rewards.error.money", values: { example: "5.00" } },
        },
      },
    });
    expect(Object.keys((answer.body as any).errors).sort()).toEqual(["amount", "cost", "titleRu"]);
    expect(await snapshot()).toEqual(before);
  });
});

describe("/app/rewards/:id", () => {
  it("shows a reward's form, money in the shop's currency", async () => {
    const reward = await transaction(db, (tx) =>
      createReward(tx, TEST_SHOP, {
        type: "percent_off",
        title: { en: "15% off", ru: "Скидка 15%" },
        cost: 1500,
        percent: 15,
        cap: 2550,
        minimumSubtotal: null,
        startsAt: null,
        endsAt: new Date("2027-03-01T00:00:00Z"),
        tierIds: null,
        segmentIds: null,
        limitPerMember: null,
      }),
    );
    const editor = await editLoader(withId(await adminRequest(`/app/rewards/${reward.id}`), reward.id));
    expect(editor).toMatchObject({
      id: reward.id,
      status: "active",
      currency: "USD",
      values: {
        type: "percent_off",
        titleEn: "15% off",
        cost: "1500",
        percent: "15",
        cap: "25.50",
        endsAt: "2027-03-01",
      },
    });
  });

  it("saves an edit: the new definition, before and after in the audit log, a publication queued", async () => {
    const [first] = await db.reward.findMany({ where: { shop: TEST_SHOP }, orderBy: { position: "asc" } });
    const answer = await outcome(async () =>
      editAction(
        withId(
          await post(`/app/rewards/${first!.id}`, {
            ...FORM,
            intent: "save",
            type: "free_shipping",
            maxShippingRate: "9.99",
          }),
          first!.id,
        ),
      ),
    );
    expect(answer.status).toBe(302);
    const saved = await db.reward.findUniqueOrThrow({ where: { id: first!.id } });
    expect(saved).toMatchObject({ type: "free_shipping", cost: 1000, status: "active" });
    expect(JSON.parse(saved.definition)).toMatchObject({ maxShippingRate: 999, title: { en: "Ten off" } });
    const [entry] = await audits();
    expect(entry).toMatchObject({ action: "reward.update", actor: ACTOR, subject: first!.id });
    expect(JSON.parse(entry!.before!)).toMatchObject({ reward: { type: "amount_off", cost: 500 } });
    expect(JSON.parse(entry!.after!)).toMatchObject({ reward: { type: "free_shipping", cost: 1000 } });
    expect(await jobs()).toHaveLength(1);
  });

  it("pauses from the reward's page", async () => {
    const [first] = await db.reward.findMany({ where: { shop: TEST_SHOP }, orderBy: { position: "asc" } });
    const answer = await outcome(async () =>
      editAction(withId(await post(`/app/rewards/${first!.id}`, { intent: "pause" }), first!.id)),
    );
    expect(answer.status).toBe(200);
    expect((await db.reward.findUniqueOrThrow({ where: { id: first!.id } })).status).toBe("paused");
    expect((await audits()).map((a) => a.action)).toEqual(["reward.pause"]);
  });

  it("refuses an invalid edit with its messages and changes nothing", async () => {
    const [first] = await db.reward.findMany({ where: { shop: TEST_SHOP }, orderBy: { position: "asc" } });
    const before = await snapshot();
    const answer = await outcome(async () =>
      editAction(
        withId(
          await post(`/app/rewards/${first!.id}`, {
            ...FORM,
            type: "points_for_cash",
            stepValue: "0",
            maxPercentOfSubtotal: "150",
          }),
          first!.id,
        ),
      ),
    );
    expect(answer).toMatchObject({
      status: 422,
      body: {
        errors: {
          stepValue: { key: "rewards.error.stepValue" },
          maxPercentOfSubtotal: { key: "rewards.error.maxPercentOfSubtotal" },
        },
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it("answers 404 for another shop's reward, to reads and every write, and changes nothing", async () => {
    const before = await snapshot();
    expect(
      (await outcome(async () => editLoader(withId(await adminRequest(`/app/rewards/${theirs}`), theirs)))).status,
    ).toBe(404);
    for (const fields of [{ ...FORM, intent: "save" }, { intent: "pause" }, { intent: "archive" }]) {
      const answer = await outcome(async () =>
        editAction(withId(await post(`/app/rewards/${theirs}`, fields), theirs)),
      );
      expect(answer.status, fields.intent).toBe(404);
    }
    expect(await snapshot()).toEqual(before);
    expect((await db.reward.findUniqueOrThrow({ where: { id: theirs } })).status).toBe("active");
  });

  it("sends a forged session token back for a new one, changing nothing", async () => {
    const before = await snapshot();
    const request = await post(`/app/rewards/new`, FORM);
    const [header, payload] = request.headers.get("Authorization")!.slice("Bearer ".length).split(".");
    const headers = new Headers(request.headers);
    headers.set("Authorization", `Bearer ${header}.${payload}.forged`);
    const forged = new Request(request.url, { method: "POST", headers, body: new URLSearchParams(FORM) });
    expect((await outcome(() => newAction(args(forged)))).status).toBe(401);
    expect(await snapshot()).toEqual(before);
  });
});
