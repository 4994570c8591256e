// The shop's members: search by email or name, filters (balance, activity, status), sort, pages,
// and a bulk adjustment of everyone the filtered list matches (run in the background; its
// progress shown below). The filter lives in the URL. Tiers don't exist yet: the column shows
// "—" and there is no tier filter until they do.
import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  FormLayout,
  IndexTable,
  InlineStack,
  Layout,
  Link,
  Page,
  Pagination,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { actorOf } from "../admin/audit.server";
import { DownloadButton } from "../admin/csv-download";
import { recentBulkJobs, startBulkAdjust, type BulkProgress } from "../admin/members-bulk.server";
import { changeOf, dateOf, nameOf, numberOf } from "../admin/members-format";
import {
  ACTIVITIES,
  filterParams,
  readAdjustment,
  readFilter,
  readPage,
  SORTS,
  STATUSES,
  type AdjustmentErrors,
  type FilterErrors,
  type MemberFilter,
} from "../admin/members-form";
import { AdjustmentRefused, listMembers } from "../admin/members.server";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/translate";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const { filter, errors } = readFilter(params);
  const [list, bulkJobs] = await Promise.all([
    listMembers(session.shop, filter, readPage(params)),
    recentBulkJobs(session.shop),
  ]);
  // A fresh key per page load: submitting the bulk form twice queues one job.
  return { ...list, filter, errors, bulkJobs, bulkKey: randomUUID() };
};

type BulkAnswer = { ok: true; progress: BulkProgress } | { ok: false; errors: AdjustmentErrors };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  const { filter, errors: filterErrors } = readFilter(form);
  if (Object.keys(filterErrors).length > 0) {
    return data<BulkAnswer>({ ok: false, errors: { form: "members.error.filter" } }, { status: 422 });
  }
  const input = readAdjustment(form);
  if (!input.ok) return data<BulkAnswer>({ ok: false, errors: input.errors }, { status: 422 });
  try {
    const progress = await startBulkAdjust(session.shop, filter, input.value, actorOf(sessionToken));
    return data<BulkAnswer>({ ok: true, progress });
  } catch (error) {
    if (error instanceof AdjustmentRefused)
      return data<BulkAnswer>({ ok: false, errors: error.errors }, { status: 422 });
    throw error;
  }
};

