// The first-run guide (app/admin/onboarding.server.ts): three steps, each posted and saved on
// its own, then home. `?step=` says which step shows; the home page sends a merchant here until
// they finish.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { Banner, BlockStack, Checkbox, FormLayout, Layout, Page, ProgressBar, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { actorOf } from "../admin/audit.server";
import {
  chooseRewards,
  finishOnboarding,
  onboardingPage,
  saveBasics,
  type OnboardingErrors,
  type OnboardingPage,
} from "../admin/onboarding.server";
import { FormCard, SubmitBar } from "../admin/ui/cards";
import { useFieldErrors, useFields } from "../admin/ui/fields";
import { useI18n } from "../i18n/context";
import { authenticate } from "../shopify.server";

const STEPS = 3;
const stepOf = (url: string) => Math.min(STEPS, Math.max(1, Number(new URL(url).searchParams.get("step")) || 1));

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { session } = await authenticate.admin(request);
  const page = await onboardingPage(session.shop);
  if (!page) throw new Response("No program", { status: 404 });
  return { page, step: stepOf(request.url) };
};

export const action = async ({ request }: ActionFunctionArgs) => {
  const { session, sessionToken, redirect } = await authenticate.admin(request);
  const actor = actorOf(sessionToken);
  const form = await request.formData();
  const intent = form.get("intent");
  const result =
    intent === "basics"
      ? await saveBasics(session.shop, actor, Object.fromEntries(form))
      : intent === "rewards"
        ? await chooseRewards(
            session.shop,
            actor,
            form.getAll("reward").filter((v): v is string => typeof v === "string"),
          )
        : intent === "finish"
          ? await finishOnboarding(session.shop, actor)
          : undefined;
  if (result === undefined) return data({ errors: { form: "onboarding.error.rewards" } as OnboardingErrors }, 400);
  if (result === null) throw new Response("No program", { status: 404 });
  if (!result.ok) return data({ errors: result.errors }, 422);
  return redirect(
    intent === "basics" ? "/app/onboarding?step=2" : intent === "rewards" ? "/app/onboarding?step=3" : "/app",
  );
};

export default function Onboarding() {
  const { page, step } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useI18n();
  return (
    <Page title={t("onboarding.title")} subtitle={t("onboarding.subtitle")} narrowWidth>
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <BlockStack gap="200">
              <Text as="p" tone="subdued">
                {t("onboarding.progress", { step })}
              </Text>
              <ProgressBar progress={(step / STEPS) * 100} size="small" />
            </BlockStack>
            {step === 1 && <Basics page={page} errors={result?.errors} />}
            {step === 2 && <Rewards page={page} errors={result?.errors} />}
            {step === 3 && <Launch page={page} />}
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** Next (or Finish), busy until the next step has loaded, and Back to `back`. */
function StepActions({ back, label }: { back?: string; label: string }) {
  const { t } = useI18n();
  const busy = useNavigation().state !== "idle";
  return (
    <SubmitBar label={label} loading={busy} back={back ? { url: back, label: t("onboarding.back") } : undefined} />
  );
}

function Basics({ page, errors }: { page: OnboardingPage; errors?: OnboardingErrors }) {
  const { t } = useI18n();
  const { field } = useFields(page.basics, useFieldErrors(errors));
  return (
    <FormCard intent="basics" title={t("onboarding.basics.title")} help={t("onboarding.basics.help")} gap="400">
      <FormLayout>
        <FormLayout.Group>
          <TextField label={t("onboarding.basics.pointsNameEn")} {...field("pointsNameEn")} />
          <TextField label={t("onboarding.basics.pointsNameRu")} {...field("pointsNameRu")} />
        </FormLayout.Group>
        <FormLayout.Group>
          <TextField label={t("onboarding.basics.points")} inputMode="numeric" {...field("points")} />
          <TextField
            label={t("onboarding.basics.per", { currency: page.currency })}
            inputMode="decimal"
            {...field("per")}
          />
        </FormLayout.Group>
      </FormLayout>
      <StepActions label={t("onboarding.next")} />
    </FormCard>
  );
}

function Rewards({ page, errors }: { page: OnboardingPage; errors?: OnboardingErrors }) {
  const { t, locale } = useI18n();
  const [chosen, setChosen] = useState(new Set(page.rewards.filter((r) => r.chosen).map((r) => r.id)));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    setChosen(next);
  };
  return (
    <FormCard intent="rewards" title={t("onboarding.rewards.title")} help={t("onboarding.rewards.help")} gap="400">
      {errors?.rewards && <Banner tone="critical">{t(errors.rewards)}</Banner>}
      <BlockStack gap="200">
        {page.rewards.map((reward) => (
          <Checkbox
            key={reward.id}
            name="reward"
            value={reward.id}
            label={reward.title[locale]}
            helpText={t("onboarding.rewards.cost", {
              cost: new Intl.NumberFormat(locale).format(reward.cost),
            })}
            checked={chosen.has(reward.id)}
            onChange={(on) => toggle(reward.id, on)}
          />
        ))}
      </BlockStack>
      <StepActions back="/app/onboarding?step=1" label={t("onboarding.next")} />
    </FormCard>
  );
}

function Launch({ page }: { page: OnboardingPage }) {
  const { t } = useI18n();
  const live = page.status === "live";
  return (
    <FormCard
      intent="finish"
      title={t("onboarding.launch.title")}
      help={t(live ? "onboarding.launch.alreadyLive" : "onboarding.launch.help")}
      gap="400"
    >
      <StepActions
        back="/app/onboarding?step=2"
        label={t(live ? "onboarding.launch.finish" : "onboarding.launch.button")}
      />
    </FormCard>
  );
}
