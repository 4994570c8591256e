// VIP tiers in Shopify on each database, against the emulator's Admin API over HTTP (the app's
// own Shopify client, routed to it), run by the worker as in production: each tier's segment and
// automatic discounts follow the ladder, members carry their tier's tag and metafield, an order
// for a member gets the tier's discount with no code, and after an uninstall the discounts lapse
// on their own within 48 hours.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/http/server.ts";
import { emulatorControl } from "../../test/emulator-control";
import { startRoutedEmulator } from "../../test/routed-emulator";
import { installOfflineSession } from "../../test/shopify";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { enqueue } from "../jobs/queue.server";
import { runDueJobs } from "../jobs/worker.server";
import { entry } from "../loyalty/ledger";
import { defaultLadder, type Ladder } from "../loyalty/tiers";
import { append, lockedMember, memberFor, SYNC_MEMBER } from "../points/ledger.server";
import { ensureProgram } from "../points/program.server";
import { syncMembers } from "../points/sync.server";
import { PUBLISH_REWARDS, publishRewards } from "../rewards/publish.server";
import { recordInstall, recordUninstall } from "../shops.server";
import { unauthenticated } from "../shopify.server";
import { saveLadder, SYNC_TIER, SYNC_TIER_DISCOUNTS, TIERS_APPLY } from "./ladder.server";
import { runTiersApply } from "./review.server";
import { renewTierDiscounts, syncMemberTiers, syncTierDiscounts } from "./shopify.server";

const HOUR = 3_600_000;
let emulator: Emulator;
let shop: string;

const control = (pathname: string, body?: unknown, method?: string) =>
  emulatorControl(emulator.url)(pathname, body, method);

const handlers = {
  [SYNC_TIER_DISCOUNTS]: syncTierDiscounts,
  [SYNC_TIER]: syncMemberTiers,
  [SYNC_MEMBER]: syncMembers,
  [TIERS_APPLY]: runTiersApply,
  [PUBLISH_REWARDS]: (s: string) => publishRewards(s),
};

/** Runs the worker until the queue is empty; every job must have succeeded. */
async function work() {
  for (let turn = 0; turn < 20 && (await runDueJobs(handlers)) > 0; turn++);
  const failed = await db.job.findMany({
    where: { lastError: { not: null } },
    select: { kind: true, lastError: true },
  });
  expect(failed).toEqual([]);
  expect(await db.job.count({ where: { status: { not: "done" } } })).toBe(0);
}

/** Bronze from 0 points (nothing), Silver from 500 (3 %), Gold from 1,000 (5 % and free shipping). */
function ladder(over: Partial<Ladder> = {}, gold: Partial<Ladder["tiers"][number]["perks"]> = {}): Ladder {
  const [bronze, silver, goldTier] = defaultLadder(100).tiers;
  return {
    ...defaultLadder(100),
    enabled: true,
    metric: "points",
    window: "lifetime",
    tiers: [
      { ...bronze!, perks: { ...bronze!.perks, entryBonus: 0 } },
      { ...silver!, threshold: 500, perks: { ...silver!.perks, entryBonus: 0 } },
      { ...goldTier!, threshold: 1000, perks: { ...goldTier!.perks, entryBonus: 0, ...gold } },
    ],
    ...over,
  };
}

const save = (value: Ladder) => transaction(db, (tx) => saveLadder(tx, shop, "staff:1", value));

type State = {
  customers: { gid: string; tags: string[]; metafields: { key: string; value: string }[] }[];
  segments: { gid: string; name: string; query: string }[];
  discounts: {
    gid: string;
    type: string;
    title: string;
    segmentIds: number[] | null;
    value: { percentage?: string };
    minimumSubtotal: string | null;
    combinesWith: Record<string, boolean>;
    startsAt: string;
    endsAt: string | null;
  }[];
};
const state = (): Promise<State> => control(`/shops/${shop}/state`);
const automatic = async () => (await state()).discounts.filter((d) => d.type.startsWith("automatic_"));
const segmentNumber = (gid: string) => Number(gid.split("/").pop());

/** A customer and their member row. */
async function customer(email: string) {
  const { id, gid } = await control(`/shops/${shop}/customers`, { email, firstName: email.split("@")[0] });
  const member = await transaction(db, (tx) => memberFor(tx, shop, gid));
  return { id: id as number, gid: gid as string, memberId: member.id };
}

