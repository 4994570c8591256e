// Points for actions: custom actions the merchant awards (within each action's limits), the
// member's birthday (set by the member, awarded yearly by the worker).
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { decideAction, isBirthday, parseBirthday, periodBounds, type ActionDecision } from "../loyalty/actions";
import { actionNote, entry, LAUREL_NOTES } from "../loyalty/ledger";
import { append, memberFor, type Tx } from "./ledger.server";
import { loadProgram } from "./program.server";

export class ActionError extends Error {
  readonly code: "unknown_action" | "program_not_live" | "invalid_birthday";
  constructor(code: ActionError["code"], message: string) {
    super(message);
    this.code = code;
  }
}

/** Awards a custom action to a customer if its limit allows; says why not otherwise. */
export async function awardAction(
  tx: Tx,
  shop: string,
  customerId: string,
  actionId: string,
  at = new Date(),
): Promise<ActionDecision> {
  const program = await loadProgram(tx, shop);
  if (!program?.live) throw new ActionError("program_not_live", "The loyalty program is not live");
  const rule = program.settings.customActions.find((a) => a.id === actionId);
  if (!rule) throw new ActionError("unknown_action", `No action "${actionId}"`);
  const member = await memberFor(tx, shop, customerId);
  const { from, to } = periodBounds(rule.limit.per, at);
  const already = await tx.ledgerEntry.count({
    where: { memberId: member.id, reason: "earn_action", note: actionNote(rule.id), createdAt: { gte: from, lt: to } },
  });
  const decision = decideAction(rule, member.id, already, at);
  if (decision.award) {
    const award = entry(
      "earn_action",
      decision.key,
      { available: rule.points, lifetimeEarned: rule.points },
      { note: actionNote(rule.id) },
    );
    await append(tx, member, [award], { allowNegative: false }, null, at);
  }
  return decision;
}

/** The member's birthday, as "MM-DD" (the year is not needed, so not kept). */
export async function setBirthday(tx: Tx, shop: string, customerId: string, text: string) {
  const birthday = parseBirthday(text);
  if (!birthday) throw new ActionError("invalid_birthday", "Birthday must be a date as MM-DD");
  const member = await memberFor(tx, shop, customerId);
  await tx.member.update({ where: { id: member.id }, data: { birthday: text.trim() } });
}

/** The worker's daily run: members whose birthday it is get the shop's birthday bonus, once a year. */
export async function birthdaysDue(now = new Date()): Promise<number> {
  let awarded = 0;
  const today = now.toISOString().slice(5, 10);
  // 29 February birthdays are celebrated on the 28th in other years (isBirthday decides).
  const candidates = await db.member.findMany({
    where: { status: "active", birthday: { in: today === "02-28" ? [today, "02-29"] : [today] } },
    select: { id: true, shop: true, customerId: true, birthday: true },
  });
  for (const candidate of candidates) {
    const birthday = parseBirthday(candidate.birthday ?? "");
    if (!birthday || !isBirthday(birthday, now)) continue;
    awarded += await transaction(db, async (tx) => {
      const program = await loadProgram(tx, candidate.shop);
      const bonus = program?.settings.actions.birthday ?? 0;
      if (!program?.live || bonus <= 0) return 0;
      const key = `birthday:${candidate.id}:${now.getUTCFullYear()}`;
      if (await tx.ledgerEntry.findUnique({ where: { shop_key: { shop: candidate.shop, key } } })) return 0;
      const member = await memberFor(tx, candidate.shop, candidate.customerId);
      await append(
        tx,
        member,
        [entry("earn_action", key, { available: bonus, lifetimeEarned: bonus }, { note: LAUREL_NOTES.birthday })],
        {
          allowNegative: false,
        },
        null,
        now,
      );
      return 1;
    });
  }
  return awarded;
}
