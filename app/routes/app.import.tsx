// Import and export: the members and ledger CSV downloads; the upload of starting balances
// (a dry run first, `?run=<id>` shows it), Import or Discard, and the recent imports, refreshed
// every few seconds while one is running. Another shop's run is a 404.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useRevalidator } from "@remix-run/react";
import { BlockStack, Layout, Page } from "@shopify/polaris";
import { useEffect } from "react";
import { actorOf } from "../admin/audit.server";
import { LEDGER_COLUMNS, MEMBER_COLUMNS } from "../admin/export.server";
import {
  applyImport,
  discardImport,
  importRun,
  ImportNotFound,
  ImportRefused,
  MAX_IMPORT_BYTES,
  MAX_IMPORT_ROWS,
  previewImport,
  recentImports,
  type RefusalCode,
} from "../admin/import.server";
import { ExportCard, PreviewCard, RunsCard, UploadCard } from "../admin/transfer-cards";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

const DAY_MS = 24 * 60 * 60_000;
const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;
const POLL_MS = 2000;

const notFound = () => new Response("No such import", { status: 404 });
const day = (date: Date) => date.toISOString().slice(0, 10);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const runId = new URL(request.url).searchParams.get("run");
  const [runs, preview] = await Promise.all([
    recentImports(session.shop),
    runId ? importRun(session.shop, runId).catch(rethrowNotFound) : null,
  ]);
  const now = new Date();
  return {
    runs,
    preview,
    range: { from: day(new Date(now.getTime() - 30 * DAY_MS)), to: day(now) },
    limits: { rows: MAX_IMPORT_ROWS, megabytes: MEGABYTES },
    columns: { members: MEMBER_COLUMNS, ledger: LEDGER_COLUMNS },
  };
};

function rethrowNotFound(error: unknown): never {
  throw error instanceof ImportNotFound ? notFound() : error;
}

type Refusal = { code: RefusalCode; row: number | null };
type ImportAnswer = { ok: true; queued: string } | { ok: false; refused: Refusal };

const refused = (code: RefusalCode, row: number | null = null, status = 422) =>
  data<ImportAnswer>({ ok: false, refused: { code, row } }, { status });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  // Refused before the body is read: a file too large never fills the server's memory.
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMPORT_BYTES + 64 * 1024)
    return refused("tooLarge", null, 413);
  const form = await request.formData();
  const runId = String(form.get("runId") ?? "");
  try {
    switch (form.get("intent")) {
      case "upload": {
        const file = form.get("file");
        if (!(file instanceof File) || file.size === 0) return refused("noFile");
        if (file.size > MAX_IMPORT_BYTES) return refused("tooLarge", null, 413);
        const run = await previewImport(session.shop, actorOf(sessionToken), file.name, await file.text());
        return redirect(`/app/import?run=${run.id}`);
      }
      case "apply": {
        const run = await applyImport(session.shop, runId, actorOf(sessionToken));
        return data<ImportAnswer>({ ok: true, queued: run.id });
      }
      case "discard":
        await discardImport(session.shop, runId);
        return redirect("/app/import");
      default:
        return new Response("Unknown intent", { status: 400 });
    }
  } catch (error) {
    if (error instanceof ImportNotFound) throw notFound();
    if (error instanceof ImportRefused) return refused(error.code, error.row);
    throw error;
  }
};

export default function ImportExport() {
  const { runs, preview, range, limits, columns } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>() as ImportAnswer | undefined;
  const { t, locale } = useI18n();
  const revalidator = useRevalidator();
  const active = runs.some((run) => run.status === "queued" || run.status === "running");
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (revalidator.state === "idle") revalidator.revalidate();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [active, revalidator]);

  const refusal =
    answer && !answer.ok
      ? t(`transfer.refused.${answer.refused.code}`, {
          row: answer.refused.row ?? "",
          rows: new Intl.NumberFormat(locale).format(limits.rows),
          size: limits.megabytes,
        })
      : null;
  return (
    <Page title={t("transfer.title")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {preview && <PreviewCard run={preview} queued={answer?.ok === true && answer.queued === preview.id} />}
            <UploadCard limits={limits} refusal={refusal} />
            <RunsCard runs={runs} />
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <ExportCard range={range} columns={columns} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}
