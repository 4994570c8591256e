// orders/paid's first round trip: the delivery's record, the order's row, the program with the
// rules the order is judged by, and the customer's member row (enrolled if the program is live).
// PostgreSQL gets them as one statement, a round trip instead of four on the busiest webhook;
// SQLite, in process, runs them one by one.
import { sql } from "../db.server";
import { aliasedColumns, columnsOf, withClauses, type Statement, type Tx } from "../db/sql.server";
import { enrolment, memberFor, MEMBER_COLUMN_NAMES, type MemberDetails, type MemberRow } from "./ledger.server";
import {
  ORDER_COLUMNS,
  orderRow,
  orderRowFrom,
  orderUpsert,
  type KnownOfOrder,
  type OrderRow,
} from "./order-row.server";
import {
  programAndRules,
  programAndRulesFrom,
  programAndRulesQuery,
  PROGRAM_AND_RULES_COLUMNS,
  type ProgramAndRules,
  type ProgramAndRulesRow,
} from "./program.server";

export interface PaidOpening extends ProgramAndRules {
  row: OrderRow;
  /** The customer's member row, locked; null without a customer, a live program or rules. */
  member: MemberRow | null;
}

export interface PaidOrder {
  orderId: string;
  /** What the payload says of the order; its customer (null for a guest) is the one enrolled. */
  known: KnownOfOrder & { placedAt: Date; customerId: string | null };
  details: MemberDetails;
}

/** The enrolment's condition: the program is live and has rules (what orderPaid needs to earn). */
const PROGRAM_ENROLS = `EXISTS (SELECT 1 FROM cfg WHERE cfg."status" = 'live' AND cfg."version" IS NOT NULL)`;

/** The result row's columns, without and with the member's (a guest's order enrols nobody). */
const SELECTED = `${aliasedColumns("ord", ORDER_COLUMNS)}, ${aliasedColumns("cfg", PROGRAM_AND_RULES_COLUMNS)}`;
const SELECT = {
  guest: `${SELECTED} FROM ord LEFT JOIN cfg ON true`,
  customer: `${SELECTED}, ${aliasedColumns("mem", MEMBER_COLUMN_NAMES)} FROM ord LEFT JOIN cfg ON true LEFT JOIN mem ON true`,
};

/**
 * Opens the paid order's transaction: `record` (the delivery's record, see processOnceRecordedBy)
 * first, then the rest. Null when the record says the delivery was processed before: the caller
 * rolls back what the statement wrote.
 */
export async function openPaidOrder(
  tx: Tx,
  shop: string,
  order: PaidOrder,
  record: Statement | null,
  now = new Date(),
): Promise<PaidOpening | null> {
  const db = sql(tx);
  const { placedAt, customerId } = order.known;
  if (db.dialect === "sqlite") {
    if (record && (await db.query(record.text, record.args)).length === 0) return null;
    const row = await orderRow(tx, shop, order.orderId, order.known, now);
    const read = await programAndRules(tx, shop, placedAt);
    const enrols = customerId !== null && read.program?.live && read.rules;
    const member = enrols ? await memberFor(tx, shop, customerId, order.details, now) : null;
    return { ...read, row, member };
  }
  // The order and the delivery's record are written whatever the program says; the member only
  // when the program would enrol them (a rolled-back duplicate undoes all three).
  const statement = withClauses(
    [
      ...(record ? [{ name: "ev", statement: record }] : []),
      { name: "ord", statement: orderUpsert(shop, order.orderId, order.known, now) },
      { name: "cfg", statement: programAndRulesQuery(shop, placedAt) },
      ...(customerId
        ? [{ name: "mem", statement: enrolment(shop, customerId, order.details, now, PROGRAM_ENROLS) }]
        : []),
    ],
    {
      text: `SELECT ${record ? "EXISTS (SELECT 1 FROM ev)" : "true"} AS "recorded", ${customerId ? SELECT.customer : SELECT.guest}`,
      args: [],
    },
  );
  const [result] = await db.query<Record<string, unknown>>(statement.text, statement.args);
  if (!result!.recorded) return null;
  // A left join that found nothing gives nulls, the key columns included.
  const row = orderRowFrom(columnsOf(result!, "ord", ORDER_COLUMNS));
  const read = programAndRulesFrom(
    shop,
    result!["cfg.status"] === null
      ? undefined
      : columnsOf<ProgramAndRulesRow>(result!, "cfg", PROGRAM_AND_RULES_COLUMNS),
  );
  const member =
    customerId && result!["mem.id"] !== null ? columnsOf<MemberRow>(result!, "mem", MEMBER_COLUMN_NAMES) : null;
  return { ...read, row, member };
}
