// The import/export page's cards: the two exports (each a streamed CSV download), the upload of
// starting balances, a dry run's result with Import and Discard, and the recent imports with
// their progress.
import { Form, useNavigation, useSubmit } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  DropZone,
  FormLayout,
  InlineStack,
  Link,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState, type ReactNode } from "react";
import { useI18n } from "../i18n/context";
import { DownloadButton, type FieldErrors } from "./csv-download";
import type { ImportRunView, ImportStatus } from "./import.server";
import { dateOf, numberOf } from "./members-format";
import { TitledCard } from "./ui/cards";
import { useFieldErrors, useFields } from "./ui/fields";

/** A run as loader data (dates may arrive as text). */
export type RunData = Omit<ImportRunView, "createdAt" | "updatedAt"> & {
  createdAt: string | Date;
  updatedAt: string | Date;
};

const STATUS_TONE: Record<ImportStatus, "info" | "success" | "critical" | "attention" | undefined> = {
  previewed: undefined,
  queued: "info",
  running: "attention",
  done: "success",
  failed: "critical",
};

/** One export: what it holds, its columns, and the controls that make the file. */
function ExportSection({
  title,
  body,
  columns,
  children,
}: {
  title: string;
  body: string;
  columns: readonly string[];
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <BlockStack gap="200">
      <Text as="h3" variant="headingSm">
        {title}
      </Text>
      <Text as="p">{body}</Text>
      <Text as="p" tone="subdued" breakWord>
        {t("transfer.export.columns", { columns: columns.join(", ") })}
      </Text>
      <FormLayout>{children}</FormLayout>
    </BlockStack>
  );
}

export function ExportCard({
  range,
  columns,
}: {
  range: { from: string; to: string };
  columns: { members: readonly string[]; ledger: readonly string[] };
}) {
  const { t } = useI18n();
  const [status, setStatus] = useState("active");
  const [errors, setErrors] = useState<FieldErrors>({});
  const { values, field } = useFields(range, useFieldErrors(errors));
  const ledgerUrl = `/app/ledger/export?${new URLSearchParams(values).toString()}`;
  return (
    <Card>
      <BlockStack gap="400">
        <BlockStack gap="100">
          <Text as="h2" variant="headingMd">
            {t("transfer.export.title")}
          </Text>
          <Text as="p" tone="subdued">
            {t("transfer.export.body")}
          </Text>
        </BlockStack>
        <ExportSection
          title={t("transfer.export.members.title")}
          body={t("transfer.export.members.body")}
          columns={columns.members}
        >
          <Select
            label={t("transfer.export.members.status")}
            value={status}
            onChange={setStatus}
            options={[
              { value: "active", label: t("transfer.export.members.status.active") },
              { value: "all", label: t("transfer.export.members.status.all") },
            ]}
          />
          <DownloadButton url={`/app/members/export?status=${status}`} fallbackName="members.csv">
            {t("transfer.export.members.button")}
          </DownloadButton>
        </ExportSection>
        <ExportSection
          title={t("transfer.export.ledger.title")}
          body={t("transfer.export.ledger.body")}
          columns={columns.ledger}
        >
          <FormLayout.Group condensed>
            <TextField label={t("transfer.export.ledger.from")} type="date" {...field("from")} />
            <TextField label={t("transfer.export.ledger.to")} type="date" {...field("to")} />
          </FormLayout.Group>
          <DownloadButton url={ledgerUrl} fallbackName="ledger.csv" onErrors={setErrors}>
            {t("transfer.export.ledger.button")}
          </DownloadButton>
        </ExportSection>
      </BlockStack>
    </Card>
  );
}

