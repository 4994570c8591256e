// Earn rules and actions as the merchant edits them: the purchase rule, product bonuses,
// campaigns (in the versioned earn rules) and the points for actions (in the program's
// settings). Each save is one transaction: the shop's program row locked, the input checked,
// a NEW rules version active from now when the rules change (earlier versions stay as they
// were: an order is judged by the rules in force when it was placed), and the audit entry.
// Invalid input writes nothing and comes back as a message key per field.
import { offeredSegments } from "../segments/segments.server";
import { randomUUID } from "node:crypto";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import type { Campaign, CampaignStatus, EarnRules, ProductBonus } from "../loyalty/earn";
import { defaultEarnRules, earnRulesSchema, programSettingsSchema, type ProgramSettings } from "../loyalty/program";
import { loadProgram, rulesAt } from "../points/program.server";
import { recordAudit } from "./audit.server";
import type { EarnSource } from "./earn-view";
import { lockedProgram, newRulesVersion, writeSettings } from "./program-writes.server";
import {
  actionIdFor,
  parseActionPoints,
  parseBonus,
  parseCampaign,
  parseCustomAction,
  parsePurchase,
  type FieldErrors,
  type FormInput,
} from "./earn-forms";

export type SaveResult =
  { ok: true; changed: boolean; id?: string; version?: number } | { ok: false; status: 422 | 404; errors: FieldErrors };

/** What the earn pages show: the source `earnOverview` (earn-view.ts) shapes for the forms. */
export type EarnPage = EarnSource;

type Refused = Extract<SaveResult, { ok: false }>;
const invalid = (errors: FieldErrors): Refused => ({ ok: false, status: 422, errors });
const notFound: Refused = { ok: false, status: 404, errors: { form: "earn.error.notFound" } };

/** What the earn page shows, or null when the shop has no program. */
export async function earnPage(shop: string, now = new Date()): Promise<EarnPage | null> {
  const program = await loadProgram(db, shop);
  if (!program) return null;
  const inForce = await rulesAt(db, shop, now);
  return {
    currency: program.currency,
    pointsName: program.settings.pointsName,
    version: inForce?.version ?? null,
    rules: inForce?.rules ?? defaultEarnRules(program.currency),
    actions: program.settings.actions,
    customActions: program.settings.customActions,
  };
}

interface Audit {
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
}

type Edit<T> = { ok: true; value: T; audit: Audit; id?: string } | Refused;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Applies `edit` to the rules in force now and, when they change, writes them as a new version
 * active from `now`, with its audit entry, in one transaction.
 */
function changeRules(
  shop: string,
  actor: string,
  now: Date,
  edit: (rules: EarnRules, currency: string) => Edit<EarnRules>,
): Promise<SaveResult> {
  return transaction(db, async (tx): Promise<SaveResult> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return notFound;
    const inForce = (await rulesAt(tx, shop, now))?.rules ?? defaultEarnRules(program.currency);
    const edited = edit(inForce, program.currency);
    if (!edited.ok) return edited;
    // Checked as every reader will parse it; a rule that fails here is a bug, not bad input.
    const rules = earnRulesSchema.parse(edited.value);
    if (same(rules, earnRulesSchema.parse(inForce))) return { ok: true, changed: false, id: edited.id };
    const version = await newRulesVersion(tx, shop, rules, now);
    await recordAudit(tx, { shop, actor, ...edited.audit });
    return { ok: true, changed: true, id: edited.id, version };
  });
}

/** Applies `edit` to the program's settings and saves them with the audit entry, in one transaction. */
function changeSettings(
  shop: string,
  actor: string,
  edit: (settings: ProgramSettings) => Edit<ProgramSettings>,
): Promise<SaveResult> {
  return transaction(db, async (tx): Promise<SaveResult> => {
    const program = await lockedProgram(tx, shop);
    if (!program) return notFound;
    const edited = edit(program.settings);
    if (!edited.ok) return edited;
    const settings = programSettingsSchema.parse(edited.value);
    if (same(settings, program.settings)) return { ok: true, changed: false, id: edited.id };
    await writeSettings(tx, shop, program.settings, settings);
    await recordAudit(tx, { shop, actor, ...edited.audit });
    return { ok: true, changed: true, id: edited.id };
  });
}

