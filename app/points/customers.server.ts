// Customer webhooks → membership: enrolment with the sign-up bonus, and contact details kept
// current for the merchant's member search.
import { z } from "zod";
import { entry, LAUREL_NOTES } from "../loyalty/ledger";
import { append, memberFor, type Tx } from "./ledger.server";
import { enqueueNewsletterCheck } from "./newsletter.server";
import { customerGid } from "./order-payload";
import { loadProgram } from "./program.server";
import { loadLadder } from "../tiers/ladder.server";
import { qualifyMember } from "../tiers/members.server";

export const customerPayloadSchema = z.object({
  id: z.union([z.number().int(), z.string().regex(/^\d+$/)]).transform(String),
  email: z.string().nullable().optional(),
  first_name: z.string().nullable().optional(),
  last_name: z.string().nullable().optional(),
});

export type CustomerPayload = z.infer<typeof customerPayloadSchema>;

const details = (customer: CustomerPayload) => ({
  email: customer.email ?? null,
  firstName: customer.first_name ?? null,
  lastName: customer.last_name ?? null,
});

/** customers/create: a new customer joins a live program and gets the sign-up bonus, once. */
export async function customerCreated(tx: Tx, shop: string, customer: CustomerPayload, now = new Date()) {
  const program = await loadProgram(tx, shop);
  if (!program?.live) return;
  const customerId = customerGid(customer.id);
  const member = await memberFor(tx, shop, customerId, details(customer));
  const bonus = program.settings.actions.signup;
  if (bonus > 0) {
    const signup = entry(
      "earn_action",
      `signup:${customerId}`,
      { available: bonus, lifetimeEarned: bonus },
      { note: LAUREL_NOTES.signup },
    );
    await append(tx, member, [signup], { allowNegative: false }, null, now);
  }
  // A new member starts on the ladder's free lowest tier (or higher, if points alone qualify).
  await qualifyMember(tx, shop, member.id, await loadLadder(tx, shop), now);
  // A customer who subscribed as they signed up earns the newsletter bonus too.
  await enqueueNewsletterCheck(tx, shop, customerId);
}

/** customers/update: keep the member's contact details current, and look for a new opt-in. */
export async function customerUpdated(tx: Tx, shop: string, customer: CustomerPayload) {
  const customerId = customerGid(customer.id);
  await tx.member.updateMany({ where: { shop, customerId, status: "active" }, data: details(customer) });
  const program = await loadProgram(tx, shop);
  if (program?.live && program.settings.actions.newsletter > 0) await enqueueNewsletterCheck(tx, shop, customerId);
}
