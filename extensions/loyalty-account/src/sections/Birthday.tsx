// The birthday form: month and day as MM-DD, checked before it is sent, saved with feedback.
import { errorMessage } from "../../../shared/format";
import { formatBirthday, type BirthdayForm } from "../birthday";
import { host } from "../host";

export function Birthday({ form }: { form: BirthdayForm }) {
  const { i18n, toast } = host();
  const fieldError = form.fieldError.value;
  const status = form.status.value;
  const saved = form.saved.value;
  const onEdit = (event: Event) =>
    form.edit((event.currentTarget as HTMLElementTagNameMap["s-text-field"]).value ?? "");
  const save = async () => {
    if (await form.save()) void toast.show(i18n.translate("birthday.saved"));
  };
  return (
    <s-section heading={i18n.translate("birthday.heading")}>
      <s-stack gap="base">
        <s-paragraph>{i18n.translate("birthday.body")}</s-paragraph>
        {saved !== null && <s-text>{i18n.translate("birthday.current", { date: formatBirthday(i18n, saved) })}</s-text>}
        <s-text-field
          label={i18n.translate("birthday.label")}
          value={form.value.value}
          error={
            fieldError === null ? undefined : "key" in fieldError ? i18n.translate(fieldError.key) : fieldError.message
          }
          maxLength={5}
          onInput={onEdit}
          onChange={onEdit}
        />
        <s-button variant="secondary" loading={status === "saving"} onClick={() => void save()}>
          {i18n.translate("birthday.save")}
        </s-button>
        {status === "saved" && <s-text tone="success">{i18n.translate("birthday.saved")}</s-text>}
        {status === "failed" && (
          <s-banner tone="critical" heading={i18n.translate("birthday.save_failed")}>
            <s-text>{errorMessage(i18n, form.saveError.value)}</s-text>
          </s-banner>
        )}
      </s-stack>
    </s-section>
  );
}
