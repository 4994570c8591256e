// Reading posted admin forms (FormData, URLSearchParams): every field as the text it holds, and
// whole numbers as a merchant types them. What a value means is each form's own business.

/** What a form's values come from: FormData or URLSearchParams. */
export type FormSource = { get(name: string): unknown };

/** The field's text; a missing field (or a file) is empty, which validation then rejects. */
export function formText(source: FormSource, name: string): string {
  const value = source.get(name);
  return typeof value === "string" ? value : "";
}

/** The submitted `fields`, each as text. */
export const textFields = <F extends string>(source: FormSource, fields: readonly F[]) =>
  Object.fromEntries(fields.map((field) => [field, formText(source, field)])) as Record<F, string>;

/** "14" → 14; anything but plain digits (empty, "1.5", "1e3", "0x10", "-1") → NaN, which a schema rejects. */
export const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);
