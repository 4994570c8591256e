// Order webhooks → points. Each function runs inside the delivery's transaction (webhooks/once),
// so the entries, the balance, the order's state and the delivery record commit together.
import { EMPTY_BALANCE } from "../loyalty/ledger";
import {
  fullyRefunded,
  onCancel,
  onPaid,
  onRefund,
  tierFigures,
  type OrderState,
  type Outcome,
  type Policy,
} from "../loyalty/order-points";
import { earningFor } from "./earning.server";
import { sql } from "../db.server";
import type { Statement } from "../db/sql.server";
import { append, balanceOf, lockedMember, type MemberRow, type Tx } from "./ledger.server";
import { orderRow, type OrderRow } from "./order-row.server";
import { openPaidOrder } from "./paid-opening.server";
import {
  customerGid,
  earnOrderFrom,
  eligibleRefunded,
  orderGid,
  orderTotal,
  type OrderPayload,
  type RefundPayload,
} from "./order-payload";
import { loadProgram, programAndRules, type LoadedProgram } from "./program.server";
import { markCodesUsed, orderReversed } from "../rewards/lifecycle.server";
import { qualifyMember, tierStateOf } from "../tiers/members.server";
import { memberFactsOf } from "./member-facts.server";

const policyOf = (program: LoadedProgram): Policy => ({
  allowNegative: program.settings.allowNegativeAfterRefund,
  pendingDays: program.settings.pendingDays,
});

/** The statement that stores the order's new state (and what it learnt), for append's batch. */
function saveStatement(
  row: OrderRow,
  state: OrderState,
  extra: { memberId?: string; earning?: string; ruleVersion?: number } = {},
): Statement {
  const figures = tierFigures(state);
  return {
    text: `UPDATE "LoyaltyOrder" SET "state" = $1, "memberId" = COALESCE($2, "memberId"), "earning" = COALESCE($3, "earning"),
       "ruleVersion" = COALESCE($4, "ruleVersion"), "updatedAt" = $5, "tierSpend" = $7, "tierOrders" = $8 WHERE "id" = $6`,
    args: [
      JSON.stringify(state),
      extra.memberId ?? null,
      extra.earning ?? null,
      extra.ruleVersion ?? null,
      new Date(),
      row.id,
      figures.spend,
      figures.orders,
    ],
  };
}

/** Applies an outcome for the order's member, if it has one. */
async function settle(
  tx: Tx,
  row: OrderRow,
  program: LoadedProgram | null,
  decide: (balance: MemberRow | null) => Outcome,
) {
  const member = row.memberId ? await lockedMember(tx, row.memberId) : null;
  const outcome = decide(member);
  const saved = saveStatement(row, outcome.state);
  if (member && program) {
    const policy = { allowNegative: policyOf(program).allowNegative };
    await append(tx, member, outcome.entries, policy, row.state.orderId, new Date(), [saved]);
  } else {
    await sql(tx).execute(saved.text, saved.args);
  }
  return outcome.state;
}

/** orders/create: remember the order (its customer and date) before any points move. */
export async function orderCreated(tx: Tx, shop: string, order: OrderPayload) {
  const placedAt = new Date(order.created_at);
  await orderRow(tx, shop, orderGid(order.id), {
    customerId: order.customer ? customerGid(order.customer.id) : null,
    placedAt,
    currency: order.currency,
    total: orderTotal(order),
  });
  await codesUsed(tx, shop, order, placedAt);
}

/** The order's Laurel codes are used now (orders/create, or orders/paid if it comes first). */
const codesUsed = (tx: Tx, shop: string, order: OrderPayload, at: Date) =>
  markCodesUsed(
    tx,
    shop,
    order.discount_codes.map((d) => d.code),
    orderGid(order.id),
    at,
  );

/**
 * orders/paid: the order's customer earns its points (a member from now on). With `record` (the
 * delivery's record, see processOnceRecordedBy) it answers whether the delivery was new.
 */
export async function orderPaid(
  tx: Tx,
  shop: string,
  order: OrderPayload,
  now = new Date(),
  record: Statement | null = null,
): Promise<boolean> {
  const placedAt = new Date(order.created_at);
  const customerId = order.customer ? customerGid(order.customer.id) : null;
  const opened = await openPaidOrder(
    tx,
    shop,
    {
      orderId: orderGid(order.id),
      known: { customerId, placedAt, currency: order.currency, total: orderTotal(order) },
      details: { email: order.customer?.email ?? null },
    },
    record,
    now,
  );
  if (!opened) return false;
  const { row, program, rules, ladder, member } = opened;
  await codesUsed(tx, shop, order, placedAt);
  // A member is there only where the program earns: live, with rules, for a customer.
  if (!member || !program || !rules) return true;
  // Read once for the multiplier and for the qualification after the order (earning doesn't move it).
  const tier = ladder?.enabled ? await tierStateOf(tx, member) : null;
  const earning = await earningFor(
    tx,
    shop,
    rules.rules,
    (previous) => earnOrderFrom(order, previous),
    { customerId: member.customerId, before: placedAt, excludeOrderId: row.state.orderId },
    await memberFactsOf(
      tx,
      shop,
      { id: member.id, tierId: tier?.tierId ?? null },
      rules.rules,
      ladder,
      now,
      row.state.orderId,
    ),
  );
  const outcome = onPaid(row.state, earning, balanceOf(member), policyOf(program), now);
  const saved = saveStatement(row, outcome.state, {
    memberId: member.id,
    earning: JSON.stringify(earning),
    ruleVersion: rules.version,
  });
  await append(
    tx,
    member,
    outcome.entries,
    { allowNegative: policyOf(program).allowNegative },
    row.state.orderId,
    now,
    [saved],
  );
  // The order raised what the member qualifies with: a higher tier at once (its multiplier from
  // the next order on).
  await qualifyMember(tx, shop, member.id, ladder, now, tier ?? undefined);
  return true;
}

/** refunds/create: take back points in proportion to the eligible spend refunded. */
export async function refundCreated(tx: Tx, shop: string, refund: RefundPayload) {
  const row = await orderRow(tx, shop, orderGid(refund.order_id), {});
  const { program, rules } = await programAndRules(tx, shop, row.placedAt ?? new Date());
  if (!program || !rules) return;
  const eligible = eligibleRefunded(refund, rules.rules.purchase, program.currency);
  const state = await settle(tx, row, program, (member) =>
    onRefund(row.state, refund.id, eligible, member ? balanceOf(member) : EMPTY_BALANCE, policyOf(program)),
  );
  if (fullyRefunded(state)) await orderReversed(tx, shop, row.state.orderId, "refunded");
}

/** orders/cancelled: take back what the order still holds. */
export async function orderCancelled(tx: Tx, shop: string, order: OrderPayload) {
  const row = await orderRow(tx, shop, orderGid(order.id), {
    customerId: order.customer ? customerGid(order.customer.id) : null,
    placedAt: new Date(order.created_at),
    currency: order.currency,
  });
  const program = await loadProgram(tx, shop);
  const policy: Policy = program ? policyOf(program) : { allowNegative: false, pendingDays: 0 };
  await settle(tx, row, program, (member) => onCancel(row.state, member ? balanceOf(member) : EMPTY_BALANCE, policy));
  await orderReversed(tx, shop, row.state.orderId, "cancelled");
}
