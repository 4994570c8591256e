// One member: balances, ledger history (paged), reward codes, orders, and a manual adjustment
// with a required reason. The form carries an idempotency key made by the loader, so a double
// submit adjusts once; a new key comes with each page load after it. Another shop's member is a 404.
// While the shop's VIP tiers are on: the member's tier card, the override form (intent=tier, a
// reason required) and the tier timeline.
import { randomUUID } from "node:crypto";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Box,
  Button,
  FormLayout,
  InlineStack,
  Layout,
  Link,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { actorOf } from "../admin/audit.server";
import { changeOf, dateOf, nameOf, numberOf, numericId } from "../admin/members-format";
import { readAdjustment, RECENT_ROWS, type AdjustmentErrors } from "../admin/members-form";
import {
  adjustMember,
  AdjustmentRefused,
  memberDetail,
  MemberNotFound,
  type AdjustmentResult,
} from "../admin/members.server";
import {
  MemberTierCard,
  tierLabel,
  tierNames,
  TierOverrideForm,
  TierTimelineCard,
  type MemberTierData,
} from "../admin/tier-cards";
import { readOverride, type OverrideErrors } from "../admin/tiers-form";
import { CursorPager, TableCard, TitledCard } from "../admin/ui/cards";
import { useFieldErrors, useFields } from "../admin/ui/fields";
import db from "../db.server";
import { useI18n } from "../i18n/context";
import type { MessageKey } from "../i18n/translate";
import { LAUREL_NOTES, REASONS, type LaurelNote } from "../loyalty/ledger";
import type { Ladder } from "../loyalty/tiers";
import { loadProgram } from "../points/program.server";
import { authenticate } from "../shopify.server";
import { loadLadder } from "../tiers/ladder.server";
import { memberTier, overrideTier, TierOverrideRefused, tierTimeline } from "../tiers/views.server";

/** Laurel's own notes in the admin's language: one string per note the ledger names. */
const NOTE_LABELS: Record<LaurelNote, MessageKey> = {
  [LAUREL_NOTES.signup]: "members.note.signup",
  [LAUREL_NOTES.birthday]: "members.note.birthday",
  [LAUREL_NOTES.newsletter]: "members.note.newsletter",
  [LAUREL_NOTES.codeExpired]: "members.note.code_expired_unused",
  [LAUREL_NOTES.orderRefunded]: "members.note.order_refunded",
  [LAUREL_NOTES.orderCancelled]: "members.note.order_cancelled",
};

const notFound = () => new Response("No such member", { status: 404 });

/** The member's tier card and timeline; null while the shop's tiers are off. */
async function tierData(shop: string, memberId: string, ladder: Ladder | null): Promise<MemberTierData | null> {
  if (!ladder?.enabled) return null;
  const [view, timeline, program] = await Promise.all([
    memberTier(db, ladder, { id: memberId, shop }),
    tierTimeline(shop, memberId),
    loadProgram(db, shop),
  ]);
  // Spend is in the program's currency; every installed shop has a program.
  if (!view || !program) return null;
  return {
    metric: ladder.metric,
    window: ladder.window,
    currency: program.currency,
    tiers: tierNames(ladder),
    tierId: view.tier?.id ?? null,
    value: view.value,
    progress: { next: view.progress.next?.id ?? null, needed: view.progress.needed, percent: view.progress.percent },
    since: view.since,
    reviewAt: view.reviewAt,
    locked: view.locked,
    timeline,
  };
}

export const loader = async ({ request, params }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const cursor = new URL(request.url).searchParams.get("cursor");
  const [member, ladder] = await Promise.all([
    memberDetail(session.shop, params.id ?? "", cursor),
    loadLadder(db, session.shop),
  ]);
  if (!member) throw notFound();
  const tier = await tierData(session.shop, member.id, ladder);
  return { member, tier, olderPage: cursor !== null, idempotencyKey: randomUUID() };
};

type AdjustAnswer = { ok: true; result: AdjustmentResult } | { ok: false; errors: AdjustmentErrors };
type TierAnswer =
  | { intent: "tier"; ok: true; tierId: string | null; locked: boolean }
  | { intent: "tier"; ok: false; errors: OverrideErrors };

const TIER_REFUSALS: Record<Exclude<TierOverrideRefused["code"], "noMember">, OverrideErrors> = {
  noTier: { tierId: "tiers.error.noTier" },
  noTiers: { form: "tiers.error.noTiers" },
  reasonRequired: { reason: "tiers.error.reason" },
};

