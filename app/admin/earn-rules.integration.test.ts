// Saving earn rules and actions: a valid save writes a new rules version active from then (or
// new settings) with its audit entry; invalid input writes nothing; orders placed before a
// change are still judged by the rules in force when they were placed.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { pointsForOrder, type EarnOrder } from "../loyalty/earn";
import { defaultEarnRules, defaultSettings } from "../loyalty/program";
import { rulesAt } from "../points/program.server";
import { auditLog } from "./audit.server";
import {
  changeCampaignStatus,
  earnPage,
  removeBonus,
  removeCustomAction,
  saveActionPoints,
  saveBonus,
  saveCampaign,
  saveCustomAction,
  savePurchaseRule,
} from "./earn-rules.server";

const shop = "earn-admin.myshopify.com";
const actor = "staff:42";
const at = (iso: string) => new Date(iso);
const v1At = at("2026-01-01T00:00:00Z");

const purchaseForm = { points: "2", per: "1.00", minimumOrder: "10.00", includeShipping: "on" };
const campaignForm = {
  name: "Double week",
  startsAt: "2026-11-20",
  endsOn: "2026-11-26",
  kind: "multiplier",
  value: "2",
  firstOrders: "",
};

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await db.earnRuleVersion.deleteMany();
  await db.program.deleteMany();
  await db.program.create({
    data: { shop, currency: "USD", status: "live", settings: JSON.stringify(defaultSettings()) },
  });
  const rules = { ...defaultEarnRules("USD"), purchase: { ...defaultEarnRules("USD").purchase, rounding: "nearest" } };
  await db.earnRuleVersion.create({ data: { shop, version: 1, activeFrom: v1At, rules: JSON.stringify(rules) } });
});

const versions = () => db.earnRuleVersion.findMany({ where: { shop }, orderBy: { version: "asc" } });
const entries = async () => (await auditLog(shop)).entries;

function order(placedAt: Date, total = 2500): EarnOrder {
  return {
    id: "o1",
    currency: "USD",
    placedAt,
    lines: [
      { id: "l1", productId: null, variantId: null, quantity: 1, unitPrice: total, discount: 0, giftCard: false },
    ],
    shipping: 0,
    tax: 0,
    previousOrders: 0,
  };
}

describe("the purchase rule", () => {
  it("writes a new version from now, keeps rounding, and audits before and after", async () => {
    const now = at("2026-03-01T12:00:00Z");
    const saved = await savePurchaseRule(shop, actor, purchaseForm, now);
    expect(saved).toEqual({ ok: true, changed: true, id: undefined, version: 2 });

    const [v1, v2] = await versions();
    expect(v1!.activeFrom).toEqual(v1At);
    expect(JSON.parse(v1!.rules).purchase.points).toBe(1);
    expect(v2!.activeFrom).toEqual(now);
    expect(JSON.parse(v2!.rules).purchase).toEqual({
      points: 2,
      per: 100,
      includeShipping: true,
      includeTaxes: false,
      includeGiftCards: false,
      rounding: "nearest",
      minimumOrder: 1000,
    });
    const [entry] = await entries();
    expect(entry).toMatchObject({
      actor,
      action: "earn.purchase.update",
      subject: "purchase",
      before: { points: 1, minimumOrder: 0 },
      after: { points: 2, minimumOrder: 1000 },
    });
  });

  it("judges an order placed before the change by the old version, and one after by the new", async () => {
    await savePurchaseRule(shop, actor, purchaseForm, at("2026-03-01T12:00:00Z"));
    const before = at("2026-03-01T11:59:59Z");
    const after = at("2026-03-01T12:00:01Z");
    const old = (await rulesAt(db, shop, before))!;
    const current = (await rulesAt(db, shop, after))!;
    expect([old.version, current.version]).toEqual([1, 2]);
    expect(pointsForOrder(order(before), old.rules).total).toBe(25);
    expect(pointsForOrder(order(after), current.rules).total).toBe(50);
  });

  it("refuses bad input with a message per field and writes nothing", async () => {
    const saved = await savePurchaseRule(shop, actor, { points: "-1", per: "0", minimumOrder: "1.001" });
    expect(saved).toEqual({
      ok: false,
      status: 422,
      errors: {
        points: "earn.error.purchasePoints",
        per: "earn.error.amountPositive",
        minimumOrder: "earn.error.amountDecimals",
      },
    });
    expect(await versions()).toHaveLength(1);
    expect(JSON.parse((await versions())[0]!.rules).purchase.points).toBe(1);
    expect(await entries()).toEqual([]);
  });

  it("writes no version and no audit entry when nothing changed", async () => {
    const same = { points: "1", per: "1.00", minimumOrder: "0" };
    expect(await savePurchaseRule(shop, actor, same)).toMatchObject({ ok: true, changed: false });
    expect(await versions()).toHaveLength(1);
    expect(await entries()).toEqual([]);
  });
});

