// A discount code with a copy button: the button's commandFor points at a clipboard item, which
// copies (the host does the copying) and reports back with `copy` / `copyerror`.
import { host } from "../host";

export function CopyCode({ code, scope }: { code: string; scope: string }) {
  const { i18n, toast } = host();
  // Unique per place: a fresh code shows both in the reward's banner and in the code list.
  const id = `copy-${scope}-${code}`;
  return (
    <s-stack direction="inline" gap="small" alignItems="center">
      <s-text type="strong">{code}</s-text>
      <s-button
        variant="secondary"
        commandFor={id}
        command="--copy"
        accessibilityLabel={i18n.translate("codes.copy_label", { code })}
      >
        {i18n.translate("codes.copy")}
      </s-button>
      <s-clipboard-item
        id={id}
        text={code}
        onCopy={() => void toast.show(i18n.translate("codes.copied"))}
        onCopyError={() => void toast.show(i18n.translate("codes.copy_failed"))}
      />
    </s-stack>
  );
}
