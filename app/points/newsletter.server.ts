// The newsletter opt-in bonus. Customer webhooks no longer carry marketing consent (removed from
// their payloads in 2025-01), so customers/create and customers/update queue a check, and the
// worker asks the Admin API whether the customer is subscribed: off the webhook's request path.
import db from "../db.server";
import { transaction } from "../db/sql.server";
import type { ClaimedJob } from "../jobs/queue.server";
import { enqueue } from "../jobs/queue.server";
import { entry, LAUREL_NOTES } from "../loyalty/ledger";
import { unauthenticated } from "../shopify.server";
import { append, memberFor, type Tx } from "./ledger.server";
import { loadProgram } from "./program.server";

export const CHECK_NEWSLETTER = "check_newsletter";

const CUSTOMER_CONSENT = `#graphql
  query CustomerEmailConsent($id: ID!) {
    customer(id: $id) {
      id
      defaultEmailAddress {
        marketingState
      }
    }
  }
`;

/** Called in the customer webhook's transaction. */
export function enqueueNewsletterCheck(tx: Tx, shop: string, customerId: string) {
  return enqueue(tx, { shop, kind: CHECK_NEWSLETTER, key: customerId, payload: { customerId } });
}

/** The worker's handler: award the bonus, once, to members who are subscribed. */
export async function checkNewsletter(shop: string, jobs: ClaimedJob[]): Promise<void> {
  const program = await loadProgram(db, shop);
  const bonus = program?.settings.actions.newsletter ?? 0;
  if (!program?.live || bonus <= 0) return;
  const { admin } = await unauthenticated.admin(shop);
  for (const job of jobs) {
    const customerId = job.key;
    const key = `newsletter:${customerId}`;
    if (await db.ledgerEntry.findUnique({ where: { shop_key: { shop, key } } })) continue;
    const response = await admin.graphql(CUSTOMER_CONSENT, { variables: { id: customerId } });
    const body = await response.json();
    if (body.data?.customer?.defaultEmailAddress?.marketingState !== "SUBSCRIBED") continue;
    await transaction(db, async (tx) => {
      const member = await memberFor(tx, shop, customerId);
      if (await tx.ledgerEntry.findUnique({ where: { shop_key: { shop, key } } })) return;
      await append(
        tx,
        member,
        [entry("earn_action", key, { available: bonus, lifetimeEarned: bonus }, { note: LAUREL_NOTES.newsletter })],
        {
          allowNegative: false,
        },
      );
    });
  }
}
