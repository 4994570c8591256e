// Finding the Shopify customer an import row means when it names only an email no member has:
// the search for a chunk of emails, and what each email means among the customers it found.
// Shopify's `email:` filter is tokenized, so each email is searched as a quoted phrase and the
// answers are matched again here, exactly (ignoring case): a near miss never enrols anyone.
import type { RowErrorCode } from "./balance-import";

/** Emails per search: a short query whose answers fit well inside one page of 250. */
export const EMAILS_PER_SEARCH = 50;

/** A value as a phrase in Shopify's search syntax: double-quoted, its `"` and `\` escaped. */
export function searchPhrase(value: string): string {
  return `"${value.replace(/["\\]/g, (c) => `\\${c}`)}"`;
}

/** One search for the customers having any of these emails: `email:"a@x.com" OR email:"b@y.com"`. */
export function emailSearch(emails: readonly string[]): string {
  if (emails.length === 0) throw new Error("an email search needs an email");
  return emails.map((email) => `email:${searchPhrase(email)}`).join(" OR ");
}

/** The distinct emails, lower-cased, in chunks of `size` (one search each). */
export function emailChunks(emails: Iterable<string>, size = EMAILS_PER_SEARCH): string[][] {
  const distinct = [...new Set([...emails].map(normalEmail))];
  const chunks: string[][] = [];
  for (let i = 0; i < distinct.length; i += size) chunks.push(distinct.slice(i, i + size));
  return chunks;
}

export interface FoundCustomer {
  /** The customer's GID. */
  id: string;
  email: string | null;
}

export type EmailMatch =
  { ok: true; customerId: string } | { ok: false; code: Extract<RowErrorCode, "noCustomer" | "ambiguousEmail"> };

const normalEmail = (email: string) => email.trim().toLowerCase();

/**
 * What each email means among the customers a search found (in any order, possibly more than
 * once across pages, possibly with other emails): exactly one customer with that email, none,
 * or several (an email alone can't say which).
 */
export function matchEmails(emails: readonly string[], found: readonly FoundCustomer[]): Map<string, EmailMatch> {
  const byEmail = new Map<string, Set<string>>();
  for (const customer of found) {
    if (!customer.email) continue;
    const email = normalEmail(customer.email);
    byEmail.set(email, (byEmail.get(email) ?? new Set()).add(customer.id));
  }
  return new Map(
    emails.map((email): [string, EmailMatch] => {
      const ids = [...(byEmail.get(normalEmail(email)) ?? [])];
      if (ids.length === 1) return [email, { ok: true, customerId: ids[0]! }];
      return [email, { ok: false, code: ids.length === 0 ? "noCustomer" : "ambiguousEmail" }];
    }),
  );
}