export function UploadCard({
  limits,
  refusal,
}: {
  limits: { rows: number; megabytes: number };
  refusal: string | null;
}) {
  const { t, locale } = useI18n();
  const submit = useSubmit();
  const navigation = useNavigation();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const number = numberOf(locale);
  const check = () => {
    if (!file) {
      setMissing(true);
      return;
    }
    const form = new FormData();
    form.set("intent", "upload");
    form.set("file", file);
    submit(form, { method: "post", encType: "multipart/form-data" });
  };
  return (
    <TitledCard title={t("transfer.import.title")}>
      <Text as="p">{t("transfer.import.body")}</Text>
      <Text as="p" tone="subdued">
        {t("transfer.import.columns")}
      </Text>
      {refusal && <Banner tone="critical">{refusal}</Banner>}
      <DropZone
        label={t("transfer.import.file")}
        accept=".csv,text/csv"
        type="file"
        allowMultiple={false}
        error={missing}
        onDrop={(_all, accepted) => {
          setFile(accepted[0] ?? null);
          setMissing(false);
        }}
      >
        {file ? (
          <BlockStack inlineAlign="center">
            <Text as="p">{t("transfer.import.selected", { name: file.name })}</Text>
          </BlockStack>
        ) : (
          <DropZone.FileUpload
            actionTitle={t("transfer.import.choose")}
            actionHint={t("transfer.import.hint", { rows: number(limits.rows), size: limits.megabytes })}
          />
        )}
      </DropZone>
      {missing && (
        <Text as="p" tone="critical">
          {t("transfer.refused.noFile")}
        </Text>
      )}
      <InlineStack>
        <Button variant="primary" onClick={check} loading={navigation.state === "submitting"}>
          {t("transfer.import.check")}
        </Button>
      </InlineStack>
    </TitledCard>
  );
}

export function PreviewCard({ run, queued }: { run: RunData; queued: boolean }) {
  const { t, locale } = useI18n();
  const navigation = useNavigation();
  const number = numberOf(locale);
  const busy = navigation.state === "submitting";
  return (
    <TitledCard
      title={t("transfer.preview.title", { file: run.fileName })}
      badge={<Badge tone={STATUS_TONE[run.status]}>{t(`transfer.status.${run.status}`)}</Badge>}
    >
      <Text as="p">
        {t("transfer.preview.counts", {
          total: number(run.total),
          valid: number(run.valid),
          invalid: number(run.total - run.valid),
        })}
      </Text>
      {queued && <Banner tone="success">{t("transfer.preview.queued")}</Banner>}
      {run.status === "previewed" && (
        <>
          {run.lookups > 0 && <Text as="p">{t("transfer.preview.lookups", { count: number(run.lookups) })}</Text>}
          <Text as="p" tone="subdued">
            {t("transfer.preview.points")}
          </Text>
          <InlineStack gap="200">
            <Form method="post">
              <input type="hidden" name="intent" value="apply" />
              <input type="hidden" name="runId" value={run.id} />
              <Button submit variant="primary" disabled={run.valid === 0} loading={busy}>
                {t("transfer.preview.apply", { count: number(run.valid) })}
              </Button>
            </Form>
            <Form method="post">
              <input type="hidden" name="intent" value="discard" />
              <input type="hidden" name="runId" value={run.id} />
              <Button submit disabled={busy}>
                {t("transfer.preview.discard")}
              </Button>
            </Form>
          </InlineStack>
        </>
      )}
      {run.status !== "previewed" && <Progress run={run} />}
      {run.errors.length > 0 && (
        <BlockStack gap="200">
          <Text as="h3" variant="headingSm">
            {t("transfer.preview.problems", { count: number(run.errors.length) })}
          </Text>
          <DataTable
            columnContentTypes={["numeric", "text", "text"]}
            headings={[t("transfer.preview.row"), t("transfer.preview.field"), t("transfer.preview.problem")]}
            rows={run.errors.map((e) => [e.row, t(`transfer.field.${e.field}`), t(e.message)])}
          />
        </BlockStack>
      )}
    </TitledCard>
  );
}

function Progress({ run }: { run: RunData }) {
  const { t, locale } = useI18n();
  const number = numberOf(locale);
  return (
    <Text as="span">
      {run.status === "previewed"
        ? t("transfer.runs.checked", { valid: number(run.valid), total: number(run.total) })
        : t("transfer.runs.progress", {
            processed: number(run.processed),
            total: number(run.total),
            applied: number(run.applied),
            skipped: number(run.skipped),
          })}
    </Text>
  );
}

export function RunsCard({ runs }: { runs: RunData[] }) {
  const { t, locale } = useI18n();
  const date = dateOf(locale);
  return (
    <TitledCard title={t("transfer.runs.title")}>
      {runs.length === 0 && (
        <Text as="p" tone="subdued">
          {t("transfer.runs.empty")}
        </Text>
      )}
      {runs.map((run) => (
        <InlineStack key={run.id} gap="200" blockAlign="center" wrap>
          <Badge tone={STATUS_TONE[run.status]}>{t(`transfer.status.${run.status}`)}</Badge>
          <Link url={`/app/import?run=${run.id}`}>{run.fileName}</Link>
          <Progress run={run} />
          <Text as="span" tone="subdued">
            {date(run.createdAt)}
          </Text>
        </InlineStack>
      ))}
    </TitledCard>
  );
}