let grants = 0;
/** Points from an action or an adjustment: the ledger entry and the balance sync it queues. */
async function earn(memberId: string, points: number) {
  await transaction(db, async (tx) => {
    const member = await lockedMember(tx, memberId);
    await append(
      tx,
      member,
      [entry("earn_action", `test:${++grants}`, { available: points, lifetimeEarned: points })],
      {
        allowNegative: false,
      },
    );
  });
}

/** An order placed at checkout ($100 of tea, $10 shipping), at `at` (default now). */
async function order(customerId: number | null, at = new Date()) {
  const { gid } = await control(`/shops/${shop}/orders`, {
    ...(customerId === null ? {} : { customerId }),
    lineItems: [{ title: "Tea", price: "100.00", quantity: 1 }],
    shippingPrice: "10.00",
    createdAt: at.toISOString(),
  });
  const placed = (await control(`/shops/${shop}/state`)).orders.find((o: { gid: string }) => o.gid === gid);
  return { discounts: placed.automaticDiscounts as string[], total: placed.totalDiscounts as string };
}

const queuedSyncs = () => db.job.count({ where: { shop, kind: SYNC_TIER_DISCOUNTS, status: "queued" } });
const tagsOf = async (gid: string) => (await state()).customers.find((c) => c.gid === gid)!.tags;
const memberMetafield = async (gid: string) =>
  JSON.parse((await state()).customers.find((c) => c.gid === gid)!.metafields.find((m) => m.key === "member")!.value);

/** An Admin call as the merchant's other tools would make it (not one of Laurel's operations). */
async function adminCall(query: string, variables: Record<string, unknown>) {
  const { admin } = await unauthenticated.admin(shop);
  return (await (await admin.graphql(query, { variables })).json()).data;
}

beforeAll(async () => {
  emulator = await startRoutedEmulator();
});

afterAll(() => emulator.close());

beforeEach(async () => {
  await control("/admin-faults", { faults: [] }, "PUT");
  const created = await control("/shops", { name: `Tiers ${Math.random().toString(36).slice(2, 8)}`, openApp: false });
  shop = created.shop.domain;
  await installOfflineSession(shop, created.app.accessToken);
  await recordInstall(db, shop);
  await transaction(db, (tx) => ensureProgram(tx, shop, "USD", true));
  // The catalog's publication is another worker's business.
  await db.job.deleteMany();
});

describe("each tier in Shopify", () => {
  it("gets a segment by its tag and its automatic discounts, limited to that segment, on a 48-hour lease", async () => {
    const before = Date.now();
    await save(ladder());
    await work();
    const { segments } = await state();
    expect(segments.map((s) => [s.name, s.query])).toEqual([
      ["Laurel VIP: Bronze", "customer_tags CONTAINS 'laurel-tier-bronze'"],
      ["Laurel VIP: Silver", "customer_tags CONTAINS 'laurel-tier-silver'"],
      ["Laurel VIP: Gold", "customer_tags CONTAINS 'laurel-tier-gold'"],
    ]);
    const segmentOf = (name: string) => segmentNumber(segments.find((s) => s.name === name)!.gid);
    const discounts = await automatic();
    expect(discounts.map((d) => [d.type, d.title, d.segmentIds, d.value.percentage, d.minimumSubtotal])).toEqual([
      ["automatic_basic", "Silver member discount — 3%", [segmentOf("Laurel VIP: Silver")], "0.03", null],
      ["automatic_basic", "Gold member discount — 5%", [segmentOf("Laurel VIP: Gold")], "0.05", null],
      ["automatic_free_shipping", "Gold member free shipping", [segmentOf("Laurel VIP: Gold")], "1", null],
    ]);
    expect(discounts[0]!.combinesWith).toEqual({
      orderDiscounts: true,
      productDiscounts: true,
      shippingDiscounts: true,
    });
    for (const d of discounts) {
      const lease = new Date(d.endsAt!).getTime() - before;
      expect(lease).toBeGreaterThanOrEqual(48 * HOUR);
      expect(lease).toBeLessThan(48 * HOUR + 60_000);
    }
    const rows = await db.tierDiscount.findMany({ where: { shop }, orderBy: { tierId: "asc" } });
    expect(
      rows.map((r) => [r.tierId, r.segmentId !== null, r.discountId !== null, r.shippingDiscountId !== null]),
    ).toEqual([
      ["bronze", true, false, false],
      ["gold", true, true, true],
      ["silver", true, true, false],
    ]);
  });

  it("a free-shipping minimum goes to Shopify in the shop's currency and decides at checkout", async () => {
    await save(ladder({}, { freeShippingOver: 15000 }));
    await work();
    const shipping = (await automatic()).find((d) => d.type === "automatic_free_shipping")!;
    expect(shipping.minimumSubtotal).toBe("150.0");
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 1000);
    await work();
    expect(await order(ana.id)).toEqual({ discounts: ["Gold member discount — 5%"], total: "5.0" });
    // Back to free shipping on every order: the discount is replaced, without a minimum.
    await save(ladder());
    await work();
    const replaced = (await automatic()).find((d) => d.type === "automatic_free_shipping")!;
    expect(replaced.gid).not.toBe(shipping.gid);
    expect(replaced.minimumSubtotal).toBeNull();
    expect((await order(ana.id)).discounts).toEqual(["Gold member discount — 5%", "Gold member free shipping"]);
  });

  it("names them in the shop's primary language", async () => {
    const created = await control("/shops", {
      name: `Магазин ${Date.now()}`,
      handle: `ru-${Date.now()}`,
      locale: "ru",
      openApp: false,
    });
    shop = created.shop.domain;
    await installOfflineSession(shop, created.app.accessToken);
    await transaction(db, (tx) => ensureProgram(tx, shop, "RUB", true));
    await db.job.deleteMany();
    await save(ladder());
    await work();
    expect((await state()).segments.map((s) => s.name)).toEqual([
      "Laurel VIP: Бронза",
      "Laurel VIP: Серебро",
      "Laurel VIP: Золото",
    ]);
    expect((await automatic()).map((d) => d.title)).toEqual([
      "Скидка уровня «Серебро» — 3%",
      "Скидка уровня «Золото» — 5%",
      "Бесплатная доставка уровня «Золото»",
    ]);
  });
});