describe("product bonuses", () => {
  it("adds, edits and removes a bonus, each as a new version with its audit entry", async () => {
    const form = { kind: "multiplier", value: "1.5", productIds: "12, gid://shopify/Product/13", tags: "Sale" };
    const added = await saveBonus(shop, actor, null, form, at("2026-02-01T00:00:00Z"));
    if (!added.ok) throw new Error("not saved");
    const id = added.id!;
    expect((await rulesAt(db, shop, at("2026-02-02T00:00:00Z")))!.rules.bonuses).toEqual([
      {
        id,
        kind: "multiplier",
        value: 150,
        match: {
          productIds: ["gid://shopify/Product/12", "gid://shopify/Product/13"],
          collectionIds: [],
          tags: ["Sale"],
        },
      },
    ]);
    await saveBonus(shop, actor, id, { kind: "fixed", value: "10", tags: "Sale" }, at("2026-02-03T00:00:00Z"));
    await removeBonus(shop, actor, id, at("2026-02-04T00:00:00Z"));

    expect((await rulesAt(db, shop, at("2026-02-03T12:00:00Z")))!.rules.bonuses[0]).toMatchObject({ kind: "fixed" });
    expect((await rulesAt(db, shop, at("2026-02-05T00:00:00Z")))!.rules.bonuses).toEqual([]);
    expect((await versions()).map((v) => v.version)).toEqual([1, 2, 3, 4]);
    expect((await entries()).map((e) => [e.action, e.subject])).toEqual([
      ["earn.bonus.delete", `bonus:${id}`],
      ["earn.bonus.update", `bonus:${id}`],
      ["earn.bonus.create", `bonus:${id}`],
    ]);
  });

  it("refuses a bonus that matches nothing, or with a bad value, and an unknown bonus", async () => {
    expect(await saveBonus(shop, actor, null, { kind: "multiplier", value: "x" })).toEqual({
      ok: false,
      status: 422,
      errors: { value: "earn.error.bonusMultiplier", match: "earn.error.bonusMatch" },
    });
    expect(await saveBonus(shop, actor, null, { kind: "fixed", value: "5", collectionIds: "abc" })).toMatchObject({
      errors: { collectionIds: "earn.error.ids" },
    });
    expect(await removeBonus(shop, actor, "nope")).toMatchObject({ ok: false, status: 404 });
    expect(await versions()).toHaveLength(1);
    expect(await entries()).toEqual([]);
  });
});

describe("campaigns", () => {
  it("creates a campaign, then pauses, resumes and archives it from the moment of each change", async () => {
    const created = await saveCampaign(shop, actor, null, campaignForm, at("2026-11-01T00:00:00Z"));
    if (!created.ok) throw new Error("not saved");
    const id = created.id!;
    await changeCampaignStatus(shop, actor, id, "pause", at("2026-11-22T00:00:00Z"));
    await changeCampaignStatus(shop, actor, id, "resume", at("2026-11-23T00:00:00Z"));
    await changeCampaignStatus(shop, actor, id, "archive", at("2026-11-24T00:00:00Z"));

    const earned = async (placed: string) => {
      const rules = (await rulesAt(db, shop, at(placed)))!.rules;
      return pointsForOrder(order(at(placed)), rules).total;
    };
    expect(await earned("2026-11-19T12:00:00Z")).toBe(25); // before the campaign's first day
    expect(await earned("2026-11-21T12:00:00Z")).toBe(50); // running
    expect(await earned("2026-11-22T12:00:00Z")).toBe(25); // paused
    expect(await earned("2026-11-23T12:00:00Z")).toBe(50); // resumed
    expect(await earned("2026-11-25T12:00:00Z")).toBe(25); // archived, though inside its dates

    const stored = (await rulesAt(db, shop, at("2026-11-21T00:00:00Z")))!.rules.campaigns[0]!;
    expect(stored).toMatchObject({
      name: "Double week",
      startsAt: at("2026-11-20T00:00:00Z"),
      endsAt: at("2026-11-27T00:00:00Z"),
      kind: "multiplier",
      value: 200,
      firstOrders: null,
      status: "active",
    });
    expect((await entries()).map((e) => e.action)).toEqual([
      "earn.campaign.archive",
      "earn.campaign.resume",
      "earn.campaign.pause",
      "earn.campaign.create",
    ]);
    expect((await entries())[0]).toMatchObject({ before: { status: "active" }, after: { status: "archived" } });
  });

  it("refuses an edit of an archived campaign, a change it can't make, and bad dates", async () => {
    const created = await saveCampaign(shop, actor, null, campaignForm, at("2026-11-01T00:00:00Z"));
    const id = created.ok ? created.id! : "";
    expect(await changeCampaignStatus(shop, actor, id, "resume")).toMatchObject({
      ok: false,
      errors: { form: "earn.error.campaignStatus" },
    });
    await changeCampaignStatus(shop, actor, id, "archive", at("2026-11-02T00:00:00Z"));
    const written = (await versions()).length;
    expect(await saveCampaign(shop, actor, id, campaignForm)).toMatchObject({
      errors: { form: "earn.error.archived" },
    });
    expect(
      await saveCampaign(shop, actor, null, { ...campaignForm, name: "", endsOn: "2026-11-19", value: "1" }),
    ).toEqual({
      ok: false,
      status: 422,
      errors: { name: "earn.error.name", endsOn: "earn.error.endsBeforeStart", value: "earn.error.campaignMultiplier" },
    });
    expect(await versions()).toHaveLength(written);
  });

  it("keeps an edited campaign's id, status and segment conditions", async () => {
    const created = await saveCampaign(shop, actor, null, campaignForm, at("2026-11-01T00:00:00Z"));
    const id = created.ok ? created.id! : "";
    await changeCampaignStatus(shop, actor, id, "pause", at("2026-11-02T00:00:00Z"));
    await saveCampaign(
      shop,
      actor,
      id,
      { ...campaignForm, kind: "fixed", value: "100", firstOrders: "1" },
      at("2026-11-03T00:00:00Z"),
    );
    const page = (await earnPage(shop, at("2026-11-04T00:00:00Z")))!;
    expect(page.rules.campaigns).toHaveLength(1);
    expect(page.rules.campaigns[0]).toMatchObject({ id, kind: "fixed", value: 100, firstOrders: 1, status: "paused" });
  });
});

