// /app/earn and its bonus, campaign and action pages through the library's real admin
// authentication: loaders read the signed-in shop's program only; actions save with the staff
// member as the actor, refuse bad input with field errors, and can't reach another shop.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { defaultEarnRules, defaultSettings } from "../loyalty/program";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { action as actionPageAction, loader as actionPageLoader } from "./app.earn.actions.$id";
import { action as bonusAction, loader as bonusLoader } from "./app.earn.bonuses.$id";
import { action as campaignAction, loader as campaignLoader } from "./app.earn.campaigns.$id";
import { action as earnAction, loader as earnLoader } from "./app.earn._index";

const OTHER = "someone-else.myshopify.com";

async function post(path: string, fields: Record<string, string>) {
  const authorized = await bearerRequest(path);
  return new Request(authorized.url, {
    method: "POST",
    headers: { Authorization: authorized.headers.get("Authorization")! },
    body: new URLSearchParams(fields),
  });
}

const withId = (request: Request, id: string) => ({ ...args(request), params: { id } });

async function answer(result: unknown) {
  const value = result as { type?: string; init?: { status?: number } | null; data?: unknown };
  if (value?.type === "DataWithResponseInit") return { status: value.init?.status ?? 200, body: value.data };
  return { status: 200, body: result };
}

const thrown = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Response,
  );

async function program(shop: string, campaigns = defaultEarnRules("USD").campaigns) {
  await db.program.create({
    data: { shop, currency: "USD", status: "live", settings: JSON.stringify(defaultSettings()) },
  });
  await db.earnRuleVersion.create({
    data: {
      shop,
      version: 1,
      activeFrom: new Date("2026-01-01T00:00:00Z"),
      rules: JSON.stringify({ ...defaultEarnRules("USD"), campaigns }),
    },
  });
}

const theirCampaign = {
  id: "theirs",
  name: "Their sale",
  startsAt: new Date("2026-01-01T00:00:00Z"),
  endsAt: new Date("2099-01-01T00:00:00Z"),
  kind: "fixed" as const,
  value: 10,
  firstOrders: null,
  segmentIds: null,
  tierIds: null,
};

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await db.earnRuleVersion.deleteMany();
  await db.program.deleteMany();
  await installOfflineSession();
  await program(TEST_SHOP);
  await program(OTHER, [theirCampaign]);
});

describe("/app/earn", () => {
  it("shows the signed-in shop's rules as the forms show them", async () => {
    const view = await earnLoader(args(await adminRequest("/app/earn")));
    expect(view).toMatchObject({
      currency: "USD",
      version: 1,
      purchase: { points: "1", per: "1.00", minimumOrder: "0.00", rounding: "down" },
      campaigns: [],
      actions: { signup: "100", birthday: "100", newsletter: "50" },
    });
  });

  it("saves the purchase rule as a new version, audited with the staff member", async () => {
    const { status, body } = await answer(
      await earnAction(
        args(await post("/app/earn", { intent: "purchase", points: "3", per: "2.50", minimumOrder: "" })),
      ),
    );
    expect(status).toBe(200);
    expect(body).toEqual({ intent: "purchase", ok: true, changed: true });
    const newest = await db.earnRuleVersion.findFirstOrThrow({ where: { shop: TEST_SHOP, version: 2 } });
    expect(JSON.parse(newest.rules).purchase).toMatchObject({ points: 3, per: 250, minimumOrder: 0 });
    expect(await db.auditLog.findMany()).toEqual([
      expect.objectContaining({ shop: TEST_SHOP, actor: "staff:12345", action: "earn.purchase.update" }),
    ]);
  });

  it("answers 422 with field errors for bad input, writing nothing", async () => {
    const { status, body } = await answer(
      await earnAction(
        args(await post("/app/earn", { intent: "actions", signup: "lots", birthday: "1", newsletter: "1" })),
      ),
    );
    expect(status).toBe(422);
    expect(body).toEqual({ intent: "actions", ok: false, errors: { signup: "earn.error.actionPoints" } });
    expect(await db.earnRuleVersion.count({ where: { shop: TEST_SHOP } })).toBe(1);
    expect(await db.auditLog.count()).toBe(0);
  });

  it("refuses an unknown intent", async () => {
    const { status } = await answer(await earnAction(args(await post("/app/earn", { intent: "drop-tables" }))));
    expect(status).toBe(422);
  });

  it("rejects a post without a valid session token", async () => {
    const request = new Request("https://my-test-app.myshopify.io/app/earn", {
      method: "POST",
      headers: { Authorization: "Bearer forged" },
      body: new URLSearchParams({ intent: "purchase", points: "9", per: "1" }),
    });
    expect((await thrown(earnAction(args(request))))?.status).toBe(401);
    expect(await db.earnRuleVersion.count({ where: { shop: TEST_SHOP } })).toBe(1);
  });
});

