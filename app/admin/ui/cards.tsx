// Pieces the admin's pages share: a card with a heading, a card holding a form that posts one
// intent, a card with a table (or a line saying it's empty), the submit bar, buttons that post a
// few fields, the Newest/Older pager of cursor-paged lists, and the banner saying how a save went.
import { Form, useNavigation } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Text,
  type BannerProps,
  type ButtonProps,
  type DataTableProps,
} from "@shopify/polaris";
import type { ReactNode } from "react";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/translate";

type Gap = "200" | "300" | "400";

function Heading({ title, small, badge }: { title: string; small?: boolean; badge?: ReactNode }) {
  const heading = small ? (
    <Text as="h3" variant="headingSm">
      {title}
    </Text>
  ) : (
    <Text as="h2" variant="headingMd">
      {title}
    </Text>
  );
  if (!badge) return heading;
  return (
    <InlineStack gap="200" blockAlign="center">
      {heading}
      {badge}
    </InlineStack>
  );
}

interface SectionProps {
  title: string;
  /** A subdued line under the title. */
  help?: string;
  /** Beside the title (a status). */
  badge?: ReactNode;
  /** A smaller heading (h3), for cards inside a section of the page. */
  small?: boolean;
  gap?: Gap;
  children?: ReactNode;
}

function Section({ title, help, badge, small, gap = "300", children }: SectionProps) {
  return (
    <BlockStack gap={gap}>
      <Heading title={title} small={small} badge={badge} />
      {help ? (
        <Text as="p" tone="subdued">
          {help}
        </Text>
      ) : null}
      {children}
    </BlockStack>
  );
}

/** A card with a heading, an optional help line and its content. */
export function TitledCard(props: SectionProps) {
  return (
    <Card>
      <Section {...props} />
    </Card>
  );
}

/** Hidden inputs carrying `fields` with a form's submission. */
export function HiddenFields({ fields }: { fields: Record<string, string> | Iterable<[string, string]> }) {
  const entries = Symbol.iterator in fields ? [...fields] : Object.entries(fields);
  return (
    <>
      {entries.map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

/** A card that is one form, posting `intent` (and `fields`) with what it holds. */
export function FormCard({
  intent,
  fields = {},
  ...section
}: SectionProps & { intent: string; fields?: Record<string, string> }) {
  return (
    <Card>
      <Form method="post">
        <HiddenFields fields={{ intent, ...fields }} />
        <Section {...section} />
      </Form>
    </Card>
  );
}

/** A card with a table of `rows`, or `empty` when there are none; `children` come after. */
export function TableCard({
  empty,
  table,
  children,
  ...section
}: Omit<SectionProps, "help"> & { empty: string; table: DataTableProps }) {
  return (
    <TitledCard {...section}>
      {table.rows.length === 0 ? (
        <Text as="p" tone="subdued">
          {empty}
        </Text>
      ) : (
        <DataTable {...table} />
      )}
      {children}
    </TitledCard>
  );
}

/** The form's submit button at the end of the form, busy while it is sent; optionally a Back. */
export function SubmitBar({
  label,
  loading,
  back,
}: {
  label: string;
  /** Busy when the page says so (default: while the form is being sent). */
  loading?: boolean;
  back?: { url: string; label: string };
}) {
  const submitting = useNavigation().state === "submitting";
  return (
    <InlineStack align="end" gap="200">
      {back && <Button url={back.url}>{back.label}</Button>}
      <Button submit variant="primary" loading={loading ?? submitting}>
        {label}
      </Button>
    </InlineStack>
  );
}

/** A button that posts `fields` to the page's action (remove, pause, retry, …). */
export function IntentButton({
  fields,
  children,
  ...button
}: { fields: Record<string, string>; children: string } & Pick<ButtonProps, "tone" | "variant" | "size" | "disabled">) {
  return (
    <Form method="post">
      <HiddenFields fields={fields} />
      <Button submit {...button}>
        {children}
      </Button>
    </Form>
  );
}

type PageLink = { url: string; label: string } | null | false | undefined;

/** Back to the newest page and on to older ones, for lists paged by a cursor. */
export function CursorPager({ newest, older, align }: { newest: PageLink; older: PageLink; align?: "center" }) {
  return (
    <InlineStack gap="200" align={align}>
      {newest && <Button url={newest.url}>{newest.label}</Button>}
      {older && <Button url={older.url}>{older.label}</Button>}
    </InlineStack>
  );
}

/** What a form's action answers about a save: refused (with a message per field), or saved. */
export interface SaveResult {
  ok: boolean;
  changed?: boolean;
  errors?: Partial<Record<string, MessageKey>>;
}

/** How the last save went: refused (and why, when it's about the whole form), saved, or nothing to save. */
export function SaveOutcome({
  result,
  titles,
  unchangedTone,
}: {
  result: SaveResult | undefined;
  titles: { invalid: MessageKey; saved: MessageKey; unchanged: MessageKey };
  unchangedTone: BannerProps["tone"];
}) {
  const { t } = useI18n();
  if (!result) return null;
  if (!result.ok) {
    const formError = result.errors?.form;
    return (
      <Banner tone="critical" title={t(titles.invalid)}>
        {formError ? t(formError) : null}
      </Banner>
    );
  }
  return (
    <Banner
      tone={result.changed ? "success" : unchangedTone}
      title={t(result.changed ? titles.saved : titles.unchanged)}
    />
  );
}
