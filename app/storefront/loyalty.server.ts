// GET /api/storefront/loyalty: everything an extension shows on first load, for one shopper.
import db, { sql } from "../db.server";
import type { Locale } from "../i18n/locale";
import { toMinor } from "../loyalty/currency";
import { expiryOf } from "../loyalty/expiry";
import { availability, type Discount } from "../loyalty/rewards";
import { programAndRules } from "../points/program.server";
import { listRewards } from "../rewards/catalog.server";
import type { LoyaltyResponse } from "./contract";
import { earnSummary } from "./earn-summary";
import { InvalidInput } from "./errors";
import { discountValue, localized, rewardValue } from "./views";

/** The answer, as the wire contract has it (tier and progress stay null until tiers exist). */
export type LoyaltyView = LoyaltyResponse;

const ACTIVE_CODES = 20;

interface MemberView {
  id: string;
  status: string;
  available: number;
  pending: number;
  lifetimeEarned: number;
  lastActivityAt: Date | null;
  birthday: string | null;
}

interface RedemptionView {
  rewardId: string;
  code: string;
  title: string;
  discount: string;
  endsAt: Date;
  usedAt: Date | null;
  status: string;
}

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
  // Plain reads on the pool, side by side: this answers every page view of every extension.
  const [{ program, rules }, rewards, [member]] = await Promise.all([
    programAndRules(db, shop, now),
    listRewards(db, shop, ["active"]),
    customerId
      ? sql(db).query<MemberView>(
          `SELECT "id", "status", "available", "pending", "lifetimeEarned", "lastActivityAt", "birthday" FROM "Member"
           WHERE "shop" = $1 AND "customerId" = $2`,
          [shop, customerId],
        )
      : [],
  ]);
  if (!program || !rules) return null;
  let subtotal: number | null = null;
  try {
    subtotal = options.subtotal === null ? null : toMinor(options.subtotal, program.currency);
  } catch (error) {
    throw new InvalidInput("subtotal", (error as Error).message);
  }
  const active = member?.status === "active" ? member : null;

  const [redemptions, movements] = active
    ? await Promise.all([
        sql(db).query<RedemptionView>(
          `SELECT "rewardId", "code", "title", "discount", "endsAt", "usedAt", "status" FROM "Redemption"
           WHERE "shop" = $1 AND "memberId" = $2 AND "status" IN ('holding', 'issued') AND "returnedAt" IS NULL
           ORDER BY "createdAt" DESC`,
          [shop, active.id],
        ),
        program.settings.expiry.kind === "fifo"
          ? sql(db).query<{ createdAt: Date; available: number }>(
              `SELECT "createdAt", "available" FROM "LedgerEntry"
               WHERE "shop" = $1 AND "memberId" = $2 AND "available" <> 0 ORDER BY "createdAt"`,
              [shop, active.id],
            )
          : [],
      ])
    : [[] as RedemptionView[], [] as { createdAt: Date; available: number }[]];

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
    },
    member: active && {
      balance: active.available,
      pending: active.pending,
      lifetimeEarned: active.lifetimeEarned,
      birthday: active.birthday,
      tier: null,
      nextTier: null,
      progress: null,
      expiring: expiring.map((e) => ({ points: e.points, at: e.at.toISOString() })),
    },
    rewards: rewards.map(({ id, status, reward }) => {
      const can = availability(reward, status, {
        balance: active?.available ?? 0,
        now,
        redeemedByMember: redemptions.filter((r) => r.rewardId === id).length,
        tierId: null,
        segmentIds: [],
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
