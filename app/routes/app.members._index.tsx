// The shop's members: search by email or name, filters (balance, activity, status, VIP tier,
// segment: the segments page links here with one chosen), sort, pages, and a bulk adjustment of
// everyone the filtered list matches (run in the background; its progress shown below). The
// filter lives in the URL, so the bulk form and the export carry it. The tier column and filter
// go by each member's effective tier, and show only while the shop's tiers are on; tier segments
// likewise.
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
import {
  AdjustmentRefused,
  filterChoices,
  filterContext,
  listMembers,
  MEMBERS_PAGE,
  segmentOptions,
} from "../admin/members.server";
import { segmentLabel, type SegmentOption } from "../admin/segment-ui";
import { tierLabel, tierNames, type TierName } from "../admin/tier-cards";
import { HiddenFields, TitledCard } from "../admin/ui/cards";
import { useFieldErrors, useFields } from "../admin/ui/fields";
import db from "../db.server";
import { useI18n } from "../i18n/context";
import { effectiveTier } from "../loyalty/tiers";
import { authenticate } from "../shopify.server";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const params = new URL(request.url).searchParams;
  const context = await filterContext(db, session.shop);
  const { ladder } = context;
  const { tierIds, segmentIds } = filterChoices(context);
  const { filter, errors } = readFilter(params, tierIds, segmentIds);
  const [list, bulkJobs] = await Promise.all([
    listMembers(session.shop, filter, readPage(params), new Date(), MEMBERS_PAGE, context),
    recentBulkJobs(session.shop),
  ]);
  const members = list.members.map(({ tierId, ...member }) => ({
    ...member,
    tierId: effectiveTier(ladder, tierId)?.id ?? null,
  }));
  // A fresh key per page load: submitting the bulk form twice queues one job.
  return {
    ...list,
    members,
    tiers: ladder?.enabled ? tierNames(ladder) : null,
    segments: segmentOptions(context),
    filter,
    errors,
    bulkJobs,
    bulkKey: randomUUID(),
  };
};

type BulkAnswer = { ok: true; progress: BulkProgress } | { ok: false; errors: AdjustmentErrors };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  const { tierIds, segmentIds } = filterChoices(await filterContext(db, session.shop));
  const { filter, errors: filterErrors } = readFilter(form, tierIds, segmentIds);
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
  const { members, page, hasNext, total, tiers, segments, filter, errors, bulkJobs, bulkKey } =
    useLoaderData<typeof loader>();
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
          <FilterForm key={location.search} filter={filter} errors={errors} tiers={tiers} segments={segments} />
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
                  ...(tiers ? [{ title: t("members.column.tier") }] : []),
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
                    {tiers && (
                      <IndexTable.Cell>
                        {member.tierId ? tierLabel(t, locale, tiers, member.tierId) : t("members.none")}
                      </IndexTable.Cell>
                    )}
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

function FilterForm({
  filter,
  errors,
  tiers,
  segments,
}: {
  filter: MemberFilter;
  errors: FilterErrors;
  tiers: TierName[] | null;
  /** The shop's segments now (none without a program). */
  segments: SegmentOption[];
}) {
  const { t, locale } = useI18n();
  const { values, field } = useFields(
    {
      q: filter.search,
      min: filter.minBalance === null ? "" : String(filter.minBalance),
      max: filter.maxBalance === null ? "" : String(filter.maxBalance),
      activity: filter.activity as string,
      days: String(filter.days),
      status: filter.status as string,
      sort: filter.sort as string,
      tier: filter.tier ?? "",
      segment: filter.segment ?? "",
    },
    useFieldErrors(errors),
  );
  return (
    <Card>
      <Form method="get">
        <FormLayout>
          <TextField label={t("members.search.label")} placeholder={t("members.search.placeholder")} {...field("q")} />
          <FormLayout.Group condensed>
            <TextField label={t("members.filter.minBalance")} type="number" min={0} {...field("min")} />
            <TextField label={t("members.filter.maxBalance")} type="number" min={0} {...field("max")} />
            <Select
              label={t("members.filter.activity")}
              options={ACTIVITIES.map((a) => ({
                value: a,
                label: t(a ? `members.filter.activity.${a}` : "members.filter.activity.any"),
              }))}
              {...field("activity")}
            />
            <TextField
              label={t("members.filter.days")}
              type="number"
              min={1}
              disabled={values.activity === ""}
              {...field("days")}
            />
          </FormLayout.Group>
          <FormLayout.Group condensed>
            <Select
              label={t("members.filter.status")}
              options={STATUSES.map((s) => ({ value: s, label: t(`members.filter.status.${s}`) }))}
              {...field("status")}
            />
            <Select
              label={t("members.filter.sort")}
              options={SORTS.map((s) => ({ value: s, label: t(`members.sort.${s}`) }))}
              {...field("sort")}
            />
            {tiers && (
              <Select
                label={t("members.filter.tier")}
                options={[
                  { value: "", label: t("members.filter.tier.any") },
                  ...tiers.map((tier) => ({ value: tier.id, label: tier.name[locale] })),
                ]}
                {...field("tier")}
              />
            )}
            {/* Shown with an error even when nothing is offered, so a bad link says what is wrong. */}
            {(segments.length > 0 || errors.segment) && (
              <Select
                label={t("members.filter.segment")}
                options={[
                  { value: "", label: t("members.filter.segment.any") },
                  ...segments.map((segment) => ({ value: segment.id, label: segmentLabel(t, locale, segment) })),
                ]}
                {...field("segment")}
              />
            )}
          </FormLayout.Group>
          <InlineStack gap="200" blockAlign="center">
            <Button submit variant="primary">
              {t("members.filter.apply")}
            </Button>
            <Button url="/app/members">{t("members.filter.clear")}</Button>
            <DownloadButton url={`/app/members/export?${filterParams(filter)}`} fallbackName="members.csv">
              {t("transfer.export.members.button")}
            </DownloadButton>
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
  const errors = answer && !answer.ok ? answer.errors : undefined;
  const error = useFieldErrors(errors);
  const { field } = useFields({ points: "", reason: "" }, error);
  const number = numberOf(locale);
  return (
    <TitledCard title={t("members.bulk.title")} help={t("members.bulk.body")}>
      {answer?.ok && (
        <Banner tone="success">{t("members.bulk.queued", { count: number(answer.progress.matched) })}</Banner>
      )}
      {errors?.form && <Banner tone="critical">{t(errors.form)}</Banner>}
      <Form method="post">
        <HiddenFields fields={filterParams(filter)} />
        <input type="hidden" name="idempotencyKey" value={bulkKey} />
        <FormLayout>
          <FormLayout.Group condensed>
            <TextField
              label={t("members.adjust.points")}
              helpText={t("members.adjust.pointsHelp")}
              {...field("points")}
            />
            <TextField
              label={t("members.adjust.reason")}
              maxLength={200}
              showCharacterCount
              {...field("reason")}
              error={error("reason") ?? error("idempotencyKey")}
            />
          </FormLayout.Group>
          <Button submit loading={navigation.state === "submitting"}>
            {t("members.bulk.submit")}
          </Button>
        </FormLayout>
      </Form>
      {jobs.length > 0 && <BulkJobs jobs={jobs} />}
    </TitledCard>
  );
}

/** The latest bulk adjustments and how far each has got. */
function BulkJobs({ jobs }: { jobs: BulkProgress[] }) {
  const { t, locale } = useI18n();
  const number = numberOf(locale);
  const change = changeOf(locale);
  const date = dateOf(locale);
  return (
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
            {date(job.startedAt)}
          </Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
