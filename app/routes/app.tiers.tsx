// VIP tiers: the ladder editor. Tiers on or off, what qualifies (points, spend or orders over a
// window), the grace period and downgrade policy, and 2–10 tiers with their perks. "Preview" shows
// how many of the shop's members would land in each tier without saving; "Save" stores the ladder
// (validated, audited, the members re-placed and the tier discounts synced by the worker). Parsing
// is admin/tiers-form.ts; the ladder's rules are app/loyalty/tiers.ts.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useSubmit } from "@remix-run/react";
import {
  Banner,
  BlockStack,
  Button,
  ButtonGroup,
  Checkbox,
  Divider,
  FormLayout,
  InlineError,
  InlineStack,
  Layout,
  List,
  Page,
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useRef, useState } from "react";
import { actorOf } from "../admin/audit.server";
import { TierPreviewCard, type LadderPreviewData } from "../admin/tier-cards";
import {
  ladderFormValues,
  MIN_TIERS,
  newTierRow,
  parseLadderForm,
  readLadderForm,
  rowField,
  switchValue,
  type LadderErrors,
  type LadderFormValues,
  TIERS_SUBJECT,
  type RowField,
  type TierRowValues,
} from "../admin/tiers-form";
import { TitledCard } from "../admin/ui/cards";
import { useFieldErrors } from "../admin/ui/fields";
import db from "../db.server";
import { transaction } from "../db/sql.server";
import { useI18n } from "../i18n/context";
import { minorPerUnit } from "../loyalty/currency";
import { defaultLadder, DOWNGRADES, MAX_TIERS, TIER_METRICS, TIER_WINDOWS } from "../loyalty/tiers";
import { loadProgram } from "../points/program.server";
import { authenticate } from "../shopify.server";
import { loadLadder, saveLadder } from "../tiers/ladder.server";
import { previewLadder } from "../tiers/views.server";

const noProgram = () => new Response("No program for this shop", { status: 404 });

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const [program, stored] = await Promise.all([loadProgram(db, session.shop), loadLadder(db, session.shop)]);
  if (!program) throw noProgram();
  // A shop without tiers starts from a suggested ladder, off until the merchant saves it on.
  const ladder = stored ?? defaultLadder(minorPerUnit(program.currency));
  return { currency: program.currency, stored: stored !== null, form: ladderFormValues(ladder, program.currency) };
};

type Intent = "preview" | "save";
type TiersAnswer =
  | { intent: "preview"; ok: true; preview: LadderPreviewData }
  | { intent: "save"; ok: true; changed: boolean }
  | { intent: Intent; ok: false; errors: LadderErrors };

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken } = await authenticate.admin(request);
  const program = await loadProgram(db, session.shop);
  if (!program) throw noProgram();
  const form = await request.formData();
  const intent: Intent = form.get("intent") === "save" ? "save" : "preview";
  const parsed = parseLadderForm(readLadderForm(form), program.currency);
  if (!parsed.ok) return data<TiersAnswer>({ intent, ok: false, errors: parsed.errors }, { status: 400 });
  const ladder = parsed.ladder;
  if (intent === "preview") {
    const preview = await previewLadder(session.shop, ladder);
    const named = preview.tiers.map((p, i) => ({ ...p, name: ladder.tiers[i]!.name }));
    return data<TiersAnswer>({ intent, ok: true, preview: { ...preview, tiers: named } });
  }
  const actor = actorOf(sessionToken);
  const saved = await transaction(db, (tx) => saveLadder(tx, session.shop, actor, ladder));
  return data<TiersAnswer>({ intent, ok: true, changed: saved.changed });
};