/** An id no other bonus or campaign of the rules has (ledger keys name campaigns by id). */
function newId(prefix: string, rules: EarnRules): string {
  const taken = new Set([...rules.bonuses.map((b) => b.id), ...rules.campaigns.map((c) => c.id)]);
  for (;;) {
    const id = `${prefix}-${randomUUID().slice(0, 8)}`;
    if (!taken.has(id)) return id;
  }
}

// --- The purchase rule -------------------------------------------------------------------------

/** Saves the purchase rule; rounding stays as it is (the program settings page owns it). */
export function savePurchaseRule(shop: string, actor: string, input: FormInput, now = new Date()) {
  return changeRules(shop, actor, now, (rules, currency) => {
    const parsed = parsePurchase(input, currency);
    if (!parsed.ok) return invalid(parsed.errors);
    const purchase = { ...rules.purchase, ...parsed.value };
    return {
      ok: true,
      value: { ...rules, purchase },
      audit: { action: "earn.purchase.update", subject: "purchase", before: rules.purchase, after: purchase },
    };
  });
}

// --- Product, collection and tag bonuses ---------------------------------------------------------

/** Adds a bonus (`id` null) or changes one. */
export function saveBonus(shop: string, actor: string, id: string | null, input: FormInput, now = new Date()) {
  const parsed = parseBonus(input);
  if (!parsed.ok) return Promise.resolve(invalid(parsed.errors));
  return changeRules(shop, actor, now, (rules) => {
    const before = id === null ? null : rules.bonuses.find((b) => b.id === id);
    if (before === undefined) return notFound;
    const bonus: ProductBonus = { id: before?.id ?? newId("bonus", rules), ...parsed.value };
    const bonuses = before ? rules.bonuses.map((b) => (b.id === before.id ? bonus : b)) : [...rules.bonuses, bonus];
    return {
      ok: true,
      id: bonus.id,
      value: { ...rules, bonuses },
      audit: {
        action: before ? "earn.bonus.update" : "earn.bonus.create",
        subject: `bonus:${bonus.id}`,
        before,
        after: bonus,
      },
    };
  });
}

export function removeBonus(shop: string, actor: string, id: string, now = new Date()) {
  return changeRules(shop, actor, now, (rules) => {
    const before = rules.bonuses.find((b) => b.id === id);
    if (!before) return notFound;
    return {
      ok: true,
      id,
      value: { ...rules, bonuses: rules.bonuses.filter((b) => b.id !== id) },
      audit: { action: "earn.bonus.delete", subject: `bonus:${id}`, before, after: null },
    };
  });
}

// --- Campaigns -----------------------------------------------------------------------------------

/** Adds a campaign (`id` null, active) or changes one; archived campaigns stay as they ended. */
export async function saveCampaign(shop: string, actor: string, id: string | null, input: FormInput, now = new Date()) {
  const offered = (await offeredSegments(db, shop)).map((s) => s.id);
  const parsed = parseCampaign(input, offered);
  if (!parsed.ok) return invalid(parsed.errors);
  return changeRules(shop, actor, now, (rules) => {
    const before = id === null ? null : rules.campaigns.find((c) => c.id === id);
    if (before === undefined) return notFound;
    if (before?.status === "archived") return invalid({ form: "earn.error.archived" });
    const campaign: Campaign = {
      id: before?.id ?? newId("campaign", rules),
      ...parsed.value,
      // The form's segment choice when it posted one (a tier is chosen as its segment, tier:<id>);
      // otherwise the campaign keeps what it has.
      segmentIds: parsed.value.segmentIds === undefined ? (before?.segmentIds ?? null) : parsed.value.segmentIds,
      tierIds: before?.tierIds ?? null,
      status: before?.status ?? "active",
    };
    const campaigns = before
      ? rules.campaigns.map((c) => (c.id === before.id ? campaign : c))
      : [...rules.campaigns, campaign];
    return {
      ok: true,
      id: campaign.id,
      value: { ...rules, campaigns },
      audit: {
        action: before ? "earn.campaign.update" : "earn.campaign.create",
        subject: `campaign:${campaign.id}`,
        before,
        after: campaign,
      },
    };
  });
}

