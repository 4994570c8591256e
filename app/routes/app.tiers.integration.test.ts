// /app/tiers through the library's real admin authentication: the suggested ladder for a shop
// without one, a preview that counts the shop's members and saves nothing, a save (audited, as
// the staff member in the token, with the work it queues), and a refused form that saves nothing.
import { USER_ID } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../admin/audit.server";
import { ladderFormData, ladderFormValues, type LadderFormValues } from "../admin/tiers-form";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { ensureProgram } from "../points/program.server";
import { loadLadder, saveLadder, TIERS_APPLY } from "../tiers/ladder.server";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { action, loader } from "./app.tiers";

const OTHER = "someone-else.myshopify.com";
const ladder: Ladder = { ...defaultLadder(100), enabled: true };

/** The editor's form as the page posts it. */
async function post(intent: string, values: LadderFormValues) {
  const fields = ladderFormData(values, intent);
  const signed = await bearerRequest("/app/tiers");
  return new Request(signed.url, {
    method: "POST",
    headers: { Authorization: signed.headers.get("Authorization")! },
    body: fields,
  });
}

/** What the action answered: its status and body. */
function answer(result: unknown) {
  const value = result as { init?: { status?: number } | null; data?: unknown };
  return { status: value.init?.status ?? 200, body: value.data as any };
}

/** A member of the shop who spent `spend` (minor units) in paid orders over the last months. */
async function member(n: number, spend: number, extra: { shop?: string; tierId?: string; locked?: boolean } = {}) {
  const shop = extra.shop ?? TEST_SHOP;
  const created = await db.member.create({
    data: {
      shop,
      customerId: `gid://shopify/Customer/${n}`,
      tierId: extra.tierId ?? null,
      tierLocked: extra.locked ?? false,
    },
  });
  if (spend > 0) {
    await db.loyaltyOrder.create({
      data: {
        shop,
        orderId: `gid://shopify/Order/${n}`,
        memberId: created.id,
        placedAt: new Date(Date.now() - 30 * 86_400_000),
        state: "{}",
        tierSpend: spend,
        tierOrders: 1,
      },
    });
  }
  return created;
}

const values = (change: (v: LadderFormValues) => void = () => {}) => {
  const form = structuredClone(ladderFormValues(ladder, "USD"));
  change(form);
  return form;
};

beforeEach(async () => {
  for (const table of ["auditLog", "job", "loyaltyOrder", "member", "tierLadder", "earnRuleVersion", "reward"] as const)
    await (db[table] as { deleteMany: () => Promise<unknown> }).deleteMany();
  await db.program.deleteMany();
  await installOfflineSession();
  await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", true));
});

describe("/app/tiers loader", () => {
  it("starts a shop without tiers from the suggested ladder, switched off, money in its currency", async () => {
    const page = await loader(args(await adminRequest("/app/tiers")));
    expect(page).toMatchObject({ currency: "USD", stored: false, form: { enabled: false, metric: "spend" } });
    expect(page.form.tiers.map((t) => [t.id, t.threshold])).toEqual([
      ["bronze", "0.00"],
      ["silver", "500.00"],
      ["gold", "1000.00"],
    ]);
  });

  it("shows the stored ladder once there is one", async () => {
    await transaction(db, (tx) => saveLadder(tx, TEST_SHOP, "staff:1", { ...ladder, graceDays: 30 }));
    const page = await loader(args(await adminRequest("/app/tiers")));
    expect(page).toMatchObject({ stored: true, form: { enabled: true, graceDays: "30" } });
  });

  it("answers 404 when the shop has no program", async () => {
    await db.program.deleteMany();
    const outcome = await loader(args(await adminRequest("/app/tiers"))).catch((thrown: unknown) => thrown);
    expect((outcome as Response).status).toBe(404);
  });
});

