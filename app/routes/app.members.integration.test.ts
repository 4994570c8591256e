// /app/members and /app/members/:id through the library's real admin authentication: loaders read
// only the signed-in shop's members, the adjustment action applies once per key, refuses what it
// must with a field error, records the staff member, and answers 404 for another shop's member.
// With VIP tiers on: the list's tier filter and column by effective tier, the member's tier card
// and timeline, and the tier override (a reason required). Segments (the segments page's links):
// the list, its bulk adjustment and its export filtered by one, an unknown one reported.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { BULK_ADJUST } from "../admin/members-bulk.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { ensureProgram } from "../points/program.server";
import { saveLadder } from "../tiers/ladder.server";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { action as adjustAction, loader as memberLoader } from "./app.members.$id";
import { action as bulkAction, loader as listLoader } from "./app.members._index";
import { loader as membersExport } from "./app.members.export";

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
  await db.tierLadder.deleteMany();
  await db.tierChange.deleteMany();
  await db.loyaltyOrder.deleteMany();
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

/** Bronze from 0, Silver from $500, Gold from $1,000; the shop's program in USD. */
const ladder = (over: Partial<Ladder> = {}): Ladder => ({ ...defaultLadder(100), enabled: true, ...over });
const useLadder = async (l: Ladder, shop = TEST_SHOP) => {
  await transaction(db, (tx) => ensureProgram(tx, shop, "USD", true));
  await transaction(db, (tx) => saveLadder(tx, shop, "staff:1", l));
};
const emails = (list: { members: { email: string | null }[] }) => list.members.map((m) => m.email).sort();

describe("/app/members tier filter and column", () => {
  beforeEach(async () => {
    await db.member.update({ where: { id: ours.id }, data: { tierId: null } });
    await db.member.updateMany({ where: { email: "boris@example.com" }, data: { tierId: "gold" } });
    // A tier the ladder no longer has: effectiveTier puts the member on the free lowest tier.
    await db.member.create({
      data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/3", email: "cleo@example.com", tierId: "platinum" },
    });
    await db.member.create({
      data: { shop: TEST_SHOP, customerId: "gid://shopify/Customer/4", email: "dan@example.com", tierId: "bronze" },
    });
  });

  it("lists members by their effective tier and shows it in the column", async () => {
    await useLadder(ladder());
    const all = await listLoader(args(await adminRequest("/app/members")));
    expect(all.tiers?.map((t) => t.id)).toEqual(["bronze", "silver", "gold"]);
    expect(Object.fromEntries(all.members.map((m) => [m.email, m.tierId]))).toEqual({
      "ana@example.com": "bronze",
      "boris@example.com": "gold",
      "cleo@example.com": "bronze",
      "dan@example.com": "bronze",
    });

    const bronze = await listLoader(args(await adminRequest("/app/members?tier=bronze")));
    expect(emails(bronze)).toEqual(["ana@example.com", "cleo@example.com", "dan@example.com"]);
    expect(bronze.total).toEqual({ count: 3, capped: false });
    const gold = await listLoader(args(await adminRequest("/app/members?tier=gold")));
    expect(emails(gold)).toEqual(["boris@example.com"]);
    expect(gold.filter.tier).toBe("gold");
    expect(emails(await listLoader(args(await adminRequest("/app/members?tier=silver"))))).toEqual([]);
    // Combined with the other filters.
    expect(emails(await listLoader(args(await adminRequest("/app/members?tier=bronze&min=50"))))).toEqual([
      "ana@example.com",
    ]);
  });

  it("leaves members without a tier out of a lowest tier that asks for something", async () => {
    await useLadder(ladder({ tiers: ladder().tiers.map((t, i) => ({ ...t, threshold: (i + 1) * 10_000 })) }));
    const bronze = await listLoader(args(await adminRequest("/app/members?tier=bronze")));
    expect(emails(bronze)).toEqual(["dan@example.com"]);
    const all = await listLoader(args(await adminRequest("/app/members")));
    expect(all.members.find((m) => m.email === "ana@example.com")!.tierId).toBeNull();
  });

  it("refuses a tier the shop doesn't have, and has no tiers while they are off", async () => {
    await useLadder(ladder());
    const unknown = await listLoader(args(await adminRequest("/app/members?tier=platinum")));
    expect(unknown.errors).toEqual({ tier: "members.error.tier" });
    expect(unknown.members).toHaveLength(4);

    await useLadder(ladder({ enabled: false }));
    const off = await listLoader(args(await adminRequest("/app/members?tier=gold")));
    expect(off.tiers).toBeNull();
    expect(off.errors).toEqual({ tier: "members.error.tier" });
    expect(off.members.map((m) => m.tierId)).toEqual([null, null, null, null]);
  });

  it("hands the tier filter to a bulk adjustment", async () => {
    await useLadder(ladder());
    const fields = { tier: "gold", points: "10", reason: "Gold gift", idempotencyKey: "d1e2f3a4-0003" };
    const queued = answer(await bulkAction(args(await post("/app/members", fields))));
    expect(queued).toMatchObject({ status: 200, body: { ok: true, progress: { matched: 1 } } });
    const refused = answer(await bulkAction(args(await post("/app/members", { ...fields, tier: "platinum" }))));
    expect(refused).toEqual({ status: 422, body: { ok: false, errors: { form: "members.error.filter" } } });
  });
});

