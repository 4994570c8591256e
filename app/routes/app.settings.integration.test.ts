// The settings page's loader and action, authenticated as the embedded admin authenticates
// (session token checked by the library): the form's values, a save, a rejected form, the
// program switched on, each change attributed to the staff member in the token.
import { USER_ID } from "@shopify/shopify-api/test-helpers";
import { beforeEach, describe, expect, it } from "vitest";
import { auditLog } from "../admin/audit.server";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { ensureProgram, loadProgram } from "../points/program.server";
import { adminRequest, args, bearerRequest, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { action, loader } from "./app.settings";

/** A form submission from the embedded admin (App Bridge adds the session token). */
async function post(fields: Record<string, string>): Promise<Request> {
  const signed = await bearerRequest("/app/settings?index");
  return new Request(signed.url, {
    method: "POST",
    headers: {
      Authorization: signed.headers.get("Authorization")!,
      "Content-Type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(fields),
  });
}

const failure = (outcome: unknown) =>
  outcome as { data: { ok: false; errors: Record<string, string> }; init: ResponseInit };

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await db.earnRuleVersion.deleteMany();
  await db.program.deleteMany();
  await installOfflineSession();
  await transaction(db, (tx) => ensureProgram(tx, TEST_SHOP, "USD", false));
});

describe("/app/settings", () => {
  it("loads the shop's settings", async () => {
    const page = await loader(args(await adminRequest("/app/settings")));
    expect(page).toMatchObject({
      status: "draft",
      form: { pointsNameEn: "points", codePrefix: "LAUREL", rounding: "down" },
    });
  });

  it("answers 404 when the shop has no program", async () => {
    await db.program.deleteMany();
    const outcome = await loader(args(await adminRequest("/app/settings"))).catch((thrown: unknown) => thrown);
    expect((outcome as Response).status).toBe(404);
  });

  it("saves a submitted form and records who did it", async () => {
    const form = (await loader(args(await adminRequest("/app/settings")))).form;

    const outcome = await action(
      args(await post({ intent: "settings", ...form, pendingDays: "30", rounding: "nearest" })),
    );

    expect(outcome).toEqual({ intent: "settings", ok: true, changed: true, status: null });
    expect((await loadProgram(db, TEST_SHOP))!.settings.pendingDays).toBe(30);
    const [entry] = (await auditLog(TEST_SHOP)).entries;
    expect(entry).toMatchObject({
      actor: `staff:${USER_ID}`,
      action: "program.settings.update",
      after: { pendingDays: 30, rounding: "nearest" },
    });
  });

  it("answers 400 with each field's error and saves nothing", async () => {
    const form = (await loader(args(await adminRequest("/app/settings")))).form;

    const outcome = failure(await action(args(await post({ ...form, pointsNameRu: "", pendingDays: "-1" }))));

    expect(outcome.init.status).toBe(400);
    expect(outcome.data).toEqual({
      intent: "settings",
      ok: false,
      errors: { pointsNameRu: "program.error.pointsName", pendingDays: "program.error.pendingDays" },
    });
    expect((await loadProgram(db, TEST_SHOP))!.settings.pointsName.ru).toBe("баллы");
    expect((await auditLog(TEST_SHOP)).entries).toEqual([]);
  });

  it("turns the program on", async () => {
    const outcome = await action(args(await post({ intent: "status", status: "live" })));
    expect(outcome).toEqual({ intent: "status", ok: true, changed: true, status: "live" });
    expect((await loadProgram(db, TEST_SHOP))!.live).toBe(true);
    expect((await auditLog(TEST_SHOP)).entries[0]).toMatchObject({
      actor: `staff:${USER_ID}`,
      action: "program.status",
    });

    const refused = failure(await action(args(await post({ intent: "status", status: "deleted" }))));
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors).toEqual({ form: "program.error.status" });
  });

  it("refuses a submission without a valid session token", async () => {
    const request = new Request("https://my-test-app.myshopify.io/app/settings", {
      method: "POST",
      headers: { Authorization: "Bearer forged.token.here" },
      body: new URLSearchParams({ intent: "status", status: "live" }),
    });
    const outcome = await action(args(request)).catch((thrown: unknown) => thrown);
    expect((outcome as Response).status).toBe(401);
    expect((await loadProgram(db, TEST_SHOP))!.status).toBe("draft");
  });
});
