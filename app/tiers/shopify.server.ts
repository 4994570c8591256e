// VIP tiers in Shopify, without Shopify Functions (decision 009). Each tier of an enabled ladder
// has a customer segment selecting the customers Laurel tagged `laurel-tier-<id>`, and automatic
// discounts limited to that segment: its percentage off every order and its free shipping. The
// worker brings Shopify in line with the ladder (SYNC_TIER_DISCOUNTS, queued by every ladder save
// and by the scheduler) and each member's tag in line with their tier (SYNC_TIER, queued when a
// member's tier changes). A member at checkout gets their tier's discounts with no code.
//
// Uninstall: Shopify revokes Laurel's token before app/uninstalled arrives, so Laurel cannot
// delete anything then. Every tier discount therefore ends 48 hours after Laurel last renewed it,
// and the scheduler renews the leases of installed shops every 6 hours (renewTierDiscounts): once
// a shop uninstalls, its tier discounts lapse by themselves within 48 hours. A reinstall renews
// them on the next run. (Segments stay: they only select customers by a tag, and give nothing.)
import db, { sql } from "../db.server";
import { transaction } from "../db/sql.server";
import { enqueue, enqueueStatement, type ClaimedJob } from "../jobs/queue.server";
import {
  discountInput,
  LEASE_MS,
  needsSync,
  parseSynced,
  sameQuery,
  shippingInput,
  shippingNeedsReplacing,
  tagChanges,
  tierSpecs,
  wantedTag,
  type Synced,
  type TierIds,
  type TierSpec,
} from "../loyalty/tier-discounts";
import type { Ladder } from "../loyalty/tiers";
import { SYNC_MEMBER } from "../points/ledger.server";
import { unauthenticated } from "../shopify.server";
import { loadLadder, SYNC_TIER, SYNC_TIER_DISCOUNTS } from "./ladder.server";
import { TierShopify } from "./shopify-api.server";

export { SYNC_TIER, SYNC_TIER_DISCOUNTS };

/** Whether Laurel can still call Shopify for the shop (no Shop row: never recorded, assume so). */
async function installed(shop: string): Promise<boolean> {
  const row = await db.shop.findUnique({ where: { domain: shop }, select: { uninstalledAt: true } });
  return !row?.uninstalledAt;
}

type TierRow = TierIds & { tierId: string; synced: string };

const saveRow = (shop: string, tierId: string, data: Partial<TierIds> & { synced?: string }) =>
  db.tierDiscount.upsert({
    where: { shop_tierId: { shop, tierId } },
    create: { shop, tierId, ...data },
    update: data,
  });

/**
 * Brings one tier's segment and discounts in line with its spec, renewing the discounts' lease.
 * Every id is recorded as soon as Shopify makes the object, so a crash leaves nothing unknown to
 * Laurel but for that instant (and a discount made then still lapses with its lease). Answers
 * what the tier's members need: their tags when its segment is new, their metafields when it was
 * renamed.
 */
async function syncTier(
  shopify: TierShopify,
  shop: string,
  spec: TierSpec,
  row: TierRow | null,
  synced: Synced | null,
  now: Date,
): Promise<{ newSegment: boolean; renamed: boolean }> {
  const ids: TierIds = {
    segmentId: row?.segmentId ?? null,
    discountId: row?.discountId ?? null,
    shippingDiscountId: row?.shippingDiscountId ?? null,
  };
  const present = await shopify.existing([ids.segmentId, ids.discountId, ids.shippingDiscountId]);
  const there = (id: string | null): id is string => id !== null && present.has(id);
  const endsAt = new Date(now.getTime() + LEASE_MS);

  let name = synced?.segmentName ?? spec.segment.name;
  const newSegment = !there(ids.segmentId);
  if (newSegment) {
    const segment = await shopify.createSegment(spec.segment);
    ids.segmentId = segment.id;
    name = segment.name;
    await saveRow(shop, spec.tierId, { segmentId: segment.id });
  } else if (
    !synced ||
    synced.spec.segment.name !== spec.segment.name ||
    !sameQuery(synced.spec.segment.query, spec.segment.query)
  ) {
    name = await shopify.updateSegment(ids.segmentId!, spec.segment);
  }
  // A discount is limited to its segment when it is made; one made for a segment that is gone is
  // replaced rather than pointed elsewhere.
  const creation = { segmentId: ids.segmentId!, startsAt: now };

  if (spec.discount) {
    if (there(ids.discountId) && !newSegment) {
      await shopify.updateDiscount(ids.discountId, discountInput(spec.discount, endsAt, null));
    } else {
      if (there(ids.discountId)) await shopify.deleteDiscount(ids.discountId);
      ids.discountId = await shopify.createDiscount(discountInput(spec.discount, endsAt, creation));
      await saveRow(shop, spec.tierId, { discountId: ids.discountId });
    }
  } else if (ids.discountId !== null) {
    if (there(ids.discountId)) await shopify.deleteDiscount(ids.discountId);
    ids.discountId = null;
    await saveRow(shop, spec.tierId, { discountId: null });
  }

  if (spec.shipping) {
    const replace = newSegment || shippingNeedsReplacing(synced?.spec.shipping, spec.shipping);
    if (there(ids.shippingDiscountId) && !replace) {
      await shopify.updateShipping(ids.shippingDiscountId, shippingInput(spec.shipping, endsAt, null));
    } else {
      if (there(ids.shippingDiscountId)) await shopify.deleteDiscount(ids.shippingDiscountId);
      ids.shippingDiscountId = await shopify.createShipping(shippingInput(spec.shipping, endsAt, creation));
      await saveRow(shop, spec.tierId, { shippingDiscountId: ids.shippingDiscountId });
    }
  } else if (ids.shippingDiscountId !== null) {
    if (there(ids.shippingDiscountId)) await shopify.deleteDiscount(ids.shippingDiscountId);
    ids.shippingDiscountId = null;
    await saveRow(shop, spec.tierId, { shippingDiscountId: null });
  }

  const sent: Synced = { spec, segmentName: name, endsAt: endsAt.toISOString() };
  await saveRow(shop, spec.tierId, { synced: JSON.stringify(sent) });
  return { newSegment, renamed: synced !== null && JSON.stringify(synced.spec.names) !== JSON.stringify(spec.names) };
}

