// Pieces the earn pages share: the outcome of a save, field errors in the admin's language, and
// small forms that post one intent.
import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { Banner, Button, InlineStack, type ButtonProps } from "@shopify/polaris";
import { useI18n } from "../i18n/context";
import type { FieldErrors } from "./earn-forms";

/** What an earn page's action answers: which form it was, and how the save went. */
export interface EarnActionResult {
  intent?: string;
  ok: boolean;
  changed?: boolean;
  errors?: FieldErrors;
}

/** The message for `field` when the last save of `intent` refused it. */
export function useFieldErrors(result: EarnActionResult | undefined, intent?: string) {
  const { t } = useI18n();
  const errors = result && !result.ok && (intent === undefined || result.intent === intent) ? result.errors : undefined;
  return (field: string) => (errors?.[field] ? t(errors[field]) : undefined);
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
  const [form, setForm] = useState(values);
  const field = (name: keyof V & string) => ({
    name,
    value: form[name],
    onChange: (value: string) => setForm({ ...form, [name]: value }),
    error: error(name),
    autoComplete: "off",
    ...extra,
  });
  return { form, setForm, field, error };
}

export function OutcomeBanner({ result }: { result: EarnActionResult | undefined }) {
  const { t } = useI18n();
  if (!result) return null;
  if (!result.ok) {
    const formError = result.errors?.form;
    return (
      <Banner tone="critical" title={t("earn.invalid")}>
        {formError ? t(formError) : null}
      </Banner>
    );
  }
  return (
    <Banner tone={result.changed ? "success" : "info"} title={t(result.changed ? "earn.saved" : "earn.unchanged")} />
  );
}

/** A button that posts `fields` to the page's action (remove, pause, resume, archive). */
export function IntentButton({
  fields,
  children,
  ...button
}: { fields: Record<string, string>; children: string } & Pick<ButtonProps, "tone" | "variant" | "size" | "disabled">) {
  return (
    <Form method="post">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button submit {...button}>
        {children}
      </Button>
    </Form>
  );
}

/** The form's Save button, busy while the page's form is being sent. */
export function SaveBar() {
  const { t } = useI18n();
  const busy = useNavigation().state === "submitting";
  return (
    <InlineStack align="end">
      <Button submit variant="primary" loading={busy}>
        {t("earn.save")}
      </Button>
    </InlineStack>
  );
}
