// The audit log: every change a merchant made, newest first, 50 to a page (older pages by the
// log's cursor), optionally for one subject (?subject=program, a reward's or a member's id).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { BlockStack, Button, Card, DataTable, InlineStack, Link, Page, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { changesOf, type Change } from "../admin/audit-diff";
import { auditLog } from "../admin/audit.server";
import { CursorPager } from "../admin/ui/cards";
import { useI18n } from "../i18n/context";
import type { Locale } from "../i18n/locale";
import { catalogs, type MessageKey, type Translate } from "../i18n/translate";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const subject = params.get("subject")?.trim() || null;
  const cursor = params.get("cursor") || null;
  const { entries, next } = await auditLog(session.shop, {
    subject: subject ?? undefined,
    cursor: cursor ?? undefined,
  });
  return {
    subject,
    first: cursor === null,
    next,
    entries: entries.map((entry) => ({
      id: entry.id,
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
      at: entry.createdAt.toISOString(),
      changes: changesOf(entry.before, entry.after),
    })),
  };
};

const pageUrl = (subject: string | null, cursor?: string) => {
  const params = new URLSearchParams();
  if (subject) params.set("subject", subject);
  if (cursor) params.set("cursor", cursor);
  const query = params.toString();
  return query ? `/app/audit?${query}` : "/app/audit";
};

/** A label from the catalog when there is one for this key, else the key itself. */
const labelOr = (t: Translate, key: string, fallback: string) => (key in catalogs.en ? t(key as MessageKey) : fallback);

function actorLabel(t: Translate, actor: string) {
  if (actor === "system") return t("audit.actor.system");
  if (actor === "staff:unknown") return t("audit.actor.unknownStaff");
  if (actor.startsWith("staff:")) return t("audit.actor.staff", { id: actor.slice("staff:".length) });
  return actor;
}

// In UTC, named as such: the server and the browser then render the same text.
const formatTime = (locale: Locale, iso: string) =>
  new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "UTC",
    timeZoneName: "short",
  }).format(new Date(iso));

/** Settings whose values have labels on the settings page ("fifo" reads as the option's text). */
const VALUE_LABELS: Record<string, string> = {
  "expiry.kind": "program.expiry.",
  rounding: "program.rounding.",
  codeOnRefund: "program.codeOnRefund.",
  status: "program.status.",
};

function valueText(t: Translate, locale: Locale, key: string, value: unknown): string {
  if (value === null || value === undefined) return t("audit.none");
  if (typeof value === "string" && VALUE_LABELS[key]) return labelOr(t, VALUE_LABELS[key] + value, value);
  if (typeof value === "boolean") return t(value ? "audit.value.yes" : "audit.value.no");
  if (typeof value === "number") return new Intl.NumberFormat(locale).format(value);
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}

function ChangeLines({ changes }: { changes: Change[] }) {
  const { t, locale } = useI18n();
  if (changes.length === 0) return <Text as="span">{t("audit.none")}</Text>;
  return (
    <BlockStack gap="100">
      {changes.map((change) => {
        const values = t("audit.change", {
          before: valueText(t, locale, change.key, change.before),
          after: valueText(t, locale, change.key, change.after),
        });
        return (
          <Text as="p" key={change.key}>
            {change.key ? `${labelOr(t, `audit.field.${change.key}`, change.key)}: ${values}` : values}
          </Text>
        );
      })}
    </BlockStack>
  );
}

function SubjectFilter({ subject }: { subject: string | null }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState(subject ?? "");
  return (
    <Card>
      <Form method="get">
        <InlineStack gap="200" blockAlign="end">
          <TextField
            label={t("audit.subject")}
            name="subject"
            value={filter}
            onChange={setFilter}
            helpText={t("audit.subjectHelp")}
            autoComplete="off"
          />
          <Button submit>{t("audit.filter")}</Button>
          {subject && <Button url={pageUrl(null)}>{t("audit.showAll")}</Button>}
        </InlineStack>
      </Form>
    </Card>
  );
}

export default function AuditLog() {
  const { subject, first, next, entries } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();

  const rows = entries.map((entry) => [
    formatTime(locale, entry.at),
    actorLabel(t, entry.actor),
    labelOr(t, `audit.action.${entry.action}`, entry.action),
    entry.subject ? (
      <Link url={pageUrl(entry.subject)} removeUnderline>
        {entry.subject}
      </Link>
    ) : (
      t("audit.none")
    ),
    <ChangeLines key={entry.id} changes={entry.changes as Change[]} />,
  ]);

  return (
    <Page title={t("audit.title")} subtitle={subject ? t("audit.filteredBy", { subject }) : undefined}>
      <BlockStack gap="400">
        {/* Keyed by the subject: "Show all" and a subject's link start from the filter they show. */}
        <SubjectFilter key={subject ?? ""} subject={subject} />
        {entries.length === 0 ? (
          <Card>
            <Text as="p" tone="subdued">
              {t(first ? "audit.empty" : "audit.noOlder")}
            </Text>
          </Card>
        ) : (
          <Card padding="0">
            <DataTable
              columnContentTypes={["text", "text", "text", "text", "text"]}
              headings={[
                t("audit.when"),
                t("audit.who"),
                t("audit.action"),
                t("audit.subjectColumn"),
                t("audit.changes"),
              ]}
              rows={rows}
              verticalAlign="top"
            />
          </Card>
        )}
        <CursorPager
          align="center"
          newest={!first && { url: pageUrl(subject), label: t("audit.newest") }}
          older={next ? { url: pageUrl(subject, next), label: t("audit.older") } : null}
        />
      </BlockStack>
    </Page>
  );
}
