// Saving program settings: one transaction writes the settings, a new earn-rules version when
// rounding changes, a catalog re-publish when checkout's view changes, and the audit entry; a
// form with any wrong field changes nothing at all.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { loadProgram, ensureProgram, rulesAt } from "../points/program.server";
import { PUBLISH_REWARDS } from "../rewards/publish.server";
import { auditLog } from "./audit.server";
import type { SettingsForm } from "./program-settings-form";
import { saveProgramSettings, setProgramStatus, settingsPage } from "./program-settings.server";

const shop = "settings.myshopify.com";
const actor = "staff:42";
const installedAt = new Date("2026-01-01T00:00:00Z");
const now = new Date("2026-03-01T12:00:00Z");

const publishJobs = () => db.job.count({ where: { shop, kind: PUBLISH_REWARDS, status: "queued" } });
const programRow = () => db.program.findUniqueOrThrow({ where: { shop } });

async function currentForm(): Promise<SettingsForm> {
  return (await settingsPage(shop, now))!.form;
}

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await db.job.deleteMany();
  await db.earnRuleVersion.deleteMany();
  await db.program.deleteMany();
  await transaction(db, (tx) => ensureProgram(tx, shop, "USD", false, installedAt));
  // The default rewards queued a first publication; only what a save queues counts here.
  await db.job.deleteMany();
});

describe("the settings form", () => {
  it("shows the stored settings and the rounding in force", async () => {
    expect(await settingsPage(shop, now)).toEqual({
      status: "draft",
      rulesVersion: 1,
      form: {
        pointsNameEn: "points",
        pointsNameRu: "баллы",
        pendingDays: "0",
        expiryKind: "never",
        expiryMonths: "12",
        allowNegativeAfterRefund: "no",
        rounding: "down",
        codePrefix: "LAUREL",
        codeOnRefund: "keep_used",
        returnPointsForExpiredCodes: "no",
      },
    });
    expect(await settingsPage("none.myshopify.com")).toBeNull();
  });
});

