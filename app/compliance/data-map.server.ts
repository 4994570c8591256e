// Where Laurel keeps data, model by model, for Shopify's compliance webhooks.
//
// Every Prisma model must be listed here (a test fails otherwise), saying how shop/redact finds
// the shop's rows and, for models that hold a customer's personal data, how customers/redact
// erases it and customers/data_request reports it. Add each new model here as it is created.
import type { Tx } from "../db/sql.server";

export interface CustomerRef {
  shop: string;
  /** Shopify customer GID, e.g. gid://shopify/Customer/123 */
  customerId: string;
}

export interface ModelDataPolicy {
  /** Deletes every row of the shop (shop/redact). */
  redactShop(tx: Tx, shop: string): Promise<unknown>;
  /** The customer's personal data held in this model, for customers/data_request. */
  collectCustomer?(tx: Tx, ref: CustomerRef): Promise<unknown>;
  /** Erases the customer's personal data from this model (customers/redact). */
  redactCustomer?(tx: Tx, ref: CustomerRef): Promise<unknown>;
}

/** Rows kept per member (ledger, codes) of the customer's memberships in the shop. */
async function ofMembers(tx: Tx, { shop, customerId }: CustomerRef) {
  const members = await tx.member.findMany({ where: { shop, customerId }, select: { id: true } });
  return { shop, memberId: { in: members.map((m) => m.id) } };
}

export const dataMap = {
  // Staff sessions: access tokens and, for online sessions, the staff member's name and email.
  // Not customer data.
  Session: {
    redactShop: (tx, shop) => tx.session.deleteMany({ where: { shop } }),
  },
  Shop: {
    redactShop: (tx, shop) => tx.shop.deleteMany({ where: { domain: shop } }),
  },
  // Holds customer ids and, for data requests, the report handed to the merchant, which is the
  // customer's personal data: it is emptied when the customer is redacted.
  ComplianceRequest: {
    redactShop: (tx, shop) => tx.complianceRequest.deleteMany({ where: { shop } }),
    redactCustomer: (tx, { shop, customerId }) =>
      tx.complianceRequest.updateMany({
        where: { shop, customerId, topic: "customers/data_request", report: { not: null } },
        data: { report: null },
      }),
  },
  // Program settings and earn rules: the merchant's, not customers'.
  Program: {
    redactShop: (tx, shop) => tx.program.deleteMany({ where: { shop } }),
  },
  EarnRuleVersion: {
    redactShop: (tx, shop) => tx.earnRuleVersion.deleteMany({ where: { shop } }),
  },
  // A member's tier timeline: tier ids and dates, linked to the member only (erased with the
  // member's link below); an override's reason is the merchant's words about the customer, so
  // redaction blanks it. Listed before Member: it finds the rows by the customer's link, which
  // Member's redaction erases.
  TierChange: {
    redactShop: (tx, shop) => tx.tierChange.deleteMany({ where: { shop } }),
    collectCustomer: async (tx, ref) =>
      tx.tierChange.findMany({ where: await ofMembers(tx, ref), orderBy: { createdAt: "asc" } }),
    redactCustomer: async (tx, ref) =>
      tx.tierChange.updateMany({ where: { ...(await ofMembers(tx, ref)), note: { not: null } }, data: { note: null } }),
  },
  // Members hold the customer's contact details and points. Redaction erases the details and
  // the link to the customer, and keeps the anonymous totals the merchant accounts for.
  Member: {
    redactShop: (tx, shop) => tx.member.deleteMany({ where: { shop } }),
    collectCustomer: (tx, { shop, customerId }) => tx.member.findMany({ where: { shop, customerId } }),
    redactCustomer: async (tx, { shop, customerId }) => {
      for (const member of await tx.member.findMany({ where: { shop, customerId }, select: { id: true } })) {
        await tx.member.update({
          where: { id: member.id },
          data: {
            customerId: `redacted:${member.id}`,
            email: null,
            firstName: null,
            lastName: null,
            birthday: null,
            status: "redacted",
          },
        });
      }
    },
  },
  // Entries belong to a member, not to a customer directly: erased with the member's link above.
  LedgerEntry: {
    redactShop: (tx, shop) => tx.ledgerEntry.deleteMany({ where: { shop } }),
    collectCustomer: async (tx, ref) =>
      tx.ledgerEntry.findMany({ where: await ofMembers(tx, ref), orderBy: { createdAt: "asc" } }),
  },
  LoyaltyOrder: {
    redactShop: (tx, shop) => tx.loyaltyOrder.deleteMany({ where: { shop } }),
    collectCustomer: (tx, { shop, customerId }) => tx.loyaltyOrder.findMany({ where: { shop, customerId } }),
    redactCustomer: (tx, { shop, customerId }) =>
      tx.loyaltyOrder.updateMany({ where: { shop, customerId }, data: { customerId: null } }),
  },
  // The reward catalog: the merchant's.
  Reward: {
    redactShop: (tx, shop) => tx.reward.deleteMany({ where: { shop } }),
  },
  // Codes a member redeemed: linked to the member only (erased with the member's link above).
  Redemption: {
    redactShop: (tx, shop) => tx.redemption.deleteMany({ where: { shop } }),
    collectCustomer: async (tx, ref) =>
      tx.redemption.findMany({ where: await ofMembers(tx, ref), orderBy: { createdAt: "asc" } }),
  },
  // The product index: the merchant's catalog facts.
  ProductFacts: {
    redactShop: (tx, shop) => tx.productFacts.deleteMany({ where: { shop } }),
  },
  // Queued work: member ids and kinds; a bulk adjustment's search text (which may be an email)
  // only while that job runs (cleared when it finishes).
  Job: {
    redactShop: (tx, shop) => tx.job.deleteMany({ where: { shop } }),
  },
  // The admin's audit log: staff user ids and what they changed (balances, settings), no
  // customer details; a member's entries name only the member's id.
  AuditLog: {
    redactShop: (tx, shop) => tx.auditLog.deleteMany({ where: { shop } }),
  },
  // CSV imports of starting balances: the uploaded file holds customers' emails and balances
  // only until the run finishes (then emptied); counts and row-numbered errors stay. Applied
  // rows live on as ledger entries, which customers/redact handles with the member.
  ImportRun: {
    redactShop: (tx, shop) => tx.importRun.deleteMany({ where: { shop } }),
  },
  // The dashboard's daily figures and where their rollup stands: counts and sums per shop and
  // day, nothing about any one customer.
  DailyStat: {
    redactShop: (tx, shop) => tx.dailyStat.deleteMany({ where: { shop } }),
  },
  DashboardRollup: {
    redactShop: (tx, shop) => tx.dashboardRollup.deleteMany({ where: { shop } }),
  },
  // The VIP tier ladder and each tier's Shopify segment and discounts: the merchant's.
  TierLadder: {
    redactShop: (tx, shop) => tx.tierLadder.deleteMany({ where: { shop } }),
  },
  TierDiscount: {
    redactShop: (tx, shop) => tx.tierDiscount.deleteMany({ where: { shop } }),
  },
  // Delivery bookkeeping: ids and topics only.
  WebhookEvent: {
    redactShop: (tx, shop) => tx.webhookEvent.deleteMany({ where: { shop } }),
  },
} satisfies Record<string, ModelDataPolicy>;

export type ModelName = keyof typeof dataMap;