export default function Members() {
  const { members, page, hasNext, total, filter, errors, bulkJobs, bulkKey } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  const number = numberOf(locale);
  const date = dateOf(locale);
  const goTo = (to: number) => {
    const params = filterParams(filter);
    if (to > 1) params.set("page", String(to));
    navigate(`?${params.toString()}`);
  };

  return (
    <Page title={t("members.title")}>
      <Layout>
        <Layout.Section>
          {/* Keyed by the URL: "Clear" and back/forward start from the filter they show. */}
          <FilterForm key={location.search} filter={filter} errors={errors} />
        </Layout.Section>
        <Layout.Section>
          <Card padding="0">
            <BlockStack gap="200">
              <Box paddingInline="400" paddingBlockStart="300">
                <Text as="p" tone="subdued">
                  {total.capped
                    ? t("members.countCapped", { count: number(total.count) })
                    : t("members.count", { count: number(total.count) })}
                </Text>
              </Box>
              <IndexTable
                resourceName={{ singular: t("members.column.member"), plural: t("members.title") }}
                itemCount={members.length}
                selectable={false}
                emptyState={
                  <BlockStack gap="200" inlineAlign="center">
                    <Text as="h3" variant="headingMd">
                      {t("members.empty.title")}
                    </Text>
                    <Text as="p" tone="subdued">
                      {t("members.empty.body")}
                    </Text>
                  </BlockStack>
                }
                headings={[
                  { title: t("members.column.member") },
                  { title: t("members.column.balance"), alignment: "end" },
                  { title: t("members.column.pending"), alignment: "end" },
                  { title: t("members.column.tier") },
                  { title: t("members.column.lastActivity") },
                  { title: t("members.column.enrolled") },
                ]}
              >
                {members.map((member, index) => (
                  <IndexTable.Row id={member.id} key={member.id} position={index}>
                    <IndexTable.Cell>
                      <BlockStack gap="050">
                        <InlineStack gap="200" blockAlign="center">
                          <Link url={`/app/members/${member.id}`} removeUnderline dataPrimaryLink>
                            <Text as="span" fontWeight="semibold">
                              {nameOf(member) ?? t("members.noName")}
                            </Text>
                          </Link>
                          {member.status !== "active" && <Badge>{t("members.redacted")}</Badge>}
                        </InlineStack>
                        {member.email && (member.firstName || member.lastName) && (
                          <Text as="span" tone="subdued">
                            {member.email}
                          </Text>
                        )}
                      </BlockStack>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {number(member.available)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>
                      <Text as="span" alignment="end" numeric>
                        {number(member.pending)}
                      </Text>
                    </IndexTable.Cell>
                    <IndexTable.Cell>{t("members.none")}</IndexTable.Cell>
                    <IndexTable.Cell>{date(member.lastActivityAt) ?? t("members.never")}</IndexTable.Cell>
                    <IndexTable.Cell>{date(member.enrolledAt)}</IndexTable.Cell>
                  </IndexTable.Row>
                ))}
              </IndexTable>
              <InlineStack align="center">
                <Box padding="300">
                  <Pagination
                    hasPrevious={page > 1}
                    onPrevious={() => goTo(page - 1)}
                    hasNext={hasNext}
                    onNext={() => goTo(page + 1)}
                  />
                </Box>
              </InlineStack>
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <BulkForm key={bulkKey} filter={filter} bulkKey={bulkKey} jobs={bulkJobs} />
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function FilterForm({ filter, errors }: { filter: MemberFilter; errors: FilterErrors }) {
  const { t } = useI18n();
  const [search, setSearch] = useState(filter.search);
  const [min, setMin] = useState(filter.minBalance === null ? "" : String(filter.minBalance));
  const [max, setMax] = useState(filter.maxBalance === null ? "" : String(filter.maxBalance));
  const [activity, setActivity] = useState<string>(filter.activity);
  const [days, setDays] = useState(String(filter.days));
  const [status, setStatus] = useState<string>(filter.status);
  const [sort, setSort] = useState<string>(filter.sort);
  const message = (key: MessageKey | undefined) => (key ? t(key) : undefined);
  return (
    <Card>
      <Form method="get">
        <FormLayout>
          <TextField
            label={t("members.search.label")}
            name="q"
            value={search}
            onChange={setSearch}
            placeholder={t("members.search.placeholder")}
            autoComplete="off"
            error={message(errors.q)}
          />
          <FormLayout.Group condensed>
            <TextField
              label={t("members.filter.minBalance")}
              name="min"
              type="number"
              min={0}
              value={min}
              onChange={setMin}
              autoComplete="off"
              error={message(errors.min)}
            />
            <TextField
              label={t("members.filter.maxBalance")}
              name="max"
              type="number"
              min={0}
              value={max}
              onChange={setMax}
              autoComplete="off"
              error={message(errors.max)}
            />
            <Select
              label={t("members.filter.activity")}
              name="activity"
              value={activity}
              onChange={setActivity}
              options={ACTIVITIES.map((a) => ({
                value: a,
                label: t(a ? `members.filter.activity.${a}` : "members.filter.activity.any"),
              }))}
              error={message(errors.activity)}
            />
            <TextField
              label={t("members.filter.days")}
              name="days"
              type="number"
              min={1}
              value={days}
              onChange={setDays}
              autoComplete="off"
              disabled={activity === ""}
              error={message(errors.days)}
            />
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <Select
              label={t("members.filter.status")}
              name="status"
              value={status}
              onChange={setStatus}
              options={STATUSES.map((s) => ({ value: s, label: t(`members.filter.status.${s}`) }))}
              error={message(errors.status)}
            />
            <Select
              label={t("members.filter.sort")}
              name="sort"
              value={sort}
              onChange={setSort}
              options={SORTS.map((s) => ({ value: s, label: t(`members.sort.${s}`) }))}
              error={message(errors.sort)}
            />
          </FormLayout.Group>
          <InlineStack gap="200" blockAlign="center">
            <Button submit variant="primary">
              {t("members.filter.apply")}
            </Button>
            <Button url="/app/members">{t("members.filter.clear")}</Button>
            <DownloadButton url={`/app/members/export?${filterParams(filter)}`} fallbackName="members.csv">
              {t("transfer.export.members.button")}
            </DownloadButton>
            <Text as="span" tone="subdued">
              {t("members.filter.tierLater")}
            </Text>
          </InlineStack>
        </FormLayout>
      </Form>
    </Card>
  );
}

function BulkForm({ filter, bulkKey, jobs }: { filter: MemberFilter; bulkKey: string; jobs: BulkProgress[] }) {
  const { t, locale } = useI18n();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const errors: AdjustmentErrors = answer && !answer.ok ? answer.errors : {};
  const message = (key: MessageKey | undefined) => (key ? t(key) : undefined);
  const number = numberOf(locale);
  const change = changeOf(locale);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          {t("members.bulk.title")}
        </Text>
        <Text as="p" tone="subdued">
          {t("members.bulk.body")}
        </Text>
        {answer?.ok && (
          <Banner tone="success">{t("members.bulk.queued", { count: number(answer.progress.matched) })}</Banner>
        )}
        {errors.form && <Banner tone="critical">{t(errors.form)}</Banner>}
        <Form method="post">
          {[...filterParams(filter)].map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <input type="hidden" name="idempotencyKey" value={bulkKey} />
          <FormLayout>
            <FormLayout.Group condensed>
              <TextField
                label={t("members.adjust.points")}
                name="points"
                value={points}
                onChange={setPoints}
                helpText={t("members.adjust.pointsHelp")}
                autoComplete="off"
                error={message(errors.points)}
              />
              <TextField
                label={t("members.adjust.reason")}
                name="reason"
                value={reason}
                onChange={setReason}
                maxLength={200}
                showCharacterCount
                autoComplete="off"
                error={message(errors.reason ?? errors.idempotencyKey)}
              />
            </FormLayout.Group>
            <Button submit loading={navigation.state === "submitting"}>
              {t("members.bulk.submit")}
            </Button>
          </FormLayout>
        </Form>
        {jobs.length > 0 && (
          <BlockStack gap="200">
            <Text as="h3" variant="headingSm">
              {t("members.bulk.recent")}
            </Text>
            {jobs.map((job) => (
              <InlineStack key={job.key} gap="200" blockAlign="center">
                <Badge tone={job.status === "done" ? "success" : job.status === "failed" ? "critical" : "info"}>
                  {t(`members.bulk.status.${job.status}`)}
                </Badge>
                <Text as="span">
                  {t("members.bulk.progress", {
                    points: change(job.points),
                    applied: number(job.applied),
                    matched: number(job.matched),
                    skipped: number(job.skipped),
                  })}
                </Text>
                <Text as="span" tone="subdued">
                  {dateOf(locale)(job.startedAt)}
                </Text>
              </InlineStack>
            ))}
          </BlockStack>
        )}
      </BlockStack>
    </Card>
  );
}