describe("/app/members segment filter", () => {
  const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
  /** A paid, standing order of the member's placed `days` ago. */
  const bought = (memberId: string, days: number) =>
    db.loyaltyOrder.create({
      data: {
        shop: TEST_SHOP,
        orderId: `gid://shopify/Order/${memberId}-${days}`,
        memberId,
        placedAt: daysAgo(days),
        state: "{}",
        tierSpend: 1_000,
        tierOrders: 1,
      },
    });

  beforeEach(async () => {
    await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", true));
    // Ana at risk (last bought 120 days ago), Boris active (10 days ago) and Gold; both joined long ago.
    await db.member.updateMany({ where: { shop: TEST_SHOP }, data: { enrolledAt: daysAgo(300) } });
    const boris = await db.member.findFirstOrThrow({ where: { email: "boris@example.com" } });
    await db.member.update({ where: { id: boris.id }, data: { tierId: "gold" } });
    await bought(ours.id, 120);
    await bought(boris.id, 10);
  });

  it("lists the segment the segments page links to, with the segment chosen", async () => {
    const atRisk = await listLoader(args(await adminRequest("/app/members?segment=at-risk")));
    expect(atRisk.errors).toEqual({});
    expect(atRisk.filter.segment).toBe("at-risk");
    expect(emails(atRisk)).toEqual(["ana@example.com"]);
    expect(atRisk.total).toEqual({ count: 1, capped: false });
    // Tiers off: only the built-in segments are offered.
    expect(atRisk.segments.map((s) => s.id)).toEqual(["new", "active", "at-risk", "lapsed", "high-value"]);
    expect(emails(await listLoader(args(await adminRequest("/app/members?segment=active"))))).toEqual([
      "boris@example.com",
    ]);

    await useLadder(ladder());
    const gold = await listLoader(args(await adminRequest(`/app/members?segment=${encodeURIComponent("tier:gold")}`)));
    expect(emails(gold)).toEqual(["boris@example.com"]);
    expect(gold.segments.at(-1)).toEqual({ id: "tier:gold", tier: { en: "Gold", ru: "Золото" } });
    expect(emails(await listLoader(args(await adminRequest("/app/members?segment=tier:bronze"))))).toEqual([
      "ana@example.com",
    ]);
  });

  it("reports a segment the shop hasn't on its field and lists everyone", async () => {
    for (const segment of ["vip", "tier:gold"]) {
      const data = await listLoader(args(await adminRequest(`/app/members?segment=${segment}`)));
      expect(data.errors).toEqual({ segment: "members.error.segment" });
      expect(data.filter.segment).toBeNull();
      expect(emails(data)).toEqual(["ana@example.com", "boris@example.com"]);
    }
  });

  it("hands the segment to a bulk adjustment, which selects as many as the list shows", async () => {
    const listed = await listLoader(args(await adminRequest("/app/members?segment=at-risk")));
    const fields = { segment: "at-risk", points: "20", reason: "Come back", idempotencyKey: "e5f6a7b8-0004" };
    const queued = answer(await bulkAction(args(await post("/app/members", fields))));
    expect(queued).toMatchObject({ status: 200, body: { ok: true, progress: { matched: listed.total.count } } });
    const refused = answer(
      await bulkAction(args(await post("/app/members", { ...fields, segment: "vip", idempotencyKey: "e5f6a7b8-5" }))),
    );
    expect(refused).toEqual({ status: 422, body: { ok: false, errors: { form: "members.error.filter" } } });
    expect(await db.job.count({ where: { kind: BULK_ADJUST } })).toBe(1);
  });

  it("exports the segment's members, and refuses an unknown segment", async () => {
    const response = (await membersExport(
      args(await bearerRequest("/app/members/export?segment=at-risk")),
    )) as Response;
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("ana@example.com");
    const { status, body } = answer(await membersExport(args(await bearerRequest("/app/members/export?segment=vip"))));
    expect(status).toBe(422);
    expect(body).toEqual({ errors: { segment: "members.error.segment" } });
  });
});

