// The admin's first-run guide: three steps with sensible defaults — name the points and set the
// earn rate; pick the first rewards; turn the program on — then where to place the checkout and
// account blocks. Each step is one transaction with its audit entries; invalid input changes
// nothing. The program remembers when the merchant finished (Program.onboardedAt).
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { toDecimal } from "../loyalty/currency";
import { defaultEarnRules } from "../loyalty/program";
import type { RewardStatus } from "../loyalty/rewards";
import { loadProgram, rulesAt } from "../points/program.server";
import { listRewards, setRewardStatus } from "../rewards/catalog.server";
import type { MessageKey } from "../i18n/translate";
import { recordAudit } from "./audit.server";
import { parseEarnRate, type FormInput } from "./earn-forms";
import { PROGRAM_SUBJECT } from "./program-settings-form";
import {
  lockedProgram,
  newRulesVersion,
  statusOf,
  writeSettings,
  writeStatus,
  type ProgramStatus,
} from "./program-writes.server";

export type OnboardingErrors = Record<string, MessageKey>;
export type StepResult = { ok: true } | { ok: false; errors: OnboardingErrors };

export interface OnboardingPage {
  status: ProgramStatus;
  onboarded: boolean;
  currency: string;
  basics: { pointsNameEn: string; pointsNameRu: string; points: string; per: string };
  rewards: { id: string; title: { en: string; ru: string }; type: string; cost: number; chosen: boolean }[];
}

/** What the guide shows, or null when the shop has no program (not installed yet). */
export async function onboardingPage(shop: string, now = new Date()): Promise<OnboardingPage | null> {
  const [program, row] = await Promise.all([
    loadProgram(db, shop),
    db.program.findUnique({ where: { shop }, select: { onboardedAt: true } }),
  ]);
  if (!program || !row) return null;
  const rules = (await rulesAt(db, shop, now))?.rules ?? defaultEarnRules(program.currency);
  const rewards = await listRewards(db, shop, ["active", "paused"]);
  return {
    status: statusOf(program.status),
    onboarded: row.onboardedAt !== null,
    currency: program.currency,
    basics: {
      pointsNameEn: program.settings.pointsName.en,
      pointsNameRu: program.settings.pointsName.ru,
      points: String(rules.purchase.points),
      per: toDecimal(rules.purchase.per, program.currency),
    },
    rewards: rewards.map(({ id, reward, status }) => ({
      id,
      title: reward.title,
      type: reward.type,
      cost: reward.cost,
      chosen: status === "active",
    })),
  };
}

const name = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/** Step 1: the points' name in both languages and the earn rate (points for every amount spent). */
export async function saveBasics(shop: string, actor: string, input: FormInput, now = new Date()) {
  return transaction(db, async (tx): Promise<StepResult | null> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return null;
    const errors: OnboardingErrors = {};
    const pointsName = { en: name(input.pointsNameEn), ru: name(input.pointsNameRu) };
    if (pointsName.en.length < 1 || pointsName.en.length > 40) errors.pointsNameEn = "onboarding.error.pointsName";
    if (pointsName.ru.length < 1 || pointsName.ru.length > 40) errors.pointsNameRu = "onboarding.error.pointsName";
    const rate = parseEarnRate(input, program.currency);
    if (!rate.ok) Object.assign(errors, rate.errors);
    if (!rate.ok || Object.keys(errors).length > 0) return { ok: false, errors };

    const before = program.settings.pointsName;
    if (before.en !== pointsName.en || before.ru !== pointsName.ru) {
      await writeSettings(tx, shop, program.settings, { ...program.settings, pointsName });
      await recordAudit(tx, {
        shop,
        actor,
        action: "program.settings.update",
        subject: PROGRAM_SUBJECT,
        before: { pointsName: before },
        after: { pointsName },
      });
    }
    const rules = (await rulesAt(tx, shop, now))?.rules ?? defaultEarnRules(program.currency);
    const purchase = { ...rules.purchase, ...rate.value };
    if (purchase.points !== rules.purchase.points || purchase.per !== rules.purchase.per) {
      await newRulesVersion(tx, shop, { ...rules, purchase }, now);
      await recordAudit(tx, {
        shop,
        actor,
        action: "earn.purchase.update",
        subject: "purchase",
        before: rules.purchase,
        after: purchase,
      });
    }
    return { ok: true };
  });
}

/** Step 2: which of the catalog's rewards members can redeem (the others are paused, not lost). */
export async function chooseRewards(shop: string, actor: string, chosen: string[]) {
  return transaction(db, async (tx): Promise<StepResult | null> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return null;
    const rewards = await listRewards(tx, shop, ["active", "paused"]);
    const wanted = new Set(chosen);
    if (!rewards.some((r) => wanted.has(r.id))) return { ok: false, errors: { rewards: "onboarding.error.rewards" } };
    for (const { id, status } of rewards) {
      const next: RewardStatus = wanted.has(id) ? "active" : "paused";
      if (next === status) continue;
      await setRewardStatus(tx, shop, id, next);
      await recordAudit(tx, {
        shop,
        actor,
        action: next === "active" ? "reward.resume" : "reward.pause",
        subject: id,
        before: { status },
        after: { status: next },
      });
    }
    return { ok: true };
  });
}

/** Step 3: the program goes live (if it isn't already) and the guide is done. */
export async function finishOnboarding(shop: string, actor: string, now = new Date()) {
  return transaction(db, async (tx): Promise<StepResult | null> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return null;
    await writeStatus(tx, shop, actor, program.status, "live");
    if (program.onboardedAt === null) {
      await tx.program.update({ where: { shop }, data: { onboardedAt: now } });
      await recordAudit(tx, { shop, actor, action: "program.onboarded", subject: PROGRAM_SUBJECT });
    }
    return { ok: true };
  });
}
