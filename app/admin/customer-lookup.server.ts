// Shopify customers by email, for import rows that name only an email no member has. Run by the
// import job before a batch's transaction (never in a request): one search per 50 emails with
// the shop's offline session, every page read, each answer matched exactly (the search is
// tokenized). The bucket is watched as the balance sync watches it; a THROTTLED answer waits and
// tries again a few times. Anything else (a 5xx, a timeout, still throttled) throws: the job is
// retried and no row is marked done.
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import { emailChunks, emailSearch, matchEmails, type EmailMatch, type FoundCustomer } from "../loyalty/customer-lookup";
import { unauthenticated } from "../shopify.server";
import { respectThrottle, retryThrottled } from "../shopify/throttle.server";
import type { LaurelCustomersByEmailQuery } from "../types/admin.generated";

const CUSTOMERS_BY_EMAIL = `#graphql
  query LaurelCustomersByEmail($query: String!, $after: String) {
    customers(first: 250, query: $query, after: $after) {
      nodes {
        id
        defaultEmailAddress {
          emailAddress
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

/** Points of query cost to keep in the bucket: about one search's requested cost (~500). */
const LOW_WATER = 600;
const TIMEOUT_MS = 15_000;

type Page = LaurelCustomersByEmailQuery["customers"];

const searchPage = (admin: AdminApiContext, query: string, after: string | null): Promise<Page> =>
  retryThrottled(async () => {
    const response = await admin.graphql(CUSTOMERS_BY_EMAIL, {
      variables: { query, after },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = (await response.json()) as { data?: LaurelCustomersByEmailQuery };
    const page = body.data?.customers;
    if (!page) throw new Error("Admin API returned no customers page");
    await respectThrottle(body, LOW_WATER);
    return page;
  });

/** What each email (lower-cased) means in the shop's customers: one customer, none, or several. */
export async function lookUpEmails(admin: AdminApiContext, emails: Iterable<string>): Promise<Map<string, EmailMatch>> {
  const matches = new Map<string, EmailMatch>();
  for (const chunk of emailChunks(emails)) {
    const query = emailSearch(chunk);
    const found: FoundCustomer[] = [];
    let after: string | null = null;
    do {
      const page: Page = await searchPage(admin, query, after);
      found.push(...page.nodes.map((c) => ({ id: c.id, email: c.defaultEmailAddress?.emailAddress ?? null })));
      after = page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null;
    } while (after);
    for (const [email, match] of matchEmails(chunk, found)) matches.set(email, match);
  }
  return matches;
}

/** A shop's lookup for the import job: its admin client is made on the first email to look up. */
export function customerLookup(shop: string) {
  let admin: Promise<AdminApiContext> | undefined;
  return async (emails: Iterable<string>): Promise<Map<string, EmailMatch>> => {
    const wanted = [...emails];
    if (wanted.length === 0) return new Map();
    admin ??= unauthenticated.admin(shop).then((context) => context.admin);
    return lookUpEmails(await admin, wanted);
  };
}
