// Stand-ins for Polaris's form fields: a native control in the shadow root, with the host
// element exposing `.value` (or `.checked`) and firing `input` and `change` as Polaris's do.
// (`input` is composed, so the native one reaches the host's listeners by itself; `change` is
// not, so the host fires its own.)
import { el, StandIn } from "./stand-in";

const FIELD_CSS = `:host { display: block; } label { display: flex; flex-direction: column; gap: 4px; font: 13px system-ui, sans-serif; color: #344054; }
  input, select, textarea { font: 14px system-ui, sans-serif; padding: 8px 10px; border: 1px solid #d0d5dd; border-radius: 8px; background: #fff; color: #101828; }
  input:focus, select:focus, textarea:focus { outline: 2px solid #1d4ed8; outline-offset: 0; }
  .details { color: #667085; font-size: 12px; } .error { color: #b42318; font-size: 12px; } .details:empty, .error:empty { display: none; }
  .check { flex-direction: row; align-items: center; gap: 8px; }`;

const FIELD_PROPS = {
  label: "string",
  value: "string",
  defaultValue: "string",
  name: "string",
  placeholder: "string",
  disabled: "boolean",
  readOnly: "boolean",
  required: "boolean",
  error: "string",
  details: "string",
  min: "any",
  max: "any",
  step: "number",
  labelAccessibilityVisibility: "string",
  prefix: "string",
  suffix: "string",
} as const;

abstract class Field<C extends HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement> extends StandIn {
  static override props: Record<string, "string" | "boolean" | "number" | "any"> = FIELD_PROPS;
  static override css = FIELD_CSS;
  protected abstract readonly control: C;
  private labelNode = el("span");
  private detailsNode = el("span", { class: "details" });
  private errorNode = el("span", { class: "error", role: "alert" });

  protected override build(root: ShadowRoot) {
    this.control.addEventListener("input", () => this.values.set("value", this.control.value));
    this.control.addEventListener("change", () => {
      this.values.set("value", this.control.value);
      this.dispatchEvent(new Event("change", { bubbles: true }));
    });
    root.append(el("label", {}, this.labelNode, this.control, this.detailsNode, this.errorNode));
  }

  protected override update() {
    const value = this.values.get("value") ?? this.values.get("defaultValue");
    // Only when it differs: writing the same value would move the caret while typing.
    if (value !== undefined && value !== null && this.control.value !== String(value))
      this.control.value = String(value);
    this.labelNode.textContent = this.string("label");
    this.labelNode.hidden = this.string("labelAccessibilityVisibility") === "exclusive";
    this.detailsNode.textContent = this.string("details");
    this.errorNode.textContent = this.string("error");
    this.control.disabled = this.boolean("disabled");
    this.control.setAttribute("aria-invalid", String(Boolean(this.string("error"))));
    this.control.setAttribute("aria-label", this.string("label"));
    this.control.toggleAttribute("required", this.boolean("required"));
    if ("readOnly" in this.control) this.control.readOnly = this.boolean("readOnly");
    if ("placeholder" in this.control) this.control.placeholder = this.string("placeholder");
  }

  override focus() {
    this.control.focus();
  }
}

/** s-text-field, s-email-field, s-number-field, s-date-field…: an <input> of the right type. */
export function inputField(type: string) {
  return class extends Field<HTMLInputElement> {
    protected readonly control = el("input", { type });
    protected override update() {
      super.update();
      for (const bound of ["min", "max", "step"]) {
        const value = this.string(bound);
        if (value) this.control.setAttribute(bound, value);
        else this.control.removeAttribute(bound);
      }
    }
  };
}

export class TextArea extends Field<HTMLTextAreaElement> {
  protected readonly control = el("textarea", { rows: "3" });
}

/** s-select: a native <select> built from its s-option children. */
export class Select extends Field<HTMLSelectElement> {
  protected readonly control = el("select");
  private observer = new MutationObserver(() => this.options());

  override connectedCallback() {
    super.connectedCallback();
    this.observer.observe(this, { childList: true, subtree: true, characterData: true, attributes: true });
    this.options();
  }

  disconnectedCallback() {
    this.observer.disconnect();
  }

  private options() {
    const options = [...this.querySelectorAll("s-option")].map((option) => {
      const value =
        (option as unknown as { value?: string }).value ?? option.getAttribute("value") ?? option.textContent ?? "";
      const native = el("option", { value }, option.textContent ?? "");
      native.disabled = Boolean((option as unknown as { disabled?: boolean }).disabled);
      return native;
    });
    const placeholder = this.string("placeholder");
    this.control.replaceChildren(
      ...(placeholder ? [el("option", { value: "", disabled: "" }, placeholder)] : []),
      ...options,
    );
    const value = this.values.get("value");
    this.control.value = value === undefined || value === null ? (options[0]?.value ?? "") : String(value);
  }
}

/** s-checkbox and s-switch: `.checked`, with `change` and `input`. */
export class Checkbox extends StandIn {
  static override props = {
    label: "string",
    checked: "boolean",
    defaultChecked: "boolean",
    disabled: "boolean",
    value: "string",
    name: "string",
    error: "string",
    details: "string",
  } as const;
  static override css = FIELD_CSS;
  private box = el("input", { type: "checkbox" });
  private labelNode = el("span");
  protected override build(root: ShadowRoot) {
    this.box.addEventListener("change", () => {
      this.values.set("checked", this.box.checked);
      this.dispatchEvent(new Event("change", { bubbles: true }));
    });
    root.append(el("label", { class: "check" }, this.box, this.labelNode));
  }
  protected override update() {
    this.box.checked = Boolean(this.values.get("checked") ?? this.values.get("defaultChecked"));
    this.box.disabled = this.boolean("disabled");
    this.labelNode.textContent = this.string("label");
  }
}