/** What each status change may start from: archiving is final (its orders' keys name it). */
const TRANSITIONS: Record<"pause" | "resume" | "archive", { from: CampaignStatus[]; to: CampaignStatus }> = {
  pause: { from: ["active"], to: "paused" },
  resume: { from: ["paused"], to: "active" },
  archive: { from: ["active", "paused"], to: "archived" },
};

export type CampaignChange = keyof typeof TRANSITIONS;
export const isCampaignChange = (value: unknown): value is CampaignChange =>
  typeof value === "string" && value in TRANSITIONS;

/** Pauses, resumes or archives a campaign from now on; orders placed before keep their bonus. */
export function changeCampaignStatus(
  shop: string,
  actor: string,
  id: string,
  change: CampaignChange,
  now = new Date(),
) {
  return changeRules(shop, actor, now, (rules) => {
    const before = rules.campaigns.find((c) => c.id === id);
    if (!before) return notFound;
    const { from, to } = TRANSITIONS[change];
    if (!from.includes(before.status ?? "active")) return invalid({ form: "earn.error.campaignStatus" });
    const campaign = { ...before, status: to };
    return {
      ok: true,
      id,
      value: { ...rules, campaigns: rules.campaigns.map((c) => (c.id === id ? campaign : c)) },
      audit: { action: `earn.campaign.${change}`, subject: `campaign:${id}`, before, after: campaign },
    };
  });
}

// --- Actions (program settings) ------------------------------------------------------------------

/** Points for signing up, a birthday and subscribing to the newsletter. */
export function saveActionPoints(shop: string, actor: string, input: FormInput) {
  const parsed = parseActionPoints(input);
  if (!parsed.ok) return Promise.resolve(invalid(parsed.errors));
  return changeSettings(shop, actor, (settings) => ({
    ok: true,
    value: { ...settings, actions: parsed.value },
    audit: { action: "earn.action.update", subject: "actions", before: settings.actions, after: parsed.value },
  }));
}

/** Adds a custom action (`id` null; its id comes from the English name) or changes one. */
export function saveCustomAction(shop: string, actor: string, id: string | null, input: FormInput) {
  const parsed = parseCustomAction(input);
  if (!parsed.ok) return Promise.resolve(invalid(parsed.errors));
  return changeSettings(shop, actor, (settings) => {
    const before = id === null ? null : settings.customActions.find((a) => a.id === id);
    if (before === undefined) return notFound;
    // The id is what integrations award the action by, so it never changes once made.
    const actionId =
      before?.id ??
      actionIdFor(
        parsed.value.name.en,
        settings.customActions.map((a) => a.id),
      );
    const action = { id: actionId, ...parsed.value };
    const customActions = before
      ? settings.customActions.map((a) => (a.id === actionId ? action : a))
      : [...settings.customActions, action];
    return {
      ok: true,
      id: actionId,
      value: { ...settings, customActions },
      audit: {
        action: before ? "earn.action.update" : "earn.action.create",
        subject: `action:${actionId}`,
        before,
        after: action,
      },
    };
  });
}

export function removeCustomAction(shop: string, actor: string, id: string) {
  return changeSettings(shop, actor, (settings) => {
    const before = settings.customActions.find((a) => a.id === id);
    if (!before) return notFound;
    return {
      ok: true,
      id,
      value: { ...settings, customActions: settings.customActions.filter((a) => a.id !== id) },
      audit: { action: "earn.action.delete", subject: `action:${id}`, before, after: null },
    };
  });
}