/** A tier gone from the ladder (or tiers off): its discounts, then its segment, then its row. */
async function removeTier(shopify: TierShopify, shop: string, row: TierRow): Promise<void> {
  const present = await shopify.existing([row.segmentId, row.discountId, row.shippingDiscountId]);
  for (const id of [row.discountId, row.shippingDiscountId]) {
    if (id !== null && present.has(id)) await shopify.deleteDiscount(id);
  }
  await saveRow(shop, row.tierId, { discountId: null, shippingDiscountId: null });
  if (row.segmentId !== null && present.has(row.segmentId)) await shopify.deleteSegment(row.segmentId);
  await db.tierDiscount.delete({ where: { shop_tierId: { shop, tierId: row.tierId } } });
}

const PAGE = 200;

type MemberWhere = NonNullable<Parameters<typeof db.member.findMany>[0]>["where"];

/** Queues jobs of these kinds for the shop's active members matching `where`, a page at a time. */
async function queueMembers(shop: string, where: MemberWhere, kinds: string[], now: Date) {
  let after = "";
  for (;;) {
    const page = await db.member.findMany({
      where: { AND: [{ shop, status: "active", id: { gt: after } }, where ?? {}] },
      select: { id: true },
      orderBy: { id: "asc" },
      take: PAGE,
    });
    if (page.length === 0) return;
    const jobs = page.flatMap((m) => kinds.map((kind) => ({ shop, kind, key: m.id, payload: { memberId: m.id } })));
    await transaction(db, (tx) => sql(tx).batch(jobs.map((job) => enqueueStatement(job, now))));
    after = page.at(-1)!.id;
  }
}

/** The members whose effective tier is one of these: holders, and the unplaced on a free base tier. */
function holdersOf(ladder: Ladder, tierIds: string[]): MemberWhere {
  const base = ladder.tiers[0]!;
  const unplaced = base.threshold === 0 && tierIds.includes(base.id);
  return { OR: [{ tierId: { in: tierIds } }, ...(unplaced ? [{ tierId: null }] : [])] };
}

/**
 * After tiers changed in Shopify, the members they concern: tags and metafields for a tier that
 * just got its segment (a ladder switched back on keeps members' tiers, so no tier change would
 * tag them) or left Shopify (every member when tiers are off); metafields for a renamed tier.
 * Members who move tier are queued by their move too; the queue keeps one job each.
 */
async function refreshMembers(
  shop: string,
  ladder: Ladder | null,
  change: { appeared: string[]; gone: string[]; renamed: string[] },
  now: Date,
) {
  const both = [SYNC_TIER, SYNC_MEMBER];
  if (!ladder?.enabled) {
    if (change.gone.length > 0) await queueMembers(shop, {}, both, now);
    return;
  }
  const retag = [...change.appeared, ...change.gone];
  if (retag.length > 0) await queueMembers(shop, holdersOf(ladder, retag), both, now);
  const renamed = change.renamed.filter((id) => !retag.includes(id));
  if (renamed.length > 0) await queueMembers(shop, holdersOf(ladder, renamed), [SYNC_MEMBER], now);
}

/**
 * The worker's handler for SYNC_TIER_DISCOUNTS (one job per shop): each tier of an enabled ladder
 * gets its segment and discounts, made, changed or renewed as needed (a tier sent as it is, with
 * its lease fresh, costs no call); tiers no longer on the ladder, or all of them when tiers are
 * off, lose theirs. Shopify's user errors fail the job, and the worker retries it.
 */