describe("members at checkout", () => {
  it("a member lifted to Gold by points gets the tag, the metafield's tier, and 5 % and free shipping with no code", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    const guest = await customer("bo@example.com");
    await earn(ana.memberId, 1000);
    await work();
    expect(await db.member.findUniqueOrThrow({ where: { id: ana.memberId } })).toMatchObject({ tierId: "gold" });
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-gold"]);
    expect(await memberMetafield(ana.gid)).toEqual({
      points: 1000,
      pending: 0,
      lifetimeEarned: 1000,
      lifetimeRedeemed: 0,
      tier: { id: "gold", name: { en: "Gold", ru: "Золото" } },
    });
    expect(await order(ana.id)).toEqual({
      discounts: ["Gold member discount — 5%", "Gold member free shipping"],
      total: "15.0",
    });
    // Not a member of Gold (Bronze asks for nothing and gives nothing), and a guest: no discount.
    expect(await order(guest.id)).toEqual({ discounts: [], total: "0.0" });
    expect(await order(null)).toEqual({ discounts: [], total: "0.0" });
  });

  it("a member not yet placed carries the free base tier in the metafield; points lift nobody on a spend ladder", async () => {
    await save(ladder({ metric: "spend" }));
    await work();
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 100_000);
    await work();
    expect(await db.member.findUniqueOrThrow({ where: { id: ana.memberId } })).toMatchObject({ tierId: null });
    // Not yet placed, she is on Bronze, which asks for nothing: the metafield says so.
    expect((await memberMetafield(ana.gid)).tier).toEqual({ id: "bronze", name: { en: "Bronze", ru: "Бронза" } });
  });

  it("a member's tag follows their tier: Silver's replaced by Gold's, other tags kept", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    await control(`/shops/${shop}/customers/${ana.id}`, { tags: ["wholesale"] }, "PATCH");
    await earn(ana.memberId, 600);
    await work();
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-silver", "wholesale"]);
    expect((await memberMetafield(ana.gid)).tier).toEqual({ id: "silver", name: { en: "Silver", ru: "Серебро" } });
    expect((await order(ana.id)).discounts).toEqual(["Silver member discount — 3%"]);
    await earn(ana.memberId, 400);
    await work();
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-gold", "wholesale"]);
    expect((await order(ana.id)).total).toBe("15.0");
  });

  it("a turn that runs out of time queues the members it did not reach", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    const bo = await customer("bo@example.com");
    await transaction(db, async (tx) => {
      for (const id of [ana.memberId, bo.memberId])
        await enqueue(tx, { shop, kind: SYNC_TIER, key: id, payload: { memberId: id } });
    });
    await runDueJobs({ [SYNC_TIER]: (s, jobs) => syncMemberTiers(s, jobs, new Date(), 0) });
    expect(await db.job.count({ where: { shop, kind: SYNC_TIER, status: "queued" } })).toBe(2);
    expect(await tagsOf(ana.gid)).toEqual([]);
    await work();
    // Neither has points: both are on Bronze, which asks for nothing.
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-bronze"]);
    expect(await tagsOf(bo.gid)).toEqual(["laurel-tier-bronze"]);
  });

  it("changing Gold to 7 % updates its discount in place", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 1000);
    await work();
    const before = (await automatic()).find((d) => d.title.startsWith("Gold member discount"))!;
    await save(ladder({}, { discountPercent: 7 }));
    await work();
    const after = (await automatic()).find((d) => d.title.startsWith("Gold member discount"))!;
    expect(after).toMatchObject({ gid: before.gid, title: "Gold member discount — 7%", value: { percentage: "0.07" } });
    expect(await order(ana.id)).toEqual({
      discounts: ["Gold member discount — 7%", "Gold member free shipping"],
      total: "17.0",
    });
  });

  it("a perk turned off loses its discount; the tier keeps its segment", async () => {
    await save(ladder());
    await work();
    await save(ladder({}, { freeShippingOver: null }));
    await work();
    expect((await automatic()).map((d) => d.title)).toEqual([
      "Silver member discount — 3%",
      "Gold member discount — 5%",
    ]);
    expect((await state()).segments).toHaveLength(3);
    expect(
      (await db.tierDiscount.findUniqueOrThrow({ where: { shop_tierId: { shop, tierId: "gold" } } }))
        .shippingDiscountId,
    ).toBeNull();
  });
});

