// A button that downloads a CSV export. Inside Shopify's admin the app is in an iframe and
// authenticates with App Bridge's session token, which App Bridge adds to `fetch` but not to a
// plain link; so the file is fetched (the server streams it) and handed to the browser to save.
// A refused request (a bad date) answers 422 with each field's message key; any other failure is
// said beside the button.
import { Button, InlineStack, Text } from "@shopify/polaris";
import { useI18n } from "../i18n/context";
import { useState } from "react";
import type { MessageKey } from "../i18n/translate";

export type FieldErrors = Partial<Record<string, MessageKey>>;

/** The name in `Content-Disposition: attachment; filename="…"`, else `fallback`. */
const fileNameOf = (disposition: string | null, fallback: string) =>
  /filename="([^"]+)"/.exec(disposition ?? "")?.[1] ?? fallback;

export function DownloadButton({
  url,
  fallbackName,
  onErrors,
  children,
  variant,
}: {
  url: string;
  fallbackName: string;
  /** Called with the fields at fault (empty when the download worked). */
  onErrors?: (errors: FieldErrors) => void;
  children: string;
  variant?: "primary";
}) {
  const { t } = useI18n();
  const [loading, setLoading] = useState(false);
  const [failed, setFailed] = useState(false);
  const download = async () => {
    setLoading(true);
    setFailed(false);
    onErrors?.({});
    try {
      const response = await fetch(url);
      if (response.status === 422) {
        onErrors?.(((await response.json()) as { errors: FieldErrors }).errors);
        return;
      }
      if (!response.ok) throw new Error(`export answered ${response.status}`);
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = fileNameOf(response.headers.get("Content-Disposition"), fallbackName);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch {
      setFailed(true);
    } finally {
      setLoading(false);
    }
  };
  return (
    <InlineStack gap="200" blockAlign="center">
      <Button onClick={() => void download()} loading={loading} variant={variant}>
        {children}
      </Button>
      {failed && (
        <Text as="span" tone="critical">
          {t("transfer.export.failed")}
        </Text>
      )}
    </InlineStack>
  );
}
