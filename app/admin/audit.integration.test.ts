// The audit log keeps each change with its author and before/after, only when the change commits.
import { describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { actorOf, auditLog, recordAudit } from "./audit.server";

const SHOP = "audit.myshopify.com";

describe("audit log", () => {
  it("records who changed what, newest first, per shop and per subject", async () => {
    await transaction(db, (tx) =>
      recordAudit(tx, {
        shop: SHOP,
        actor: actorOf({ sub: "42" }),
        action: "reward.create",
        subject: "r1",
        after: { cost: 500 },
      }),
    );
    await transaction(db, (tx) =>
      recordAudit(tx, {
        shop: SHOP,
        actor: actorOf({ sub: "42" }),
        action: "reward.pause",
        subject: "r1",
        before: { status: "active" },
        after: { status: "paused" },
      }),
    );
    await transaction(db, (tx) =>
      recordAudit(tx, { shop: "other.myshopify.com", actor: "system", action: "reward.create", subject: "r1" }),
    );
    const { entries, next } = await auditLog(SHOP);
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ["reward.pause", "staff:42"],
      ["reward.create", "staff:42"],
    ]);
    expect(entries[0]).toMatchObject({ before: { status: "active" }, after: { status: "paused" } });
    expect(entries[1]).toMatchObject({ before: null, after: { cost: 500 } });
    expect(next).toBeNull();
    expect((await auditLog(SHOP, { subject: "r2" })).entries).toEqual([]);
  });

  it("pages through entries made in the same millisecond without skipping any", async () => {
    const at = new Date("2026-11-24T00:00:00.000Z");
    await db.auditLog.createMany({
      data: Array.from({ length: 120 }, (_, i) => ({
        shop: "paged.myshopify.com",
        actor: "system",
        action: `a${i}`,
        createdAt: at,
      })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await auditLog("paged.myshopify.com", { cursor });
      seen.push(...page.entries.map((e) => e.action));
      if (!page.next) break;
      cursor = page.next;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
  });

  it("keeps no entry for a change that rolled back", async () => {
    await expect(
      transaction(db, async (tx) => {
        await recordAudit(tx, { shop: SHOP, actor: "staff:7", action: "member.adjust", subject: "m1" });
        throw new Error("the adjustment failed");
      }),
    ).rejects.toThrow("the adjustment failed");
    expect((await auditLog(SHOP, { subject: "m1" })).entries).toEqual([]);
  });

  it("names an unknown staff member rather than inventing one", () => {
    expect(actorOf(undefined)).toBe("staff:unknown");
    expect(actorOf({ sub: "" })).toBe("staff:unknown");
  });
});
