// Controlled form fields for the admin's pages: the values as typed (kept when the server refuses
// them), the props a Polaris field takes (name, value, change handler, the server's message) and
// each refusal in the admin's language.
import { useState } from "react";
import { useI18n } from "../../i18n/context";
import type { MessageKey } from "../../i18n/translate";

/** Why the server refused a field: a message key, or one with values to fill in. */
export type FieldMessage = MessageKey | { key: MessageKey; values?: Record<string, string> };

/** The message beside `field`, in the admin's language, when the server refused it. */
export function useFieldErrors<F extends string>(errors: Partial<Record<F, FieldMessage>> | undefined) {
  const { t } = useI18n();
  return (field: F): string | undefined => {
    const error = errors?.[field];
    if (!error) return undefined;
    return typeof error === "string" ? t(error) : t(error.key, error.values);
  };
}

type KeysOf<V, T> = { [K in keyof V]: V[K] extends T ? K : never }[keyof V] & string;

/**
 * A form's values as typed and, per field, the props a Polaris field takes: `field` for text
 * fields and selects, `checkbox` for a yes/no. `extra` goes on every text field (e.g. disabled).
 */
export function useFields<V extends { [K in keyof V]: string | boolean }>(
  initial: V,
  error: (field: keyof V & string) => string | undefined = () => undefined,
  extra: { disabled?: boolean } = {},
) {
  const [values, setValues] = useState(initial);
  const set =
    <K extends keyof V>(name: K) =>
    (value: V[K]) =>
      setValues((current) => ({ ...current, [name]: value }));
  const field = (name: KeysOf<V, string>) => ({
    name,
    value: values[name] as string,
    onChange: set(name) as (value: string) => void,
    error: error(name),
    autoComplete: "off",
    ...extra,
  });
  const checkbox = (name: KeysOf<V, boolean>) => ({
    name,
    checked: values[name] as boolean,
    onChange: set(name) as (checked: boolean) => void,
  });
  return { values, setValues, set, field, checkbox };
}
