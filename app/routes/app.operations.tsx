// /app/operations: the sync queue (waiting, failed with why, retry), the webhook deliveries
// processed, and the program's health. Reads and the retry live in admin/operations.server.ts.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { Banner, BlockStack, Layout, List, Page } from "@shopify/polaris";
import { z } from "zod";
import { actorOf } from "../admin/audit.server";
import { FailedJobsCard, HealthCard, QueueCard, WebhooksCard } from "../admin/operations-cards";
import type { Reason } from "../admin/operations-health";
import { operationsOverview, problemJobs, retryDeadJobs, retryJob } from "../admin/operations.server";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

// A page number that isn't one shows the first page.
const pageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const now = new Date();
  const page = pageParam.parse(new URL(request.url).searchParams.get("page") ?? 1);
  const [overview, failed] = await Promise.all([
    operationsOverview(session.shop, now),
    problemJobs(session.shop, { page }),
  ]);
  return { now, overview, failed };
};

const retrySchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("retry"), jobId: z.string().trim().min(1).max(64) }),
  z.object({ intent: z.literal("retryKind"), kind: z.string().trim().min(1).max(64) }),
]);

type ActionError = "invalid" | "not_found" | "not_retryable" | "changed" | "nothing_to_retry";
export type ActionResult = { ok: true; retried: number } | { ok: false; error: ActionError; field?: string };

const failure = (error: ActionError, status: number, field?: string) =>
  data<ActionResult>({ ok: false, error, ...(field ? { field } : {}) }, { status });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  if (request.method !== "POST") return failure("invalid", 405);
  const parsed = retrySchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return failure("invalid", 400, String(parsed.error.issues[0]?.path[0] ?? "intent"));
  const actor = actorOf(sessionToken);
  if (parsed.data.intent === "retryKind") {
    const retried = await retryDeadJobs(session.shop, actor, parsed.data.kind);
    return retried > 0 ? data<ActionResult>({ ok: true, retried }) : failure("nothing_to_retry", 409, "kind");
  }
  const outcome = await retryJob(session.shop, actor, parsed.data.jobId);
  if (outcome.ok) return data<ActionResult>({ ok: true, retried: 1 });
  return failure(outcome.reason, outcome.reason === "not_found" ? 404 : 409, "jobId");
};

function ReasonText({ reason }: { reason: Reason }) {
  const { t } = useI18n();
  switch (reason.code) {
    case "dead_jobs":
    case "retrying":
      return <>{t(`operations.reason.${reason.code}`, { count: reason.count })}</>;
    case "sync_delayed":
      return <>{t("operations.reason.sync_delayed", { minutes: reason.minutes })}</>;
    default:
      return <>{t(`operations.reason.${reason.code}`)}</>;
  }
}

export default function Operations() {
  const { now, overview, failed } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [, setSearchParams] = useSearchParams();
  const { t } = useI18n();
  const busy = navigation.state === "submitting";
  const { level, reasons } = overview.health;
  const clock = new Date(now);
  return (
    <Page title={t("operations.title")} subtitle={t("operations.subtitle")}>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {result ? (
              <Banner tone={result.ok ? "success" : "critical"}>
                {result.ok ? t("operations.retried", { count: result.retried }) : t(`operations.error.${result.error}`)}
              </Banner>
            ) : null}
            {level === "critical" || level === "warning" ? (
              <Banner
                tone={level}
                title={t(level === "critical" ? "operations.banner.critical" : "operations.banner.warning")}
              >
                <List>
                  {reasons.map((reason) => (
                    <List.Item key={reason.code}>
                      <ReasonText reason={reason} />
                    </List.Item>
                  ))}
                </List>
              </Banner>
            ) : null}
            <HealthCard overview={overview} />
            <QueueCard kinds={overview.kinds} now={clock} busy={busy} />
            <FailedJobsCard
              jobs={failed.jobs}
              page={failed.page}
              hasNext={failed.hasNext}
              busy={busy}
              onPage={(page) => setSearchParams({ page: String(page) })}
            />
            <WebhooksCard webhooks={overview.webhooks} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}