export default function Tiers() {
  const { currency, stored, form } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Page
      title={t("tiers.title")}
      secondaryActions={[{ content: t("tiers.history"), url: `/app/audit?subject=${TIERS_SUBJECT}` }]}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <HowTiersWork />
            {!stored && <Banner tone="info" title={t("tiers.suggested")} />}
            <Outcome result={result} />
            {/* After a save the loader runs again: start over from what was stored (new tiers have ids). */}
            <LadderEditor key={JSON.stringify(form)} initial={form} currency={currency} />
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function HowTiersWork() {
  const { t } = useI18n();
  return (
    <Banner tone="info" title={t("tiers.how.title")}>
      <List>
        <List.Item>{t("tiers.how.up")}</List.Item>
        <List.Item>{t("tiers.how.down")}</List.Item>
        <List.Item>{t("tiers.how.discounts")}</List.Item>
        <List.Item>{t("tiers.how.override")}</List.Item>
      </List>
    </Banner>
  );
}

/** How the last submission went: refused (the fields say why), saved, or nothing to save. */
function Outcome({ result }: { result: TiersAnswer | undefined }) {
  const { t } = useI18n();
  if (!result) return null;
  if (!result.ok) {
    const form = result.errors.form ?? result.errors.tiers;
    return (
      <Banner tone="critical" title={t(result.intent === "save" ? "tiers.invalid" : "tiers.invalidPreview")}>
        {form ? t(form.key, form.values) : null}
      </Banner>
    );
  }
  if (result.intent === "preview") return null;
  return (
    <Banner tone="success" title={t(result.changed ? "tiers.saved" : "tiers.unchanged")}>
      {result.changed ? t("tiers.savedHelp") : null}
    </Banner>
  );
}

type Row = TierRowValues & { key: number };

function LadderEditor({ initial, currency }: { initial: LadderFormValues; currency: string }) {
  const { t } = useI18n();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const submit = useSubmit();
  const formRef = useRef<HTMLFormElement>(null);
  const nextKey = useRef(initial.tiers.length);
  const [values, setValues] = useState(initial);
  const [rows, setRows] = useState<Row[]>(() => initial.tiers.map((row, key) => ({ ...row, key })));
  // Row errors are numbered by position: once rows move, those of the last answer no longer fit.
  const [movedSince, setMovedSince] = useState<unknown>(null);
  const errors = result && !result.ok ? result.errors : undefined;
  const error = useFieldErrors(errors);
  const rowError = (i: number, field: RowField) => (movedSince === result ? undefined : error(rowField(i, field)));
  const sending = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;

  const set =
    <K extends keyof LadderFormValues>(name: K) =>
    (value: LadderFormValues[K]) =>
      setValues((current) => ({ ...current, [name]: value }));
  const setRow = (i: number, field: RowField) => (value: string | boolean) =>
    setRows((current) => current.map((row, j) => (j === i ? { ...row, [field]: value } : row)));
  const restructure = (change: (current: Row[]) => Row[]) => {
    setRows(change);
    setMovedSince(result);
  };
  const move = (i: number, by: -1 | 1) =>
    restructure((current) => {
      const next = [...current];
      [next[i], next[i + by]] = [next[i + by]!, next[i]!];
      return next;
    });
  const remove = (i: number) => restructure((current) => current.filter((_, j) => j !== i));
  const add = () => restructure((current) => [...current, { ...newTierRow(), key: nextKey.current++ }]);

  const send = (intent: "preview" | "save") => {
    const form = new FormData(formRef.current!);
    form.set("intent", intent);
    submit(form, { method: "post" });
  };

  const metric = values.metric;
  const money = metric === "spend";
  const preview = result?.ok && result.intent === "preview" ? result.preview : null;

  return (
    <Form
      method="post"
      ref={formRef}
      noValidate
      onSubmit={(event) => {
        // Enter in a field previews; only the Save button saves.
        event.preventDefault();
        send("preview");
      }}
    >
      <input type="hidden" name="enabled" value={switchValue(values.enabled)} />
      <BlockStack gap="400">
        <TitledCard title={t("tiers.settings.title")}>
          <Checkbox
            label={t("tiers.enabled")}
            helpText={t("tiers.enabledHelp")}
            checked={values.enabled}
            onChange={set("enabled")}
          />
          <FormLayout>
            <FormLayout.Group>
              <Select
                label={t("tiers.metric")}
                name="metric"
                options={TIER_METRICS.map((m) => ({ value: m, label: t(`tiers.metric.${m}`) }))}
                value={values.metric}
                onChange={set("metric")}
                error={error("metric")}
                helpText={t("tiers.metricHelp")}
              />
              <Select
                label={t("tiers.window")}
                name="window"
                options={TIER_WINDOWS.map((w) => ({ value: w, label: t(`tiers.window.${w}`) }))}
                value={values.window}
                onChange={set("window")}
                error={error("window")}
              />
            </FormLayout.Group>
            <FormLayout.Group>
              <TextField
                label={t("tiers.graceDays")}
                name="graceDays"
                type="number"
                min={0}
                max={365}
                value={values.graceDays}
                onChange={set("graceDays")}
                error={error("graceDays")}
                helpText={t("tiers.graceDaysHelp")}
                autoComplete="off"
              />
              <Select
                label={t("tiers.downgrade")}
                name="downgrade"
                options={DOWNGRADES.map((d) => ({ value: d, label: t(`tiers.downgrade.${d}`) }))}
                value={values.downgrade}
                onChange={set("downgrade")}
                error={error("downgrade")}
              />
            </FormLayout.Group>
          </FormLayout>
        </TitledCard>

        <TitledCard title={t("tiers.list.title")} help={t("tiers.list.help")}>
          {rows.map((row, i) => (
            <BlockStack key={row.key} gap="300">
              {i > 0 && <Divider />}
              <input type="hidden" name={rowField(i, "id")} value={row.id} />
              <input type="hidden" name={rowField(i, "freeShipping")} value={switchValue(row.freeShipping)} />
              <InlineStack align="space-between" blockAlign="center" gap="200">
                <Text as="h3" variant="headingSm">
                  {t("tiers.row.title", { n: i + 1 })}
                </Text>
                <ButtonGroup>
                  <Button size="slim" disabled={i === 0} onClick={() => move(i, -1)}>
                    {t("tiers.row.up")}
                  </Button>
                  <Button size="slim" disabled={i === rows.length - 1} onClick={() => move(i, 1)}>
                    {t("tiers.row.down")}
                  </Button>
                  <Button size="slim" tone="critical" disabled={rows.length <= MIN_TIERS} onClick={() => remove(i)}>
                    {t("tiers.row.remove")}
                  </Button>
                </ButtonGroup>
              </InlineStack>
              <FormLayout>
                <FormLayout.Group condensed>
                  <TextField
                    label={t("tiers.row.nameEn")}
                    name={rowField(i, "nameEn")}
                    value={row.nameEn}
                    onChange={setRow(i, "nameEn")}
                    error={rowError(i, "nameEn")}
                    maxLength={40}
                    autoComplete="off"
                  />
                  <TextField
                    label={t("tiers.row.nameRu")}
                    name={rowField(i, "nameRu")}
                    value={row.nameRu}
                    onChange={setRow(i, "nameRu")}
                    error={rowError(i, "nameRu")}
                    maxLength={40}
                    autoComplete="off"
                  />
                </FormLayout.Group>
                <FormLayout.Group condensed>
                  <TextField
                    label={t(`tiers.row.threshold.${metric === "spend" || metric === "orders" ? metric : "points"}`)}
                    name={rowField(i, "threshold")}
                    value={row.threshold}
                    onChange={setRow(i, "threshold")}
                    error={rowError(i, "threshold")}
                    suffix={money ? currency : undefined}
                    inputMode={money ? "decimal" : "numeric"}
                    helpText={i === 0 ? t("tiers.row.thresholdBaseHelp") : undefined}
                    autoComplete="off"
                  />
                  <TextField
                    label={t("tiers.row.multiplier")}
                    name={rowField(i, "multiplier")}
                    value={row.multiplier}
                    onChange={setRow(i, "multiplier")}
                    error={rowError(i, "multiplier")}
                    prefix="×"
                    inputMode="decimal"
                    helpText={t("tiers.row.multiplierHelp")}
                    autoComplete="off"
                  />
                  <TextField
                    label={t("tiers.row.discount")}
                    name={rowField(i, "discount")}
                    value={row.discount}
                    onChange={setRow(i, "discount")}
                    error={rowError(i, "discount")}
                    suffix="%"
                    inputMode="numeric"
                    autoComplete="off"
                  />
                  <TextField
                    label={t("tiers.row.entryBonus")}
                    name={rowField(i, "entryBonus")}
                    value={row.entryBonus}
                    onChange={setRow(i, "entryBonus")}
                    error={rowError(i, "entryBonus")}
                    inputMode="numeric"
                    autoComplete="off"
                  />
                </FormLayout.Group>
                <FormLayout.Group condensed>
                  <Checkbox
                    label={t("tiers.row.freeShipping")}
                    checked={row.freeShipping}
                    onChange={setRow(i, "freeShipping")}
                  />
                  {row.freeShipping ? (
                    <TextField
                      label={t("tiers.row.freeShippingOver")}
                      name={rowField(i, "freeShippingOver")}
                      value={row.freeShippingOver}
                      onChange={setRow(i, "freeShippingOver")}
                      error={rowError(i, "freeShippingOver")}
                      suffix={currency}
                      inputMode="decimal"
                      helpText={t("tiers.row.freeShippingOverHelp")}
                      autoComplete="off"
                    />
                  ) : (
                    <span />
                  )}
                </FormLayout.Group>
              </FormLayout>
            </BlockStack>
          ))}
          {error("tiers") && <InlineError message={error("tiers")!} fieldID="tiers" />}
          <InlineStack>
            <Button onClick={add} disabled={rows.length >= MAX_TIERS}>
              {t("tiers.row.add")}
            </Button>
          </InlineStack>
        </TitledCard>

        {preview && <TierPreviewCard data={preview} />}
        <InlineStack align="end" gap="200">
          <Button onClick={() => send("preview")} loading={sending === "preview"} disabled={!!sending}>
            {t("tiers.previewButton")}
          </Button>
          <Button variant="primary" onClick={() => send("save")} loading={sending === "save"} disabled={!!sending}>
            {t("tiers.save")}
          </Button>
        </InlineStack>
      </BlockStack>
    </Form>
  );
}
