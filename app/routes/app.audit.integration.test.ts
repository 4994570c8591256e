// The audit page's loader through the admin's real authentication: the shop's entries only,
// newest first, filtered by subject, paged by cursor, each with what it changed.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { adminRequest, args, installOfflineSession, TEST_SHOP } from "../../test/shopify";
import { loader } from "./app.audit";

beforeEach(async () => {
  await db.auditLog.deleteMany();
  await installOfflineSession();
});

describe("/app/audit", () => {
  it("lists the shop's changes, newest first, with what changed", async () => {
    await db.auditLog.createMany({
      data: [
        {
          shop: TEST_SHOP,
          actor: "staff:1",
          action: "program.settings.update",
          subject: "program",
          before: JSON.stringify({ pendingDays: 0, pointsName: { en: "points", ru: "баллы" } }),
          after: JSON.stringify({ pendingDays: 14, pointsName: { en: "stars", ru: "баллы" } }),
          createdAt: new Date("2026-03-01T10:00:00Z"),
        },
        {
          shop: TEST_SHOP,
          actor: "staff:2",
          action: "reward.pause",
          subject: "r1",
          before: JSON.stringify({ status: "active" }),
          after: JSON.stringify({ status: "paused" }),
          createdAt: new Date("2026-03-02T10:00:00Z"),
        },
        { shop: "other.myshopify.com", actor: "staff:3", action: "reward.create", subject: "r1" },
      ],
    });

    const page = await loader(args(await adminRequest("/app/audit")));

    expect(page).toMatchObject({ subject: null, first: true, next: null });
    expect(page.entries).toEqual([
      expect.objectContaining({
        action: "reward.pause",
        actor: "staff:2",
        at: "2026-03-02T10:00:00.000Z",
        changes: [{ key: "status", before: "active", after: "paused" }],
      }),
      expect.objectContaining({
        action: "program.settings.update",
        changes: [
          { key: "pendingDays", before: 0, after: 14 },
          { key: "pointsName.en", before: "points", after: "stars" },
        ],
      }),
    ]);

    const filtered = await loader(args(await adminRequest("/app/audit?subject=program")));
    expect(filtered.subject).toBe("program");
    expect(filtered.entries.map((e) => e.action)).toEqual(["program.settings.update"]);
  });

  it("pages through older entries with the cursor", async () => {
    await db.auditLog.createMany({
      data: Array.from({ length: 55 }, (_, i) => ({
        shop: TEST_SHOP,
        actor: "system",
        action: `a${i}`,
        createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
      })),
    });

    const first = await loader(args(await adminRequest("/app/audit")));
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0]!.action).toBe("a54");
    expect(first.next).not.toBeNull();

    const second = await loader(args(await adminRequest(`/app/audit?cursor=${encodeURIComponent(first.next!)}`)));
    expect(second).toMatchObject({ first: false, next: null });
    expect(second.entries.map((e) => e.action)).toEqual(["a4", "a3", "a2", "a1", "a0"]);
  });
});
