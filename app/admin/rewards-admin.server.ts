// The rewards pages of the admin: the catalog with how many codes each reward has issued and how
// many were used, and every change a merchant makes to it. Each change, its audit entry and the
// catalog's publication to Shopify are one transaction.
import { offeredSegments } from "../segments/segments.server";
import db, { sql } from "../db.server";
import { transaction } from "../db/sql.server";
import { REWARD_STATUSES, type RewardStatus } from "../loyalty/rewards";
import { loadProgram } from "../points/program.server";
import {
  createReward,
  listRewards,
  loadReward,
  moveReward,
  setRewardStatus,
  updateReward,
  type StoredReward,
} from "../rewards/catalog.server";
import { recordAudit } from "./audit.server";
import type { RewardRow, StatusFilter } from "./reward-views";
import {
  parseRewardForm,
  postedRewardForm,
  rewardFormValues,
  type FieldErrors,
  type RewardFormValues,
} from "./reward-form";

/** The shop's currency: money in forms is written in it. Every installed shop has a program. */
async function currencyOf(shop: string) {
  const program = await loadProgram(db, shop);
  if (!program) throw new Error(`${shop} has no program`);
  return program.currency;
}

export async function rewardsList(shop: string, filter: StatusFilter) {
  const statuses = filter === "all" ? [...REWARD_STATUSES] : [filter];
  const [rewards, byStatus, codes] = await Promise.all([
    listRewards(db, shop, statuses),
    db.reward.groupBy({ by: ["status"], where: { shop }, _count: { _all: true } }),
    // Codes made (issued); a code counts as used once an order used it.
    sql(db).query<{ rewardId: string; issued: number; used: number }>(
      `SELECT "rewardId", COUNT(*) AS "issued", COUNT("usedAt") AS "used" FROM "Redemption"
       WHERE "shop" = $1 AND "status" = 'issued' GROUP BY "rewardId"`,
      [shop],
    ),
  ]);
  const byReward = new Map(codes.map((row) => [row.rewardId, row]));
  const countOf = (status: RewardStatus) => byStatus.find((c) => c.status === status)?._count._all ?? 0;
  const rows: RewardRow[] = rewards.map(({ id, status, reward }) => ({
    id,
    title: reward.title,
    type: reward.type,
    cost: reward.cost,
    status,
    issued: Number(byReward.get(id)?.issued ?? 0),
    used: Number(byReward.get(id)?.used ?? 0),
  }));
  const counts: Record<StatusFilter, number> = {
    all: REWARD_STATUSES.reduce((sum, status) => sum + countOf(status), 0),
    active: countOf("active"),
    paused: countOf("paused"),
    archived: countOf("archived"),
  };
  return { filter, rows, counts };
}

// Every function below answers null when the shop has no reward of that id (another shop's
// included), having changed nothing; routes answer 404.

/** A reward as the edit form shows it. */
export async function rewardEditor(shop: string, id: string) {
  const [stored, currency] = await Promise.all([loadReward(db, shop, id), currencyOf(shop)]);
  if (!stored) return null;
  return {
    id,
    status: stored.status,
    currency,
    values: rewardFormValues(stored.reward, currency),
    segments: await offeredSegments(db, shop),
  };
}

export async function newRewardEditor(shop: string) {
  return { currency: await currencyOf(shop), segments: await offeredSegments(db, shop) };
}

/** A refused form comes back with its values, to show again beside the errors. */
export type SaveResult = { ok: true; id: string } | { ok: false; errors: FieldErrors; values: RewardFormValues };

/** Creates a reward (id null) or replaces one from the form; invalid input changes nothing. */
export async function saveReward(
  shop: string,
  actor: string,
  id: string | null,
  form: { get(name: string): unknown },
): Promise<SaveResult | null> {
  const currency = await currencyOf(shop);
  const existing = id === null ? null : await loadReward(db, shop, id);
  if (id !== null && !existing) return null;
  const offered = (await offeredSegments(db, shop)).map((s) => s.id);
  const parsed = parseRewardForm(form, currency, existing?.reward ?? { tierIds: null, segmentIds: null }, offered);
  if (!parsed.ok) return { ...parsed, values: postedRewardForm(form) };
  return transaction(db, async (tx): Promise<SaveResult | null> => {
    if (id === null) {
      const created = await createReward(tx, shop, parsed.reward);
      await recordAudit(tx, { shop, actor, action: "reward.create", subject: created.id, after: audited(created) });
      return { ok: true, id: created.id };
    }
    // Read again inside the transaction, so `before` is what this change replaced.
    const before = await loadReward(tx, shop, id);
    const after = before && (await updateReward(tx, shop, id, parsed.reward));
    if (!before || !after) return null;
    await recordAudit(tx, {
      shop,
      actor,
      action: "reward.update",
      subject: id,
      before: audited(before),
      after: audited(after),
    });
    return { ok: true, id };
  });
}

const audited = ({ status, reward }: StoredReward) => ({ status, reward });

export const STATUS_CHANGES = {
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused", "archived"], to: "active" },
  archive: { from: ["active", "paused"], to: "archived" },
} as const satisfies Record<string, { from: RewardStatus[]; to: RewardStatus }>;
export type StatusChange = keyof typeof STATUS_CHANGES;

/** Pauses, resumes or archives a reward; false when its status doesn't allow that change. */
export async function changeRewardStatus(shop: string, actor: string, id: string, change: StatusChange) {
  const { from, to } = STATUS_CHANGES[change];
  return transaction(db, async (tx) => {
    const before = await loadReward(tx, shop, id);
    if (!before) return null;
    if (!(from as readonly RewardStatus[]).includes(before.status)) return false;
    await setRewardStatus(tx, shop, id, to);
    await recordAudit(tx, {
      shop,
      actor,
      action: `reward.${change}`,
      subject: id,
      before: { status: before.status },
      after: { status: to },
    });
    return true;
  });
}

/** Moves a reward one place in the order members see; false when it can't go further. */
export async function moveRewardInCatalog(shop: string, actor: string, id: string, direction: "up" | "down") {
  return transaction(db, async (tx) => {
    const before = await loadReward(tx, shop, id);
    if (!before) return null;
    const moved = await moveReward(tx, shop, id, direction);
    if (!moved) return false;
    const after = await loadReward(tx, shop, id);
    await recordAudit(tx, {
      shop,
      actor,
      action: "reward.reorder",
      subject: id,
      before: { position: before.position },
      after: { position: after!.position },
    });
    return true;
  });
}

export const REWARD_COMMANDS = ["pause", "resume", "archive", "up", "down"] as const;
export type RewardCommand = (typeof REWARD_COMMANDS)[number];

/**
 * A list or edit page's button: a status change or a move. Answers how it went as an HTTP status
 * (400 unknown command, 404 no such reward, 409 not possible now) with a message key.
 */
export async function runRewardCommand(
  shop: string,
  actor: string,
  id: string,
  command: string,
): Promise<{ status: 200 | 400 | 404 | 409; error?: "rewards.error.status" }> {
  const known = REWARD_COMMANDS.find((c) => c === command);
  if (!known || id === "") return { status: 400 };
  if (known === "up" || known === "down") {
    // Already first or last: nothing to do, and nothing wrong either.
    return (await moveRewardInCatalog(shop, actor, id, known)) === null ? { status: 404 } : { status: 200 };
  }
  const done = await changeRewardStatus(shop, actor, id, known);
  if (done === null) return { status: 404 };
  return done ? { status: 200 } : { status: 409, error: "rewards.error.status" };
}