/** The merchant sets the member's tier by hand, or hands it back to the rules. */
async function setTier(shop: string, memberId: string, form: FormData, actor: string) {
  const input = readOverride(form);
  if (!input.ok) return data<TierAnswer>({ intent: "tier", ok: false, errors: input.errors }, { status: 422 });
  try {
    const state = await overrideTier(shop, memberId, input.value.tierId, input.value.reason, actor);
    return data<TierAnswer>({ intent: "tier", ok: true, tierId: state.tierId, locked: state.locked });
  } catch (error) {
    if (!(error instanceof TierOverrideRefused)) throw error;
    if (error.code === "noMember") throw notFound();
    return data<TierAnswer>({ intent: "tier", ok: false, errors: TIER_REFUSALS[error.code] }, { status: 422 });
  }
}

export const action = async ({ request, params }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const form = await request.formData();
  if (form.get("intent") === "tier") return setTier(session.shop, params.id ?? "", form, actorOf(sessionToken));
  const input = readAdjustment(form);
  if (!input.ok) return data<AdjustAnswer>({ ok: false, errors: input.errors }, { status: 422 });
  try {
    const result = await adjustMember(session.shop, params.id ?? "", input.value, actorOf(sessionToken));
    return data<AdjustAnswer>({ ok: true, result });
  } catch (error) {
    if (error instanceof MemberNotFound) throw notFound();
    if (error instanceof AdjustmentRefused)
      return data<AdjustAnswer>({ ok: false, errors: error.errors }, { status: 422 });
    throw error;
  }
};