describe("/app/earn/campaigns/:id", () => {
  const form = {
    intent: "save",
    name: "Double week",
    startsAt: "2026-11-20",
    endsOn: "2026-11-26",
    kind: "multiplier",
    value: "2",
  };

  it("creates a campaign and goes back to the list; its page then shows it", async () => {
    const response = await campaignAction(withId(await post("/app/earn/campaigns/new", form), "new"));
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toMatch(/\/app\/earn(\?|$)/);

    const rules = JSON.parse(
      (await db.earnRuleVersion.findFirstOrThrow({ where: { shop: TEST_SHOP, version: 2 } })).rules,
    );
    const id = rules.campaigns[0].id as string;
    const page = await campaignLoader(withId(await adminRequest(`/app/earn/campaigns/${id}`), id));
    expect(page).toMatchObject({
      id,
      values: { name: "Double week", startsAt: "2026-11-20", endsOn: "2026-11-26", value: "2" },
    });
  });

  it("pauses a campaign through its page", async () => {
    await campaignAction(withId(await post("/app/earn/campaigns/new", form), "new"));
    const id = JSON.parse((await db.earnRuleVersion.findFirstOrThrow({ where: { version: 2 } })).rules).campaigns[0].id;
    await campaignAction(withId(await post(`/app/earn/campaigns/${id}`, { intent: "pause" }), id));
    const newest = await db.earnRuleVersion.findFirstOrThrow({ where: { shop: TEST_SHOP, version: 3 } });
    expect(JSON.parse(newest.rules).campaigns[0].status).toBe("paused");
  });

  it("shows field errors for an invalid campaign", async () => {
    const { status, body } = await answer(
      await campaignAction(withId(await post("/app/earn/campaigns/new", { ...form, startsAt: "someday" }), "new")),
    );
    expect(status).toBe(422);
    expect(body).toEqual({ ok: false, errors: { startsAt: "earn.error.date" } });
  });

  it("answers 404 for another shop's campaign, reading and changing nothing", async () => {
    expect(
      (await thrown(campaignLoader(withId(await adminRequest("/app/earn/campaigns/theirs"), "theirs"))))?.status,
    ).toBe(404);
    const refused = await thrown(
      campaignAction(withId(await post("/app/earn/campaigns/theirs", { intent: "archive" }), "theirs")),
    );
    expect(refused?.status).toBe(404);
    const theirs = await db.earnRuleVersion.findMany({ where: { shop: OTHER } });
    expect(theirs).toHaveLength(1);
    expect(JSON.parse(theirs[0]!.rules).campaigns[0].status).toBeUndefined();
  });
});

describe("/app/earn/bonuses/:id and /app/earn/actions/:id", () => {
  it("adds a bonus and a custom action for the signed-in shop", async () => {
    const bonus = await bonusAction(
      withId(await post("/app/earn/bonuses/new", { kind: "fixed", value: "5", tags: "vip" }), "new"),
    );
    expect((bonus as Response).status).toBe(302);
    const added = await actionPageAction(
      withId(
        await post("/app/earn/actions/new", {
          nameEn: "Follow us",
          nameRu: "Подписка",
          points: "20",
          limitCount: "1",
          limitPer: "lifetime",
        }),
        "new",
      ),
    );
    expect((added as Response).status).toBe(302);
    const page = await actionPageLoader(withId(await adminRequest("/app/earn/actions/follow-us"), "follow-us"));
    expect(page).toMatchObject({ id: "follow-us", values: { nameEn: "Follow us", points: "20" } });
    expect((await db.auditLog.findMany({ orderBy: { createdAt: "asc" } })).map((e) => e.action)).toEqual([
      "earn.bonus.create",
      "earn.action.create",
    ]);
    expect((await thrown(bonusLoader(withId(await adminRequest("/app/earn/bonuses/nope"), "nope"))))?.status).toBe(404);
  });
});
