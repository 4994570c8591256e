// GET /api/storefront/loyalty: everything an extension shows on first load, for one shopper.
import { memberSegments } from "../segments/segments.server";
import db, { sql } from "../db.server";
import type { Locale } from "../i18n/locale";
import { toMinor } from "../loyalty/currency";
import { expiryOf } from "../loyalty/expiry";
import { availability, type Discount } from "../loyalty/rewards";
import { effectiveTier } from "../loyalty/tiers";
import { currentValue } from "../tiers/members.server";
import type { LoyaltyResponse } from "./contract";
import { earnSummary } from "./earn-summary";
import { firstReads } from "./first-reads.server";
import { InvalidInput } from "./errors";
import { discountValue, ladderView, localized, memberTierView, rewardValue } from "./views";

/** The answer, as the wire contract has it (tiers, tier and progress null while the shop has no tiers on). */
export type LoyaltyView = LoyaltyResponse;

const ACTIVE_CODES = 20;

/** Why a reward can't be redeemed; a guest's first reason is that they are not a member. */
function reasonFor(reason: string | null, member: boolean): { reason?: string } {
  if (!member && (reason === null || reason === "insufficient_points")) return { reason: "not_a_member" };
  return reason ? { reason } : {};
}

export async function loyaltyView(
  shop: string,
  customerId: string | null,
  locale: Locale,
  /** The cart's subtotal (a decimal in the shop's currency), when checkout asks. */
  options: { subtotal: string | null; now?: Date },
): Promise<LoyaltyView | null> {
  const now = options.now ?? new Date();
  // The first reads are one statement on PostgreSQL (first-reads.server.ts). Expiry FIFO and
  // tiers add one more round: the member's dated points and their qualifying value.
  const read = await firstReads(shop, customerId, now);
  if (!read?.program || !read.rules) return null;
  const { program, rules, ladder, rewards, member, codes: redemptions } = read;
  let subtotal: number | null = null;
  try {
    subtotal = options.subtotal === null ? null : toMinor(options.subtotal, program.currency);
  } catch (error) {
    throw new InvalidInput("subtotal", (error as Error).message);
  }
  const active = member?.status === "active" ? member : null;

  const [movements, tierValue] = active
    ? await Promise.all([
        program.settings.expiry.kind === "fifo"
          ? sql(db).query<{ createdAt: Date; available: number }>(
              `SELECT "createdAt", "available" FROM "LedgerEntry"
               WHERE "shop" = $1 AND "memberId" = $2 AND "available" <> 0 ORDER BY "createdAt"`,
              [shop, active.id],
            )
          : [],
        ladder?.enabled ? currentValue(db, ladder, { id: active.id, shop }, now) : 0,
      ])
    : [[] as { createdAt: Date; available: number }[], 0];
  // The tier the member holds for every purpose (rewards limited to tiers included), and their
  // segments when a reward is limited to some.
  const tierId = active ? (effectiveTier(ladder, active.tierId)?.id ?? null) : null;
  const segmentIds =
    active && rewards.some(({ reward }) => reward.segmentIds !== null)
      ? await memberSegments(db, shop, active.id, now)
      : [];

  const expiring = active
    ? expiryOf(
        program.settings.expiry,
        movements.map((m) => ({ at: m.createdAt, available: m.available })),
        active.available,
        active.lastActivityAt,
        now,
      ).upcoming
    : [];

  return {
    program: {
      pointsName: program.settings.pointsName[locale],
      currency: program.currency,
      earnRulesSummary: earnSummary(rules.rules, program.settings, program.currency, locale, now),
      ...ladderView(ladder, locale, program.currency),
    },
    member: active && {
      balance: active.available,
      pending: active.pending,
      lifetimeEarned: active.lifetimeEarned,
      birthday: active.birthday,
      ...memberTierView(ladder, active.tierId, tierValue, locale, program.currency),
      expiring: expiring.map((e) => ({ points: e.points, at: e.at.toISOString() })),
    },
    rewards: rewards.map(({ id, status, reward }) => {
      const can = availability(reward, status, {
        balance: active?.available ?? 0,
        now,
        redeemedByMember: redemptions.filter((r) => r.rewardId === id).length,
        tierId,
        segmentIds,
        subtotal,
      });
      return {
        id,
        title: localized(reward.title, locale),
        type: reward.type,
        cost: reward.cost,
        value: rewardValue(reward, program.currency),
        affordable: can.affordable,
        redeemable: active !== null && can.redeemable,
        ...reasonFor(can.reason, active !== null),
        shortBy: can.shortBy,
      };
    }),
    codes: redemptions
      .filter((r) => r.status === "issued" && (r.usedAt !== null || r.endsAt > now))
      .slice(0, ACTIVE_CODES)
      .map((r) => ({
        code: r.code,
        title: localized(JSON.parse(r.title), locale),
        value: discountValue(JSON.parse(r.discount) as Discount, program.currency),
        endsAt: r.endsAt.toISOString(),
        used: r.usedAt !== null,
      })),
  };
}
