// The storefront's first reads on each database (one statement on PostgreSQL, several on SQLite):
// the same program, rewards, member and codes either way, dates to the millisecond.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { ensureProgram } from "../points/program.server";
import { firstReads } from "./first-reads.server";

const NOW = new Date("2026-11-24T12:00:00.000Z");
const at = (iso: string) => new Date(iso);
let shop: string;

beforeEach(async () => {
  shop = `first-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;
  await transaction(db, (tx) => ensureProgram(tx, shop, "EUR", true, at("2026-01-01T00:00:00.000Z")));
});

let codes = 0;
function code(memberId: string, data: { status?: string; usedAt?: Date; returnedAt?: Date; createdAt: Date }) {
  codes += 1;
  return db.redemption.create({
    data: {
      shop,
      memberId,
      rewardId: `reward-${codes}`,
      idempotencyKey: `k${codes}`,
      code: `LAUREL-${codes}`,
      points: 500,
      discount: JSON.stringify({ kind: "amount", amount: 500 }),
      title: JSON.stringify({ en: `Reward ${codes}`, ru: `Награда ${codes}` }),
      status: "issued",
      endsAt: at("2026-12-24T12:34:56.789Z"),
      ...data,
    },
  });
}

describe("firstReads", () => {
  it("reads the program, its rules and its active rewards in the merchant's order", async () => {
    const rewards = await db.reward.findMany({ where: { shop }, orderBy: { position: "asc" } });
    // The merchant puts the last first and pauses the middle one.
    await db.reward.update({ where: { id: rewards[2]!.id }, data: { position: -1 } });
    await db.reward.update({ where: { id: rewards[1]!.id }, data: { status: "paused" } });
    const read = await firstReads(shop, null, NOW);
    expect(read).toMatchObject({ program: { shop, currency: "EUR", live: true }, rules: { version: 1 }, ladder: null });
    expect(read!.rewards.map((r) => r.id)).toEqual([rewards[2]!.id, rewards[0]!.id]);
    expect(read!.rewards[0]).toMatchObject({ status: "active", position: -1, reward: { cost: expect.any(Number) } });
    expect(read).toMatchObject({ member: null, codes: [] });
  });

  it("is null for a shop without a program", async () => {
    expect(await firstReads("nobody.myshopify.com", "gid://shopify/Customer/1", NOW)).toBeNull();
  });

  it("reads the member and their live codes, newest first, and no one else's", async () => {
    const member = await db.member.create({
      data: {
        shop,
        customerId: "gid://shopify/Customer/7",
        available: 815,
        pending: 40,
        lifetimeEarned: 1615,
        birthday: "1990-05-17",
        lastActivityAt: at("2026-11-02T03:04:05.678Z"),
      },
    });
    const other = await db.member.create({ data: { shop, customerId: "gid://shopify/Customer/8" } });
    const used = await code(member.id, {
      usedAt: at("2026-11-20T08:09:10.111Z"),
      createdAt: at("2026-11-01T00:00:00Z"),
    });
    const holding = await code(member.id, { status: "holding", createdAt: at("2026-11-03T00:00:00Z") });
    await code(member.id, { returnedAt: at("2026-11-21T00:00:00Z"), createdAt: at("2026-11-02T00:00:00Z") });
    await code(member.id, { status: "failed", createdAt: at("2026-11-04T00:00:00Z") });
    await code(other.id, { createdAt: at("2026-11-05T00:00:00Z") });

    const read = await firstReads(shop, "gid://shopify/Customer/7", NOW);
    expect(read!.member).toEqual({
      id: member.id,
      status: "active",
      available: 815,
      pending: 40,
      lifetimeEarned: 1615,
      lastActivityAt: at("2026-11-02T03:04:05.678Z"),
      birthday: "1990-05-17",
      tierId: null,
    });
    expect(read!.codes).toEqual([
      {
        rewardId: holding.rewardId,
        code: holding.code,
        title: holding.title,
        discount: holding.discount,
        endsAt: at("2026-12-24T12:34:56.789Z"),
        usedAt: null,
        status: "holding",
      },
      {
        rewardId: used.rewardId,
        code: used.code,
        title: used.title,
        discount: used.discount,
        endsAt: at("2026-12-24T12:34:56.789Z"),
        usedAt: at("2026-11-20T08:09:10.111Z"),
        status: "issued",
      },
    ]);
  });

  it("reads an inactive member's row but none of their codes", async () => {
    const member = await db.member.create({
      data: { shop, customerId: "gid://shopify/Customer/7", status: "redacted" },
    });
    await code(member.id, { createdAt: at("2026-11-01T00:00:00Z") });
    const read = await firstReads(shop, "gid://shopify/Customer/7", NOW);
    expect(read).toMatchObject({ member: { id: member.id, status: "redacted" }, codes: [] });
  });
});
