// Targeting rewards and campaigns at segments through the admin's pages, authenticated for real:
// the reward form saves the segments ticked and refuses others, changing nothing; the campaign
// page shows a campaign's segments and offers the built-in ones.
import { beforeEach, describe, expect, it } from "vitest";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultEarnRules } from "../loyalty/program";
import { BUILT_IN_SEGMENTS } from "../loyalty/segments";
import { ensureProgram } from "../points/program.server";
import { loadReward } from "../rewards/catalog.server";
import { action as editReward, loader as rewardLoader } from "../routes/app.rewards.$id";
import { action as newReward } from "../routes/app.rewards.new";
import { action as campaignAction, loader as campaignLoader } from "../routes/app.earn.campaigns.$id";
import { defaultLadder } from "../loyalty/tiers";
import { saveLadder } from "../tiers/ladder.server";

async function post(path: string, fields: Record<string, string>) {
  const signed = await bearerRequest(path);
  return new Request(signed.url, { method: "POST", headers: signed.headers, body: new URLSearchParams(fields) });
}

const withId = (request: Request, id: string) => ({ ...args(request), params: { id } });

const FORM = {
  intent: "save",
  type: "amount_off",
  titleEn: "Come back",
  titleRu: "Возвращайтесь",
  cost: "100",
  amount: "5.00",
  codeLifetimeDays: "30",
};

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await db.tierLadder.deleteMany();
  await db.reward.deleteMany();
  await db.earnRuleVersion.deleteMany();
  await db.program.deleteMany();
  await installOfflineSession();
  await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", true));
});

/** The reward the test created (the program's default ones cost more than 100 points). */
const only = async () => (await db.reward.findFirstOrThrow({ where: { shop: TEST_SHOP, cost: 100 } })).id;

describe("a reward limited to segments", () => {
  it("saves the segments ticked, shows them again and clears them when none is", async () => {
    const created = await newReward(args(await post("/app/rewards/new", { ...FORM, segmentIds: "at-risk,lapsed" })));
    expect((created as Response).status).toBe(302);
    const id = await only();
    expect((await loadReward(db, TEST_SHOP, id))!.reward.segmentIds).toEqual(["at-risk", "lapsed"]);
    const page = await rewardLoader(withId(await adminRequest(`/app/rewards/${id}`), id));
    expect(page.values.segmentIds).toBe("at-risk,lapsed");

    await editReward(withId(await post(`/app/rewards/${id}`, { ...FORM, segmentIds: "" }), id));
    expect((await loadReward(db, TEST_SHOP, id))!.reward.segmentIds).toBeNull();
  });

  it("refuses a segment the form didn't offer, with its message, and changes nothing", async () => {
    await newReward(args(await post("/app/rewards/new", { ...FORM, segmentIds: "new" })));
    const id = await only();
    const before = await db.reward.findUniqueOrThrow({ where: { id } });
    const refused = (await editReward(
      withId(await post(`/app/rewards/${id}`, { ...FORM, segmentIds: "new,vip" }), id),
    )) as {
      init: { status: number };
      data: { errors: unknown; values: { segmentIds: string } };
    };
    expect(refused.init.status).toBe(422);
    expect(refused.data.errors).toEqual({ segmentIds: { key: "segments.error.unknown" } });
    expect(refused.data.values.segmentIds).toBe("new,vip");
    expect(await db.reward.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });
});

describe("a campaign's page", () => {
  it("shows the campaign's segments and offers the built-in ones", async () => {
    const campaign = {
      id: "winback",
      name: "Win back",
      startsAt: new Date("2026-01-01T00:00:00Z"),
      endsAt: new Date("2099-01-01T00:00:00Z"),
      kind: "fixed",
      value: 100,
      firstOrders: null,
      segmentIds: ["at-risk", "lapsed"],
      tierIds: null,
    };
    await db.earnRuleVersion.create({
      data: {
        shop: TEST_SHOP,
        version: 2,
        activeFrom: new Date("2026-01-01T00:00:00Z"),
        rules: JSON.stringify({ ...defaultEarnRules("USD"), campaigns: [campaign] }),
      },
    });
    const page = await campaignLoader(withId(await adminRequest("/app/earn/campaigns/winback"), "winback"));
    expect(page.values.segmentIds).toBe("at-risk,lapsed");
    expect(page.segments.map((s) => s.id)).toEqual([...BUILT_IN_SEGMENTS]);
    const fresh = await campaignLoader(withId(await adminRequest("/app/earn/campaigns/new"), "new"));
    expect(fresh.values.segmentIds).toBe("");
  });
  it("saves the segments ticked, keeps them when the field isn't posted, and refuses others", async () => {
    const form = {
      intent: "save",
      name: "Win back",
      startsAt: "2026-11-20",
      endsOn: "2026-11-26",
      kind: "fixed",
      value: "100",
    };
    await campaignAction(
      withId(await post("/app/earn/campaigns/new", { ...form, segmentIds: "at-risk,lapsed" }), "new"),
    );
    const newest = async () =>
      JSON.parse(
        (await db.earnRuleVersion.findFirstOrThrow({ where: { shop: TEST_SHOP }, orderBy: { version: "desc" } })).rules,
      ).campaigns[0];
    const saved = await newest();
    expect(saved.segmentIds).toEqual(["at-risk", "lapsed"]);
    await campaignAction(
      withId(await post(`/app/earn/campaigns/${saved.id}`, { ...form, name: "Win back 2" }), saved.id),
    );
    expect((await newest()).segmentIds).toEqual(["at-risk", "lapsed"]);
    await campaignAction(withId(await post(`/app/earn/campaigns/${saved.id}`, { ...form, segmentIds: "" }), saved.id));
    expect((await newest()).segmentIds).toBeNull();
    const refused = (await campaignAction(
      withId(await post(`/app/earn/campaigns/${saved.id}`, { ...form, segmentIds: "vip" }), saved.id),
    )) as { init: { status: number }; data: { errors: unknown } };
    expect(refused.init.status).toBe(422);
    expect(refused.data.errors).toEqual({ segmentIds: "segments.error.unknown" });
  });

  it("offers each tier's segment while tiers are on, and accepts it", async () => {
    await transaction(db, (tx) => saveLadder(tx, TEST_SHOP, "staff:1", { ...defaultLadder(100), enabled: true }));
    const page = await campaignLoader(withId(await adminRequest("/app/earn/campaigns/new"), "new"));
    expect(page.segments.map((s) => s.id)).toEqual([...BUILT_IN_SEGMENTS, "tier:bronze", "tier:silver", "tier:gold"]);
    expect(page.segments.at(-1)).toMatchObject({ tier: { en: "Gold", ru: "Золото" } });
    const form = {
      intent: "save",
      name: "Gold week",
      startsAt: "2026-11-20",
      endsOn: "2026-11-26",
      kind: "multiplier",
      value: "200",
    };
    await campaignAction(withId(await post("/app/earn/campaigns/new", { ...form, segmentIds: "tier:gold" }), "new"));
    const rules = JSON.parse(
      (await db.earnRuleVersion.findFirstOrThrow({ where: { shop: TEST_SHOP }, orderBy: { version: "desc" } })).rules,
    );
    expect(rules.campaigns[0].segmentIds).toEqual(["tier:gold"]);
  });
});