describe("/app/tiers preview", () => {
  it("counts where the shop's members would land, and saves nothing", async () => {
    await member(1, 0);
    await member(2, 60_000);
    await member(3, 150_000);
    await member(4, 120_000, { tierId: "bronze", locked: true });
    await member(5, 999_999, { shop: OTHER });
    const jobs = await db.job.count();

    const { status, body } = answer(await action(args(await post("preview", values()))));

    expect(status).toBe(200);
    expect(body).toEqual({
      intent: "preview",
      ok: true,
      preview: {
        members: 4,
        none: 0,
        tiers: [
          { id: "bronze", name: { en: "Bronze", ru: "Бронза" }, qualify: 1, afterSave: 2 },
          { id: "silver", name: { en: "Silver", ru: "Серебро" }, qualify: 1, afterSave: 1 },
          // The locked member reaches Gold but stays on Bronze.
          { id: "gold", name: { en: "Gold", ru: "Золото" }, qualify: 2, afterSave: 1 },
        ],
      },
    });
    expect(await db.tierLadder.count()).toBe(0);
    expect(await db.auditLog.count()).toBe(0);
    expect(await db.job.count()).toBe(jobs);
  });

  it("previews a ladder that asks for something at the lowest tier, with the members it leaves out", async () => {
    await member(1, 0);
    await member(2, 60_000);
    const { body } = answer(
      await action(
        args(
          await post(
            "preview",
            values((v) => (v.tiers[0]!.threshold = "100")),
          ),
        ),
      ),
    );
    expect(body.preview).toMatchObject({ members: 2, none: 1 });
  });

  it("answers 400 with the fields at fault", async () => {
    const { status, body } = answer(
      await action(
        args(
          await post(
            "preview",
            values((v) => (v.tiers[2]!.threshold = "400.00")),
          ),
        ),
      ),
    );
    expect(status).toBe(400);
    expect(body).toEqual({
      intent: "preview",
      ok: false,
      errors: { "tiers.2.threshold": { key: "tiers.error.thresholdOrder", values: { example: "500.00" } } },
    });
  });
});

describe("/app/tiers save", () => {
  it("saves the ladder, audits it as the staff member, and queues the members' re-placement", async () => {
    const edited = values((v) => {
      v.graceDays = "14";
      v.tiers.push({ ...v.tiers[2]!, id: "", nameEn: "Platinum", nameRu: "Платина", threshold: "2500" });
    });

    const first = answer(await action(args(await post("save", edited))));

    expect(first).toEqual({ status: 200, body: { intent: "save", ok: true, changed: true } });
    const stored = await loadLadder(db, TEST_SHOP);
    expect(stored).toMatchObject({ enabled: true, graceDays: 14 });
    expect(stored!.tiers.map((t) => [t.id, t.threshold])).toEqual([
      ["bronze", 0],
      ["silver", 50_000],
      ["gold", 100_000],
      ["platinum", 250_000],
    ]);
    const [entry] = (await auditLog(TEST_SHOP)).entries;
    expect(entry).toMatchObject({ actor: `staff:${USER_ID}`, action: "tiers.create", subject: "tiers" });
    expect(await db.job.count({ where: { shop: TEST_SHOP, kind: TIERS_APPLY } })).toBe(1);

    // The page reloads the stored ladder, the new tier now with its id: saving it again changes nothing.
    const page = await loader(args(await adminRequest("/app/tiers")));
    expect(page.form.tiers[3]!.id).toBe("platinum");
    const again = answer(await action(args(await post("save", page.form))));
    expect(again.body).toEqual({ intent: "save", ok: true, changed: false });
    expect((await auditLog(TEST_SHOP)).entries).toHaveLength(1);

    const off = answer(await action(args(await post("save", { ...page.form, enabled: false }))));
    expect(off.body.changed).toBe(true);
    expect((await loadLadder(db, TEST_SHOP))!.enabled).toBe(false);
    expect((await auditLog(TEST_SHOP)).entries[0]).toMatchObject({ action: "tiers.update" });
  });

  it("answers 400 with each field's error and saves nothing", async () => {
    await transaction(db, (tx) => saveLadder(tx, TEST_SHOP, "staff:1", ladder));
    const audits = (await auditLog(TEST_SHOP)).entries.length;

    const { status, body } = answer(
      await action(
        args(
          await post(
            "save",
            values((v) => {
              v.graceDays = "-1";
              v.tiers[1]!.nameEn = "";
              v.tiers[1]!.multiplier = "×0.5";
              v.tiers[2]!.threshold = "12.345";
            }),
          ),
        ),
      ),
    );

    expect(status).toBe(400);
    expect(body.intent).toBe("save");
    expect(Object.fromEntries(Object.entries(body.errors).map(([k, e]) => [k, (e as { key: string }).key]))).toEqual({
      graceDays: "tiers.error.graceDays",
      "tiers.1.nameEn": "tiers.error.name",
      "tiers.1.multiplier": "tiers.error.multiplier",
      "tiers.2.threshold": "tiers.error.thresholdMoney",
    });
    expect(await loadLadder(db, TEST_SHOP)).toEqual(ladder);
    expect((await auditLog(TEST_SHOP)).entries).toHaveLength(audits);
  });

  it("refuses a submission without a valid session token", async () => {
    const request = new Request("https://my-test-app.myshopify.io/app/tiers", {
      method: "POST",
      headers: { Authorization: "Bearer forged.token.here" },
      body: new URLSearchParams({ intent: "save" }),
    });
    const outcome = await action(args(request)).catch((thrown: unknown) => thrown);
    expect((outcome as Response).status).toBe(401);
    expect(await db.tierLadder.count()).toBe(0);
  });
});