export default function MemberPage() {
  const { member, tier, olderPage, idempotencyKey } = useLoaderData<typeof loader>();
  const { t, locale } = useI18n();
  const number = numberOf(locale);
  const change = changeOf(locale);
  const date = dateOf(locale);
  const reasonLabel = (reason: string) =>
    t(
      (REASONS as readonly string[]).includes(reason)
        ? (`members.reason.${reason}` as MessageKey)
        : "members.reason.other",
    );
  // Laurel's own notes ("signup", "code expired unused") in the admin's language; a merchant's
  // words (an adjustment's reason) and custom actions ("action:<id>") as they are.
  const noteLabel = (note: string | null) => {
    if (!note) return "";
    return note in NOTE_LABELS ? t(NOTE_LABELS[note as LaurelNote]) : note;
  };
  const active = member.status === "active";

  return (
    <Page
      title={nameOf(member) ?? t("members.member.title")}
      titleMetadata={active ? undefined : <Badge>{t("members.redacted")}</Badge>}
      backAction={{ content: t("members.title"), url: "/app/members" }}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            {/* Keyed by the key: after an adjustment the next one starts from an empty form. */}
            {active ? <AdjustForm key={idempotencyKey} idempotencyKey={idempotencyKey} /> : null}
            {!active && <Banner tone="info">{t("members.error.redacted")}</Banner>}
            {tier && <TierTimelineCard data={tier} />}

            <TableCard
              title={t("members.ledger.title")}
              empty={t("members.ledger.empty")}
              table={{
                columnContentTypes: ["text", "text", "numeric", "numeric", "text"],
                headings: [
                  t("members.ledger.date"),
                  t("members.ledger.reason"),
                  t("members.ledger.points"),
                  t("members.ledger.pending"),
                  t("members.ledger.note"),
                ],
                rows: member.ledger.entries.map((e) => [
                  date(e.createdAt),
                  reasonLabel(e.reason),
                  e.available === 0 ? "" : change(e.available),
                  e.pending === 0 ? "" : change(e.pending),
                  noteLabel(e.note),
                ]),
              }}
            >
              <CursorPager
                newest={olderPage && { url: `/app/members/${member.id}`, label: t("members.ledger.newest") }}
                older={
                  member.ledger.next
                    ? {
                        url: `/app/members/${member.id}?cursor=${encodeURIComponent(member.ledger.next)}`,
                        label: t("members.ledger.older"),
                      }
                    : null
                }
              />
            </TableCard>

            <TableCard
              title={t("members.codes.title")}
              empty={t("members.codes.empty")}
              table={{
                columnContentTypes: ["text", "text", "numeric", "text", "text", "text"],
                headings: [
                  t("members.codes.code"),
                  t("members.codes.reward"),
                  t("members.codes.points"),
                  t("members.codes.status"),
                  t("members.codes.ends"),
                  t("members.codes.used"),
                ],
                rows: member.codes.map((c) => [
                  c.code,
                  c.title,
                  number(c.points),
                  t(`members.codes.status.${c.status}`),
                  date(c.endsAt),
                  date(c.usedAt) ?? t("members.none"),
                ]),
              }}
            >
              <LatestNote shown={member.codes.length} />
            </TableCard>

            <TableCard
              title={t("members.orders.title")}
              empty={t("members.orders.empty")}
              table={{
                columnContentTypes: ["text", "text", "numeric", "text"],
                headings: [
                  t("members.orders.order"),
                  t("members.orders.placed"),
                  t("members.orders.points"),
                  t("members.orders.state"),
                ],
                rows: member.orders.map((o) => [
                  <Link key={o.id} url={`shopify://admin/orders/${numericId(o.orderId)}`} target="_top">
                    {numericId(o.orderId)}
                  </Link>,
                  date(o.placedAt) ?? t("members.none"),
                  number(o.points),
                  t(
                    o.cancelled
                      ? "members.orders.state.cancelled"
                      : o.pending
                        ? "members.orders.state.pending"
                        : "members.orders.state.credited",
                  ),
                ]),
              }}
            >
              <LatestNote shown={member.orders.length} />
            </TableCard>
          </BlockStack>
        </Layout.Section>

        <Layout.Section variant="oneThird">
          <TitledCard title={t("members.member.summary")}>
            <Fact label={t("members.member.balance")} value={number(member.available)} strong />
            <Fact label={t("members.member.pending")} value={number(member.pending)} />
            {member.held > 0 && <Fact label={t("members.member.held")} value={number(member.held)} />}
            <Fact label={t("members.member.lifetimeEarned")} value={number(member.lifetimeEarned)} />
            <Fact label={t("members.member.lifetimeRedeemed")} value={number(member.lifetimeRedeemed)} />
            <Fact
              label={t("members.member.tier")}
              value={tier?.tierId ? tierLabel(t, locale, tier.tiers, tier.tierId) : t("members.none")}
            />
            <Fact label={t("members.member.enrolled")} value={date(member.enrolledAt) ?? ""} />
            <Fact label={t("members.member.lastActivity")} value={date(member.lastActivityAt) ?? t("members.never")} />
            <Fact label={t("members.member.birthday")} value={member.birthday ?? t("members.none")} />
            {member.email && <Fact label={t("members.member.email")} value={member.email} />}
            {active && (
              <Link url={`shopify://admin/customers/${numericId(member.customerId)}`} target="_top">
                {t("members.member.customer")}
              </Link>
            )}
          </TitledCard>
          {tier && (
            <BlockStack gap="400">
              <Box paddingBlockStart="400">
                <MemberTierCard data={tier} />
              </Box>
              {active && <TierOverrideForm data={tier} />}
            </BlockStack>
          )}
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function Fact({ label, value, strong = false }: { label: string; value: string; strong?: boolean }) {
  return (
    <InlineStack align="space-between" gap="200">
      <Text as="span" tone="subdued">
        {label}
      </Text>
      <Text as="span" fontWeight={strong ? "bold" : "regular"}>
        {value}
      </Text>
    </InlineStack>
  );
}

/** Under a list cut at RECENT_ROWS: says only the latest are shown. */
function LatestNote({ shown }: { shown: number }) {
  const { t } = useI18n();
  if (shown !== RECENT_ROWS) return null;
  return (
    <Text as="p" tone="subdued">
      {t("members.latest", { count: RECENT_ROWS })}
    </Text>
  );
}

function AdjustForm({ idempotencyKey }: { idempotencyKey: string }) {
  const { t, locale } = useI18n();
  const posted = useActionData<typeof action>();
  // The tier override answers its own form.
  const answer = posted && !("intent" in posted) ? posted : undefined;
  const submitting = useNavigation().state === "submitting";
  const errors = answer && !answer.ok ? answer.errors : undefined;
  const error = useFieldErrors(errors);
  const { field } = useFields({ points: "", reason: "" }, error);
  const number = numberOf(locale);
  return (
    <TitledCard title={t("members.adjust.title")}>
      {answer?.ok && (
        <Banner tone="success">
          {t(answer.result.repeated ? "members.adjust.repeated" : "members.adjust.done", {
            before: number(answer.result.before),
            after: number(answer.result.after),
          })}
        </Banner>
      )}
      {(errors?.form || errors?.idempotencyKey) && (
        <Banner tone="critical">{error("form") ?? error("idempotencyKey")}</Banner>
      )}
      <Form method="post">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <FormLayout>
          <TextField
            label={t("members.adjust.points")}
            helpText={t("members.adjust.pointsHelp")}
            {...field("points")}
          />
          <TextField
            label={t("members.adjust.reason")}
            helpText={t("members.adjust.reasonHelp")}
            maxLength={200}
            showCharacterCount
            multiline={2}
            {...field("reason")}
          />
          <Button submit variant="primary" loading={submitting}>
            {t("members.adjust.submit")}
          </Button>
        </FormLayout>
      </Form>
    </TitledCard>
  );
}