describe("actions", () => {
  it("saves the built-in actions' points in the settings, audited, with no new rules version", async () => {
    const saved = await saveActionPoints(shop, actor, { signup: "200", birthday: "0", newsletter: "25" });
    expect(saved).toMatchObject({ ok: true, changed: true });
    const program = await db.program.findUniqueOrThrow({ where: { shop } });
    const settings = JSON.parse(program.settings);
    expect(settings.actions).toEqual({ signup: 200, birthday: 0, newsletter: 25 });
    expect(settings.pointsName).toEqual(defaultSettings().pointsName);
    expect(await versions()).toHaveLength(1);
    expect(await entries()).toMatchObject([
      { action: "earn.action.update", subject: "actions", before: { signup: 100 }, after: { signup: 200 } },
    ]);
  });

  it("adds, edits and removes a custom action; its id comes from the English name and stays", async () => {
    const form = {
      nameEn: "Write a review",
      nameRu: "Написать отзыв",
      points: "50",
      limitCount: "2",
      limitPer: "month",
    };
    const added = await saveCustomAction(shop, actor, null, form);
    expect(added).toMatchObject({ ok: true, id: "write-a-review" });
    const again = await saveCustomAction(shop, actor, null, form);
    expect(again).toMatchObject({ ok: true, id: "write-a-review-2" });
    await saveCustomAction(shop, actor, "write-a-review", { ...form, nameEn: "Review a product", points: "75" });
    await removeCustomAction(shop, actor, "write-a-review-2");

    const page = (await earnPage(shop))!;
    expect(page.customActions).toEqual([
      {
        id: "write-a-review",
        name: { en: "Review a product", ru: "Написать отзыв" },
        points: 75,
        limit: { count: 2, per: "month" },
      },
    ]);
    expect((await entries()).map((e) => [e.action, e.subject])).toEqual([
      ["earn.action.delete", "action:write-a-review-2"],
      ["earn.action.update", "action:write-a-review"],
      ["earn.action.create", "action:write-a-review-2"],
      ["earn.action.create", "action:write-a-review"],
    ]);
  });

  it("refuses bad actions with a message per field and changes nothing", async () => {
    const before = (await db.program.findUniqueOrThrow({ where: { shop } })).settings;
    expect(await saveActionPoints(shop, actor, { signup: "1.5", birthday: "", newsletter: "2000000" })).toEqual({
      ok: false,
      status: 422,
      errors: {
        signup: "earn.error.actionPoints",
        birthday: "earn.error.actionPoints",
        newsletter: "earn.error.actionPoints",
      },
    });
    expect(
      await saveCustomAction(shop, actor, null, {
        nameEn: "",
        nameRu: "x",
        points: "5",
        limitCount: "0",
        limitPer: "week",
      }),
    ).toEqual({
      ok: false,
      status: 422,
      errors: { nameEn: "earn.error.actionName", limitCount: "earn.error.limitCount", limitPer: "earn.error.invalid" },
    });
    expect((await db.program.findUniqueOrThrow({ where: { shop } })).settings).toBe(before);
    expect(await entries()).toEqual([]);
  });
});

it("answers 404 for a shop without a program, writing nothing", async () => {
  expect(await savePurchaseRule("none.myshopify.com", actor, purchaseForm)).toMatchObject({ ok: false, status: 404 });
  expect(await earnPage("none.myshopify.com")).toBeNull();
  expect(await db.earnRuleVersion.count({ where: { shop: "none.myshopify.com" } })).toBe(0);
});
