// Pieces the earn pages share: the outcome of a save, field errors in the admin's language, the
// Save button, and the frame of a bonus's, campaign's or custom action's own page.
import { Form } from "@remix-run/react";
import { BlockStack, Card, Page } from "@shopify/polaris";
import type { ReactNode } from "react";
import { useI18n } from "../i18n/context";
import type { FieldErrors } from "./earn-forms";
import { HiddenFields, IntentButton, SaveOutcome, SubmitBar } from "./ui/cards";
import { useFieldErrors as useMessages, useFields } from "./ui/fields";

/** What an earn page's action answers: which form it was, and how the save went. */
export interface EarnActionResult {
  intent?: string;
  ok: boolean;
  changed?: boolean;
  errors?: FieldErrors;
}

/** The message for `field` when the last save of `intent` refused it. */
export function useFieldErrors(result: EarnActionResult | undefined, intent?: string) {
  const refused = result && !result.ok && (intent === undefined || result.intent === intent);
  return useMessages(refused ? result.errors : undefined);
}

/**
 * An add/edit form's state: the values as typed (kept when the server refuses them) and, per
 * field, the props a Polaris field takes: name, value, change handler and the server's error.
 */
export function useEditForm<V extends Record<string, string>>(
  values: V,
  result: EarnActionResult | undefined,
  extra: { disabled?: boolean } = {},
) {
  const error = useFieldErrors(result);
  const { values: form, field } = useFields(values, error, extra);
  return { form, field, error };
}

export function OutcomeBanner({ result }: { result: EarnActionResult | undefined }) {
  return (
    <SaveOutcome
      result={result}
      titles={{ invalid: "earn.invalid", saved: "earn.saved", unchanged: "earn.unchanged" }}
      unchangedTone="info"
    />
  );
}

/** The form's Save button, busy while the page's form is being sent. */
export function SaveBar() {
  const { t } = useI18n();
  return <SubmitBar label={t("earn.save")} />;
}

/**
 * The page of one bonus, campaign or custom action: back to Ways to earn, how the last save went,
 * notes, the form (posting intent "save"; no Save button when it can't be saved) and what comes
 * after it: a Remove button for an existing item that can be removed, or `footer`.
 */
export function EarnEditPage({
  id,
  title,
  titleMetadata,
  result,
  notes,
  saveable = true,
  removable = false,
  footer,
  children,
}: {
  id: string | null;
  title: string;
  titleMetadata?: ReactNode;
  result: EarnActionResult | undefined;
  notes?: ReactNode;
  saveable?: boolean;
  removable?: boolean;
  footer?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Page
      key={id ?? "new"}
      title={title}
      titleMetadata={titleMetadata}
      backAction={{ content: t("earn.title"), url: "/app/earn" }}
    >
      <BlockStack gap="400">
        <OutcomeBanner result={result} />
        {notes}
        <Card>
          <Form method="post">
            <HiddenFields fields={{ intent: "save" }} />
            <BlockStack gap="400">
              {children}
              {saveable ? <SaveBar /> : null}
            </BlockStack>
          </Form>
        </Card>
        {id && removable ? (
          <IntentButton tone="critical" fields={{ intent: "remove" }}>
            {t("earn.remove")}
          </IntentButton>
        ) : null}
        {footer}
      </BlockStack>
    </Page>
  );
}
