// The setup guide's three steps: each saves in one transaction with its audit entries, invalid
// input changes nothing, and finishing puts the program live once.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { ensureProgram, loadProgram, rulesAt } from "../points/program.server";
import { PUBLISH_REWARDS } from "../rewards/publish.server";
import { auditLog } from "./audit.server";
import { chooseRewards, finishOnboarding, onboardingPage, saveBasics } from "./onboarding.server";

const shop = "onboarding.myshopify.com";
const actor = "staff:7";
const installedAt = new Date("2026-01-01T00:00:00Z");
const now = new Date("2026-03-01T12:00:00Z");

const actions = async () => (await auditLog(shop)).entries.map((e) => e.action).reverse();
const versions = () => db.earnRuleVersion.count({ where: { shop } });
const publishJobs = () => db.job.count({ where: { shop, kind: PUBLISH_REWARDS } });

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await db.job.deleteMany();
  await db.earnRuleVersion.deleteMany();
  await db.reward.deleteMany();
  await db.program.deleteMany();
  await transaction(db, (tx) => ensureProgram(tx, shop, "USD", false, installedAt));
  await db.job.deleteMany();
});

describe("the setup guide", () => {
  it("starts from the defaults: a draft program, 1 point per 1.00, the three default rewards chosen", async () => {
    const page = await onboardingPage(shop, now);
    expect(page).toMatchObject({
      status: "draft",
      onboarded: false,
      currency: "USD",
      basics: { pointsNameEn: "points", pointsNameRu: "баллы", points: "1", per: "1.00" },
    });
    expect(page!.rewards.map((r) => [r.type, r.cost, r.chosen])).toEqual([
      ["amount_off", 500, true],
      ["percent_off", 1000, true],
      ["free_shipping", 300, true],
    ]);
    expect(await onboardingPage("nobody.myshopify.com")).toBeNull();
  });

  it("step 1 renames the points and sets the rate as a new rules version, audited", async () => {
    const input = { pointsNameEn: "stars", pointsNameRu: "звёзды", points: "5", per: "2.00" };
    expect(await saveBasics(shop, actor, input, now)).toEqual({ ok: true });
    const program = await loadProgram(db, shop);
    expect(program!.settings.pointsName).toEqual({ en: "stars", ru: "звёзды" });
    expect((await rulesAt(db, shop, now))!.rules.purchase).toMatchObject({ points: 5, per: 200 });
    // Orders placed before the change keep the rate they were placed under.
    expect((await rulesAt(db, shop, new Date(now.getTime() - 1)))!.rules.purchase).toMatchObject({
      points: 1,
      per: 100,
    });
    expect(await publishJobs()).toBe(1);
    expect(await actions()).toEqual(["program.settings.update", "earn.purchase.update"]);
    // The same values again change nothing.
    expect(await saveBasics(shop, actor, input, now)).toEqual({ ok: true });
    expect(await versions()).toBe(2);
    expect(await actions()).toHaveLength(2);
  });

  it("step 1 refuses bad input field by field and changes nothing", async () => {
    const result = await saveBasics(
      shop,
      actor,
      { pointsNameEn: "stars", pointsNameRu: " ", points: "x", per: "0" },
      now,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        pointsNameRu: "onboarding.error.pointsName",
        points: "earn.error.ratePoints",
        per: "earn.error.amountPositive",
      },
    });
    expect((await loadProgram(db, shop))!.settings.pointsName.en).toBe("points");
    expect(await versions()).toBe(1);
    expect(await publishJobs()).toBe(0);
    expect(await actions()).toEqual([]);
  });

  it("step 2 pauses the rewards left out, and refuses to leave none", async () => {
    const [first, second, third] = (await onboardingPage(shop))!.rewards;
    expect(await chooseRewards(shop, actor, [third!.id])).toEqual({ ok: true });
    expect((await onboardingPage(shop))!.rewards.map((r) => r.chosen)).toEqual([false, false, true]);
    expect(await actions()).toEqual(["reward.pause", "reward.pause"]);
    expect(await publishJobs()).toBeGreaterThan(0);

    expect(await chooseRewards(shop, actor, [first!.id, third!.id])).toEqual({ ok: true });
    expect((await onboardingPage(shop))!.rewards.map((r) => r.chosen)).toEqual([true, false, true]);

    const before = await actions();
    expect(await chooseRewards(shop, actor, [])).toEqual({
      ok: false,
      errors: { rewards: "onboarding.error.rewards" },
    });
    expect(await chooseRewards(shop, actor, ["not-a-reward"])).toMatchObject({ ok: false });
    expect((await onboardingPage(shop))!.rewards.map((r) => r.chosen)).toEqual([true, false, true]);
    expect(await actions()).toEqual(before);
    expect(second).toBeDefined();
  });

  it("step 3 puts the program live and finishes the guide, once", async () => {
    expect(await finishOnboarding(shop, actor, now)).toEqual({ ok: true });
    const row = await db.program.findUniqueOrThrow({ where: { shop } });
    expect(row).toMatchObject({ status: "live", onboardedAt: now });
    expect(await actions()).toEqual(["program.status", "program.onboarded"]);
    expect(await finishOnboarding(shop, actor, new Date(now.getTime() + 60_000))).toEqual({ ok: true });
    expect((await db.program.findUniqueOrThrow({ where: { shop } })).onboardedAt).toEqual(now);
    expect(await actions()).toHaveLength(2);
    expect((await onboardingPage(shop))!.onboarded).toBe(true);
  });

  it("step 3 on a program that is already live (the demo) only finishes the guide", async () => {
    await db.program.update({ where: { shop }, data: { status: "live" } });
    expect(await finishOnboarding(shop, actor, now)).toEqual({ ok: true });
    expect(await actions()).toEqual(["program.onboarded"]);
  });
});