describe("saving settings", () => {
  it("writes the settings, queues a re-publish and audits only what changed", async () => {
    const form = {
      ...(await currentForm()),
      pointsNameEn: " stars ",
      pointsNameRu: "звёзды",
      pendingDays: "14",
      expiryKind: "fifo",
      expiryMonths: "18",
      allowNegativeAfterRefund: "yes",
      codePrefix: "acme1",
    };

    expect(await saveProgramSettings(shop, actor, form, now)).toEqual({ ok: true, changed: true });

    const program = await loadProgram(db, shop);
    expect(program!.settings).toMatchObject({
      pointsName: { en: "stars", ru: "звёзды" },
      pendingDays: 14,
      expiry: { kind: "fifo", months: 18 },
      allowNegativeAfterRefund: true,
      codePrefix: "ACME1",
      // What the form doesn't edit is kept.
      actions: { signup: 100, birthday: 100, newsletter: 50 },
    });
    expect(await publishJobs()).toBe(1);
    // Rounding didn't change: no new rules version.
    expect(await db.earnRuleVersion.count({ where: { shop } })).toBe(1);
    const { entries } = await auditLog(shop);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor,
      action: "program.settings.update",
      subject: "program",
      before: {
        pointsName: { en: "points", ru: "баллы" },
        pendingDays: 0,
        expiry: { kind: "never" },
        allowNegativeAfterRefund: false,
        codePrefix: "LAUREL",
      },
      after: {
        pointsName: { en: "stars", ru: "звёзды" },
        pendingDays: 14,
        expiry: { kind: "fifo", months: 18 },
        allowNegativeAfterRefund: true,
        codePrefix: "ACME1",
      },
    });
    expect(Object.keys(entries[0]!.after as object)).not.toContain("rounding");
  });

  it("re-publishes nothing when checkout's view is unchanged", async () => {
    const result = await saveProgramSettings(shop, actor, { ...(await currentForm()), pendingDays: "7" }, now);
    expect(result).toEqual({ ok: true, changed: true });
    expect(await publishJobs()).toBe(0);
    expect((await auditLog(shop)).entries[0]).toMatchObject({ before: { pendingDays: 0 }, after: { pendingDays: 7 } });
  });

  it("writes and audits nothing when the form is as stored", async () => {
    const before = await programRow();
    expect(await saveProgramSettings(shop, actor, await currentForm(), now)).toEqual({ ok: true, changed: false });
    expect((await programRow()).updatedAt).toEqual(before.updatedAt);
    expect((await auditLog(shop)).entries).toEqual([]);
  });

  it("answers every wrong field and changes nothing", async () => {
    const before = await programRow();
    const form = {
      ...(await currentForm()),
      pointsNameEn: "   ",
      pointsNameRu: "x".repeat(41),
      pendingDays: "1.5",
      expiryKind: "inactivity",
      expiryMonths: "0",
      allowNegativeAfterRefund: "maybe",
      rounding: "up",
      codePrefix: "LAUREL-1",
      codeOnRefund: "",
      returnPointsForExpiredCodes: "",
    };

    expect(await saveProgramSettings(shop, actor, form, now)).toEqual({
      ok: false,
      errors: {
        pointsNameEn: "program.error.pointsName",
        pointsNameRu: "program.error.pointsName",
        pendingDays: "program.error.pendingDays",
        expiryMonths: "program.error.expiryMonths",
        allowNegativeAfterRefund: "program.error.choice",
        rounding: "program.error.choice",
        codePrefix: "program.error.codePrefix",
        codeOnRefund: "program.error.choice",
        returnPointsForExpiredCodes: "program.error.choice",
      },
    });
    expect(await programRow()).toEqual(before);
    expect(await db.earnRuleVersion.count({ where: { shop } })).toBe(1);
    expect(await publishJobs()).toBe(0);
    expect((await auditLog(shop)).entries).toEqual([]);
  });

  it("rejects an unknown expiry kind on its field", async () => {
    const result = await saveProgramSettings(shop, actor, { ...(await currentForm()), expiryKind: "sometimes" }, now);
    expect(result).toEqual({ ok: false, errors: { expiryKind: "program.error.expiryKind" } });
  });

  it("changes rounding with a new rules version from now, leaving earlier versions as they were", async () => {
    const first = await db.earnRuleVersion.findFirstOrThrow({ where: { shop, version: 1 } });

    const result = await saveProgramSettings(shop, actor, { ...(await currentForm()), rounding: "nearest" }, now);

    expect(result).toEqual({ ok: true, changed: true });
    expect(await db.earnRuleVersion.findFirstOrThrow({ where: { shop, version: 1 } })).toEqual(first);
    const second = await db.earnRuleVersion.findFirstOrThrow({ where: { shop, version: 2 } });
    expect(second.activeFrom).toEqual(now);
    // An order placed before the change keeps its rounding; one placed from now gets the new one.
    const earlier = await rulesAt(db, shop, new Date(now.getTime() - 1));
    const later = await rulesAt(db, shop, now);
    expect(earlier).toMatchObject({ version: 1, rules: { purchase: { rounding: "down" } } });
    expect(later).toMatchObject({ version: 2, rules: { purchase: { rounding: "nearest" } } });
    expect({ ...later!.rules.purchase, rounding: "down" }).toEqual(earlier!.rules.purchase);
    expect((await settingsPage(shop, now))!.form.rounding).toBe("nearest");
    expect((await auditLog(shop)).entries[0]).toMatchObject({
      before: { rounding: "down" },
      after: { rounding: "nearest" },
    });
    expect(await publishJobs()).toBe(0);
  });

  it("answers null for a shop without a program", async () => {
    expect(await saveProgramSettings("none.myshopify.com", actor, await currentForm(), now)).toBeNull();
  });
});

describe("turning the program on and off", () => {
  it("goes live, pauses and audits each change once", async () => {
    expect(await setProgramStatus(shop, actor, "live")).toEqual({ ok: true, changed: true });
    expect(await setProgramStatus(shop, actor, "live")).toEqual({ ok: true, changed: false });
    expect(await setProgramStatus(shop, actor, "paused")).toEqual({ ok: true, changed: true });

    expect((await loadProgram(db, shop))!.status).toBe("paused");
    const { entries } = await auditLog(shop, { subject: "program" });
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ["program.status", { status: "live" }, { status: "paused" }],
      ["program.status", { status: "draft" }, { status: "live" }],
    ]);
  });

  it("refuses any other status and changes nothing", async () => {
    expect(await setProgramStatus(shop, actor, "draft")).toEqual({
      ok: false,
      errors: { form: "program.error.status" },
    });
    expect((await loadProgram(db, shop))!.status).toBe("draft");
    expect((await auditLog(shop)).entries).toEqual([]);
    expect(await setProgramStatus("none.myshopify.com", actor, "live")).toBeNull();
  });
});