describe("tiers leaving Shopify", () => {
  it("a tier removed from the ladder loses its discounts, segment and row, and its members their tag", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 600);
    await work();
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-silver"]);
    const withoutSilver = ladder();
    withoutSilver.tiers.splice(1, 1);
    await save(withoutSilver);
    await work();
    expect((await state()).segments.map((s) => s.name)).toEqual(["Laurel VIP: Bronze", "Laurel VIP: Gold"]);
    expect((await automatic()).map((d) => d.title)).toEqual(["Gold member discount — 5%", "Gold member free shipping"]);
    expect((await db.tierDiscount.findMany({ where: { shop } })).map((r) => r.tierId).sort()).toEqual([
      "bronze",
      "gold",
    ]);
    // Re-placed on the new ladder (600 points: Bronze) and tagged so.
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-bronze"]);
    expect((await order(ana.id)).discounts).toEqual([]);
  });

  it("tiers switched off remove every discount, segment and tier tag; switched on, they come back", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 1000);
    await work();
    await save(ladder({ enabled: false }));
    await work();
    expect(await automatic()).toEqual([]);
    expect((await state()).segments).toEqual([]);
    expect(await db.tierDiscount.count({ where: { shop } })).toBe(0);
    expect(await tagsOf(ana.gid)).toEqual([]);
    expect((await memberMetafield(ana.gid)).tier).toBeNull();
    expect((await order(ana.id)).discounts).toEqual([]);
    // Back on: Ana still holds Gold, so no tier change tags her; the new segment's sync does.
    await save(ladder());
    await work();
    expect(await tagsOf(ana.gid)).toEqual(["laurel-tier-gold"]);
    expect((await order(ana.id)).total).toBe("15.0");
  });
});

describe("the lease", () => {
  it("after an uninstall the discounts stop applying once 48 hours pass, with no call from Laurel", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 1000);
    await work();
    const now = Date.now();
    await control(`/shops/${shop}/uninstall`, {});
    await recordUninstall(db, shop);
    // Laurel leaves the shop alone: the scheduler passes it over, a queued sync does nothing.
    await renewTierDiscounts();
    expect(await queuedSyncs()).toBe(0);
    await expect(syncTierDiscounts(shop, [])).resolves.toBeUndefined();
    expect((await order(ana.id, new Date(now + 47 * HOUR))).total).toBe("15.0");
    expect(await order(ana.id, new Date(now + 48 * HOUR + 60_000))).toEqual({ discounts: [], total: "0.0" });
  });

  it("the scheduler renews the lease of an installed shop, pushing the end forward", async () => {
    await save(ladder());
    await work();
    const ana = await customer("ana@example.com");
    await earn(ana.memberId, 1000);
    await work();
    const start = Date.now();
    // Nothing is due yet: a sync sends nothing while the leases are fresh.
    const ends = (await automatic()).map((d) => d.endsAt);
    await renewTierDiscounts();
    expect(await queuedSyncs()).toBe(1);
    await work();
    expect((await automatic()).map((d) => d.endsAt)).toEqual(ends);
    // Thirteen hours on, less than 36 hours are left: the next run renews to 48 hours from then.
    await syncTierDiscounts(shop, [], new Date(start + 13 * HOUR));
    for (const d of await automatic()) {
      expect(new Date(d.endsAt!).getTime()).toBeGreaterThanOrEqual(start + 61 * HOUR);
    }
    expect((await order(ana.id, new Date(start + 55 * HOUR))).total).toBe("15.0");
  });
});