export async function syncTierDiscounts(shop: string, _jobs: ClaimedJob[] = [], now = new Date()): Promise<void> {
  // After an uninstall Laurel's token is revoked: nothing to do, the leases lapse on their own.
  if (!(await installed(shop))) return;
  const ladder = await loadLadder(db, shop);
  const rows: TierRow[] = await db.tierDiscount.findMany({ where: { shop } });
  if (!ladder?.enabled && rows.length === 0) return;
  const shopify = new TierShopify((await unauthenticated.admin(shop)).admin);
  let specs: TierSpec[] = [];
  if (ladder?.enabled) {
    const program = await db.program.findUnique({ where: { shop }, select: { currency: true } });
    if (!program) throw new Error(`tier discounts: ${shop} has no program (no currency)`);
    specs = tierSpecs(ladder, program.currency, await shopify.language());
  }
  const change = { appeared: [] as string[], gone: [] as string[], renamed: [] as string[] };
  for (const spec of specs) {
    const row = rows.find((r) => r.tierId === spec.tierId) ?? null;
    const synced = parseSynced(row?.synced);
    if (!needsSync(spec, row, synced, now)) continue;
    const { newSegment, renamed } = await syncTier(shopify, shop, spec, row, synced, now);
    if (newSegment) change.appeared.push(spec.tierId);
    if (renamed) change.renamed.push(spec.tierId);
  }
  for (const row of rows.filter((r) => !specs.some((s) => s.tierId === r.tierId))) {
    await removeTier(shopify, shop, row);
    change.gone.push(row.tierId);
  }
  await refreshMembers(shop, ladder, change, now);
}

/**
 * Scheduled (every 6 hours): queues SYNC_TIER_DISCOUNTS for every installed shop with tiers or
 * tier discounts, which renews the leases running low. An uninstalled shop is left out, so its
 * discounts lapse.
 */
export async function renewTierDiscounts(now = new Date()): Promise<number> {
  const ladders = await db.tierLadder.findMany({ select: { shop: true } });
  const discounts = await db.tierDiscount.findMany({ select: { shop: true }, distinct: ["shop"] });
  const shops = [...new Set([...ladders, ...discounts].map((r) => r.shop))];
  if (shops.length === 0) return 0;
  const live = await db.shop.findMany({
    where: { domain: { in: shops }, uninstalledAt: null },
    select: { domain: true },
  });
  for (const { domain } of live) {
    await transaction(db, (tx) =>
      enqueue(tx, { shop: domain, kind: SYNC_TIER_DISCOUNTS, key: domain, payload: {} }, now),
    );
  }
  return live.length;
}

/** Customers whose tags one Admin read covers. */
const TAG_READ = 50;
/** One worker turn tags members for this long, then queues the rest (well inside the job lease). */
export const TAG_TURN_MS = 20_000;

/**
 * The worker's handler for SYNC_TIER (one job per member): each member's customer ends with
 * exactly their effective tier's tag — every other `laurel-tier-*` tag removed, including those of
 * tiers gone from the ladder — or none while tiers are off. Tags are read first, so a member
 * already right costs no write. Redacted members have no customer to tag.
 */
export async function syncMemberTiers(
  shop: string,
  jobs: ClaimedJob[],
  now = new Date(),
  turnMs = TAG_TURN_MS,
): Promise<void> {
  if (!(await installed(shop))) return;
  const members = await db.member.findMany({
    where: { shop, id: { in: jobs.map((j) => j.key) }, customerId: { startsWith: "gid://shopify/Customer/" } },
    select: { id: true, customerId: true, status: true, tierId: true },
    orderBy: { id: "asc" },
  });
  if (members.length === 0) return;
  const ladder = await loadLadder(db, shop);
  const shopify = new TierShopify((await unauthenticated.admin(shop)).admin);
  const started = Date.now();
  for (let i = 0; i < members.length; i += TAG_READ) {
    if (Date.now() - started >= turnMs) {
      const rest = members.slice(i);
      await transaction(db, (tx) =>
        sql(tx).batch(
          rest.map((m) => enqueueStatement({ shop, kind: SYNC_TIER, key: m.id, payload: { memberId: m.id } }, now)),
        ),
      );
      return;
    }
    const chunk = members.slice(i, i + TAG_READ);
    const tags = await shopify.customerTags(chunk.map((m) => m.customerId));
    for (const member of chunk) {
      const current = tags.get(member.customerId);
      if (current === undefined) continue; // the customer is gone from Shopify
      const wanted = member.status === "active" ? wantedTag(ladder, member.tierId) : null;
      await shopify.changeTags(member.customerId, tagChanges(current, wanted));
    }
  }
}
