// Editing and reordering the reward catalog on each database: validated, scoped to the shop, each
// change queuing the catalog's publication in its transaction, issued codes left as they were.
import { beforeEach, describe, expect, it } from "vitest";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import type { Reward } from "../loyalty/rewards";
import { createReward, listRewards, loadReward, moveReward, setRewardStatus, updateReward } from "./catalog.server";
import { PUBLISH_REWARDS } from "./publish.server";

let shop: string;
const OTHER = "other-catalog.myshopify.com";

const amountOff = (cost: number, amount: number, title = "Reward"): Reward => ({
  type: "amount_off",
  title: { en: title, ru: "Награда" },
  cost,
  amount,
  minimumSubtotal: null,
  codeLifetimeDays: 30,
  combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: false },
  startsAt: null,
  endsAt: null,
  tierIds: ["gold"],
  segmentIds: null,
  limitPerMember: null,
});

const publishJobs = (s = shop) => db.job.findMany({ where: { shop: s, kind: PUBLISH_REWARDS } });
const settleJobs = () => db.job.updateMany({ data: { status: "done" } });

beforeEach(async () => {
  shop = `catalog-${Math.random().toString(36).slice(2, 8)}.myshopify.com`;
});

describe("updateReward", () => {
  it("replaces the definition, type and cost, and queues the catalog's publication", async () => {
    const created = await transaction(db, (tx) => createReward(tx, shop, amountOff(500, 500)));
    await settleJobs();
    const percent = { ...amountOff(800, 0), type: "percent_off" as const, percent: 15, cap: null };
    delete (percent as { amount?: number }).amount;

    const updated = await transaction(db, (tx) => updateReward(tx, shop, created.id, percent));

    expect(updated).toMatchObject({ id: created.id, status: "active", reward: { type: "percent_off", percent: 15 } });
    expect(await db.reward.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      type: "percent_off",
      cost: 800,
    });
    expect((await publishJobs()).map((j) => j.status)).toEqual(["queued"]);
  });

  it("leaves codes already issued as they were made", async () => {
    const created = await transaction(db, (tx) => createReward(tx, shop, amountOff(500, 500, "Five off")));
    const code = await db.redemption.create({
      data: {
        shop,
        memberId: "m1",
        rewardId: created.id,
        idempotencyKey: "k1",
        code: "LAUREL-AAAA-BBBB-CCCC",
        points: 500,
        discount: JSON.stringify({ kind: "amount", amount: 500, appliesTo: "order" }),
        title: JSON.stringify({ en: "Five off", ru: "Награда" }),
        status: "issued",
        endsAt: new Date("2030-01-01T00:00:00Z"),
      },
    });
    await transaction(db, (tx) => updateReward(tx, shop, created.id, amountOff(900, 1000, "Ten off")));
    expect(await db.redemption.findUniqueOrThrow({ where: { id: code.id } })).toEqual(code);
  });

  it("refuses an invalid definition with the schema's field paths, changing nothing", async () => {
    const created = await transaction(db, (tx) => createReward(tx, shop, amountOff(500, 500)));
    await settleJobs();
    const error = await transaction(db, (tx) =>
      updateReward(tx, shop, created.id, { ...amountOff(0, 500), title: { en: "", ru: "x" } }),
    ).catch((e: unknown) => e);
    expect((error as { issues: { path: unknown[] }[] }).issues.map((i) => i.path)).toEqual([["title", "en"], ["cost"]]);
    expect((await loadReward(db, shop, created.id))?.reward).toEqual(created.reward);
    expect((await publishJobs()).map((j) => j.status)).toEqual(["done"]);
  });

  it("answers null for another shop's reward and touches neither shop", async () => {
    const theirs = await transaction(db, (tx) => createReward(tx, OTHER, amountOff(500, 500)));
    await settleJobs();
    expect(await transaction(db, (tx) => updateReward(tx, shop, theirs.id, amountOff(1, 1)))).toBeNull();
    expect((await loadReward(db, OTHER, theirs.id))?.reward.cost).toBe(500);
    expect(await publishJobs()).toEqual([]);
    expect((await publishJobs(OTHER)).map((j) => j.status)).toEqual(["done"]);
  });
});

describe("moveReward", () => {
  it("swaps a reward with its unarchived neighbour and renumbers the catalog", async () => {
    const [a, b, c, d] = await transaction(db, async (tx) => [
      await createReward(tx, shop, amountOff(1, 1, "a")),
      await createReward(tx, shop, amountOff(2, 2, "b")),
      await createReward(tx, shop, amountOff(3, 3, "c")),
      await createReward(tx, shop, amountOff(4, 4, "d")),
    ]);
    await transaction(db, (tx) => setRewardStatus(tx, shop, c!.id, "archived"));
    await settleJobs();
    const titles = async () =>
      (await listRewards(db, shop, ["active", "paused", "archived"])).map((r) => r.reward.title.en);

    // d's unarchived neighbour above is b: the archived c is passed over.
    expect(await transaction(db, (tx) => moveReward(tx, shop, d!.id, "up"))).toBe(true);
    expect(await titles()).toEqual(["a", "d", "c", "b"]);
    expect((await publishJobs()).map((j) => j.status)).toEqual(["queued"]);

    expect(await transaction(db, (tx) => moveReward(tx, shop, a!.id, "up"))).toBe(false);
    expect(await transaction(db, (tx) => moveReward(tx, shop, b!.id, "down"))).toBe(false);
    expect(await transaction(db, (tx) => moveReward(tx, OTHER, a!.id, "down"))).toBeNull();
    expect(await titles()).toEqual(["a", "d", "c", "b"]);
    expect(
      (await db.reward.findMany({ where: { shop }, orderBy: { position: "asc" } })).map((r) => r.position),
    ).toEqual([0, 1, 2, 3]);
  });
});