describe("what Shopify says", () => {
  it("a tier sent as it is, with a fresh lease, costs no call that could change anything", async () => {
    await save(ladder());
    await work();
    const faults = [
      "nodes",
      "segmentCreate",
      "segmentUpdate",
      "discountAutomaticBasicCreate",
      "discountAutomaticBasicUpdate",
    ];
    await control("/admin-faults", { faults: faults.map((field) => ({ field, mode: "server-error" })) }, "PUT");
    await expect(syncTierDiscounts(shop, [])).resolves.toBeUndefined();
  });

  it("user errors fail the job; the retry reuses what was made and makes nothing twice", async () => {
    await control(
      "/admin-faults",
      { faults: [{ field: "discountAutomaticFreeShippingCreate", mode: "user-error", times: 1 }] },
      "PUT",
    );
    await save(ladder());
    await expect(syncTierDiscounts(shop, [])).rejects.toThrow(/discountAutomaticFreeShippingCreate: Internal error/);
    const made = await automatic();
    expect(made.map((d) => d.title)).toEqual(["Silver member discount — 3%", "Gold member discount — 5%"]);
    await syncTierDiscounts(shop, []);
    const after = await automatic();
    expect(after.map((d) => d.title)).toEqual([
      "Silver member discount — 3%",
      "Gold member discount — 5%",
      "Gold member free shipping",
    ]);
    expect(after.slice(0, 2).map((d) => d.gid)).toEqual(made.map((d) => d.gid));
    expect((await state()).segments).toHaveLength(3);
  });

  it("a discount or segment deleted in Shopify is made again by the next sync", async () => {
    await save(ladder());
    await work();
    const gold = await db.tierDiscount.findUniqueOrThrow({ where: { shop_tierId: { shop, tierId: "gold" } } });
    await adminCall("mutation ($id: ID!) { discountAutomaticDelete(id: $id) { deletedAutomaticDiscountId } }", {
      id: gold.discountId,
    });
    const silver = await db.tierDiscount.findUniqueOrThrow({ where: { shop_tierId: { shop, tierId: "silver" } } });
    await adminCall("mutation ($id: ID!) { segmentDelete(id: $id) { deletedSegmentId } }", { id: silver.segmentId });
    // The lease is what brings the next look (or any change of the ladder).
    await syncTierDiscounts(shop, [], new Date(Date.now() + 13 * HOUR));
    const discounts = await automatic();
    expect(discounts.map((d) => d.title).sort()).toEqual([
      "Gold member discount — 5%",
      "Gold member free shipping",
      "Silver member discount — 3%",
    ]);
    const { segments } = await state();
    const silverSegment = segments.find((s) => s.name === "Laurel VIP: Silver")!;
    expect(silverSegment.gid).not.toBe(silver.segmentId);
    // Silver's discount was made anew for the new segment.
    expect(discounts.find((d) => d.title.startsWith("Silver"))!.segmentIds).toEqual([segmentNumber(silverSegment.gid)]);
    expect(discounts.some((d) => d.gid === gold.discountId)).toBe(false);
  });

  it("a segment name taken by the merchant gets a number; Laurel's own from a lost run is adopted", async () => {
    const create =
      "mutation ($name: String!, $query: String!) { segmentCreate(name: $name, query: $query) { segment { id } } }";
    await adminCall(create, { name: "Laurel VIP: Gold", query: "customer_tags CONTAINS 'gold'" });
    const lost = await adminCall(create, {
      name: "Laurel VIP: Silver",
      query: "customer_tags CONTAINS 'laurel-tier-silver'",
    });
    await save(ladder());
    await work();
    const { segments } = await state();
    expect(segments.map((s) => s.name)).toEqual([
      "Laurel VIP: Gold",
      "Laurel VIP: Silver",
      "Laurel VIP: Bronze",
      "Laurel VIP: Gold (2)",
    ]);
    const rows = await db.tierDiscount.findMany({ where: { shop } });
    expect(rows.find((r) => r.tierId === "silver")!.segmentId).toBe(lost.segmentCreate.segment.id);
    expect(JSON.parse(rows.find((r) => r.tierId === "gold")!.synced).segmentName).toBe("Laurel VIP: Gold (2)");
  });
});