describe("/app/members/:id tier", () => {
  /** A paid order of the member's 10 days ago counting `spend` (minor units) towards tiers. */
  const spent = (memberId: string, spend: number) =>
    db.loyaltyOrder.create({
      data: {
        shop: TEST_SHOP,
        orderId: `gid://shopify/Order/${spend}`,
        memberId,
        placedAt: new Date(Date.now() - 10 * 86_400_000),
        state: "{}",
        tierSpend: spend,
        tierOrders: 1,
      },
    });
  const page = async () => memberLoader(withId(await adminRequest(`/app/members/${ours.id}`), ours.id));
  const setTier = async (fields: Record<string, string>, id = ours.id) =>
    answer(await adjustAction(withId(await post(`/app/members/${id}`, { intent: "tier", ...fields }), id)));

  it("has no tier card while the shop's tiers are off", async () => {
    expect((await page()).tier).toBeNull();
    await useLadder(ladder({ enabled: false }));
    expect((await page()).tier).toBeNull();
  });

  it("shows the member's tier, qualifying spend and progress to the next tier", async () => {
    await useLadder(ladder());
    await spent(ours.id, 60_000);
    const { tier } = await page();
    expect(tier).toMatchObject({
      metric: "spend",
      window: "rolling12",
      currency: "USD",
      // Not placed yet: on the free lowest tier; $600 spent is $400 short of Gold, 20% of the way from Silver.
      tierId: "bronze",
      value: 60_000,
      progress: { next: "gold", needed: 40_000, percent: 20 },
      locked: false,
      timeline: [],
    });
    expect(tier!.tiers.map((t) => t.id)).toEqual(["bronze", "silver", "gold"]);
  });

  it("sets a tier by hand with a reason, locked, audited and on the timeline; automatic clears it", async () => {
    await useLadder(ladder());
    await spent(ours.id, 60_000);

    const set = await setTier({ tierId: "gold", reason: "Brand ambassador" });

    expect(set).toEqual({ status: 200, body: { intent: "tier", ok: true, tierId: "gold", locked: true } });
    let { tier } = await page();
    expect(tier).toMatchObject({ tierId: "gold", locked: true, progress: { next: null } });
    expect(tier!.timeline).toEqual([
      expect.objectContaining({
        fromTierId: null,
        toTierId: "gold",
        cause: "override",
        note: "Brand ambassador",
        actor: "staff:12345",
      }),
    ]);
    expect(await db.auditLog.findMany({ where: { action: "member.tier.override" } })).toEqual([
      expect.objectContaining({ shop: TEST_SHOP, actor: "staff:12345", subject: ours.id }),
    ]);

    const cleared = await setTier({ tierId: "", reason: "Campaign over" });
    expect(cleared.body).toEqual({ intent: "tier", ok: true, tierId: "silver", locked: false });
    ({ tier } = await page());
    expect(tier).toMatchObject({ tierId: "silver", locked: false });
    expect(tier!.timeline.map((c) => [c.fromTierId, c.toTierId, c.cause, c.note])).toEqual([
      ["gold", "silver", "override_cleared", "Campaign over"],
      [null, "gold", "override", "Brand ambassador"],
    ]);
  });

  it("refuses an override without a reason, or to a tier the ladder hasn't, changing nothing", async () => {
    await useLadder(ladder());
    expect(await setTier({ tierId: "gold", reason: " " })).toEqual({
      status: 422,
      body: { intent: "tier", ok: false, errors: { reason: "tiers.error.reason" } },
    });
    expect(await setTier({ tierId: "platinum", reason: "Why not" })).toEqual({
      status: 422,
      body: { intent: "tier", ok: false, errors: { tierId: "tiers.error.noTier" } },
    });
    expect(await db.member.findUniqueOrThrow({ where: { id: ours.id } })).toMatchObject({
      tierId: null,
      tierLocked: false,
    });
    expect(await db.tierChange.count()).toBe(0);
    expect(await db.auditLog.count({ where: { action: { startsWith: "member." } } })).toBe(0);
  });

  it("refuses an override while tiers are off, and answers 404 for another shop's member", async () => {
    await useLadder(ladder({ enabled: false }));
    expect(await setTier({ tierId: "gold", reason: "VIP" })).toEqual({
      status: 422,
      body: { intent: "tier", ok: false, errors: { form: "tiers.error.noTiers" } },
    });
    await useLadder(ladder());
    await useLadder(ladder(), OTHER);
    const outcome = await thrown(
      adjustAction(
        withId(await post(`/app/members/${theirs.id}`, { intent: "tier", tierId: "gold", reason: "x" }), theirs.id),
      ),
    );
    expect((outcome as Response).status).toBe(404);
    expect((await db.member.findUniqueOrThrow({ where: { id: theirs.id } })).tierId).toBeNull();
  });
});
