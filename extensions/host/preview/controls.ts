// Stand-ins for Polaris's actions: buttons and links (real <button>s and <a>s, whose clicks reach
// the host element's listeners), commands (`commandFor` + `command`: show a modal, copy a
// clipboard item), clipboard items, modals and forms.
import { el, StandIn } from "./stand-in";

/** What a `commandFor` target does with a command ("--show", "--copy"…). */
interface CommandTarget {
  runCommand(command: string): void;
}

function runCommand(source: HTMLElement, command: string, targetId: string) {
  const target =
    (source.getRootNode() as Document | ShadowRoot).getElementById?.(targetId) ?? document.getElementById(targetId);
  if (target && "runCommand" in target) (target as unknown as CommandTarget).runCommand(command || "--auto");
}

const BUTTON_CSS = `:host { display: inline-block; } :host([data-fill]) { display: block; }
  button, a { all: unset; box-sizing: border-box; display: inline-flex; align-items: center; justify-content: center; gap: 6px;
    inline-size: 100%; min-block-size: 40px; padding: 8px 16px; border-radius: 8px; font: 600 14px system-ui, sans-serif; cursor: pointer;
    background: #1d4ed8; color: #fff; border: 1px solid transparent; text-align: center; }
  .secondary { background: #fff; color: #1d4ed8; border-color: #d0d5dd; } .tertiary { background: none; color: #1d4ed8; padding: 8px; }
  .critical { background: #b42318; } .secondary.critical, .tertiary.critical { background: #fff; color: #b42318; }
  button:focus-visible, a:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
  button:disabled { opacity: .5; cursor: not-allowed; } .spinner { display: none; inline-size: 12px; block-size: 12px;
    border: 2px solid currentColor; border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; }
  [aria-busy="true"] .spinner { display: inline-block; } @keyframes spin { to { transform: rotate(360deg); } }`;

/** s-button: a real <button> (or <a> with href); clicks bubble to the host's onClick. */
export class Button extends StandIn {
  static override props = {
    variant: "string",
    tone: "string",
    disabled: "boolean",
    loading: "boolean",
    href: "string",
    target: "string",
    type: "string",
    command: "string",
    commandFor: "string",
    accessibilityLabel: "string",
    inlineSize: "string",
  } as const;
  static override css = BUTTON_CSS;
  private control: HTMLButtonElement | HTMLAnchorElement = el("button", { type: "button" });

  constructor() {
    super();
    // Registered before Preact adds onClick, so a disabled or busy button can swallow the click.
    this.addEventListener("click", (event) => {
      // A disabled or busy button takes no clicks, as Polaris's doesn't.
      if (this.boolean("disabled") || this.boolean("loading")) {
        event.stopImmediatePropagation();
        event.preventDefault();
        return;
      }
      if (this.string("commandFor")) runCommand(this, this.string("command"), this.string("commandFor"));
      if (this.string("type") === "submit") (this.closest("s-form") as Form | null)?.submit();
    });
  }

  protected override build(root: ShadowRoot) {
    root.append(this.control);
  }

  protected override update() {
    const href = this.string("href");
    const wanted = href ? "A" : "BUTTON";
    if (this.control.tagName !== wanted) {
      const next = href ? el("a") : el("button", { type: "button" });
      this.control.replaceWith(next);
      this.control = next;
    }
    const control = this.control;
    if (control.children.length === 0) control.append(el("span", { class: "spinner" }), el("slot"));
    control.className = `${this.string("variant") || "primary"} ${this.string("tone")}`;
    control.setAttribute("aria-busy", String(this.boolean("loading")));
    const label = this.string("accessibilityLabel");
    if (label) control.setAttribute("aria-label", label);
    else control.removeAttribute("aria-label");
    if (control instanceof HTMLAnchorElement) {
      control.href = href;
      control.target = this.string("target") === "_blank" || /^https?:/.test(href) ? "_blank" : "";
    } else {
      control.disabled = this.boolean("disabled") || this.boolean("loading");
    }
    this.toggleAttribute("data-fill", this.string("inlineSize") === "fill");
  }
}

export class Clickable extends Button {
  static override css = `${BUTTON_CSS} button, a { all: unset; cursor: pointer; display: block; }`;
}

export class Link extends StandIn {
  static override props = {
    href: "string",
    target: "string",
    tone: "string",
    accessibilityLabel: "string",
    command: "string",
    commandFor: "string",
  } as const;
  static override css = ":host { display: inline; } a { color: #1d4ed8; text-decoration: underline; cursor: pointer; }";
  private anchor = el("a", {}, el("slot"));
  protected override build(root: ShadowRoot) {
    root.append(this.anchor);
    this.anchor.addEventListener("click", (event) => {
      // Shopify's own schemes (shopify:customer-account/…) mean nothing in a preview frame.
      if (!/^https?:/.test(this.string("href"))) event.preventDefault();
      if (this.string("commandFor")) runCommand(this, this.string("command"), this.string("commandFor"));
    });
  }
  protected override update() {
    const href = this.string("href");
    if (href) this.anchor.href = href;
    else this.anchor.removeAttribute("href");
    this.anchor.target = /^https?:/.test(href) ? "_blank" : "";
    this.anchor.tabIndex = 0;
  }
}

/** s-clipboard-item: copies its `text` when a button commands it ("--copy"). */
export class ClipboardItem extends StandIn implements CommandTarget {
  static override props = { text: "string" } as const;
  static override css = ":host { display: none; }";
  protected override build() {}
  runCommand() {
    const text = this.string("text");
    const copied = () => this.dispatchEvent(new Event("copy"));
    const failed = () => this.dispatchEvent(new Event("copyerror"));
    if (navigator.clipboard)
      navigator.clipboard.writeText(text).then(copied, () => (fallbackCopy(text) ? copied() : failed()));
    else if (fallbackCopy(text)) copied();
    else failed();
  }
}

/** The clipboard API needs a permission a sandboxed frame may lack; execCommand does not. */
function fallbackCopy(text: string): boolean {
  const area = el("textarea", { style: "position: fixed; opacity: 0" });
  area.value = text;
  document.documentElement.append(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  return ok;
}

/** s-modal: a native <dialog>; `commandFor` buttons and showOverlay()/hideOverlay() open and close it. */
export class Modal extends StandIn implements CommandTarget {
  static override props = {
    heading: "string",
    accessibilityLabel: "string",
    size: "string",
    padding: "string",
  } as const;
  static override css = `dialog { border: none; border-radius: 12px; padding: 20px; min-inline-size: min(480px, 90vw); box-shadow: 0 20px 40px #0003; }
    header { display: flex; justify-content: space-between; margin-bottom: 12px; } h2 { margin: 0; font-size: 18px; }
    footer { display: flex; justify-content: flex-end; gap: 8px; margin-top: 16px; } button.close { all: unset; cursor: pointer; font-size: 18px; }`;
  private dialog = el("dialog");
  private headingNode = el("h2");
  protected override build(root: ShadowRoot) {
    const close = el("button", { class: "close", "aria-label": "Close" }, "×");
    close.addEventListener("click", () => this.hideOverlay());
    this.dialog.addEventListener("close", () => {
      window.dispatchEvent(new Event("laurel-preview:overlay"));
      this.dispatchEvent(new Event("afterhide"));
    });
    this.dialog.append(
      el("header", {}, this.headingNode, close),
      el("slot"),
      el("footer", {}, el("slot", { name: "secondary-actions" }), el("slot", { name: "primary-action" })),
    );
    root.append(this.dialog);
  }
  protected override update() {
    this.headingNode.textContent = this.string("heading");
  }
  showOverlay() {
    if (this.dialog.open) return;
    this.dialog.showModal();
    window.dispatchEvent(new Event("laurel-preview:overlay"));
    this.dispatchEvent(new Event("show"));
    this.dispatchEvent(new Event("aftershow"));
  }
  hideOverlay() {
    if (!this.dialog.open) return;
    this.dispatchEvent(new Event("hide"));
    this.dialog.close();
  }
  toggleOverlay() {
    if (this.dialog.open) this.hideOverlay();
    else this.showOverlay();
  }
  runCommand(command: string) {
    if (command === "--show") this.showOverlay();
    else if (command === "--hide") this.hideOverlay();
    else this.toggleOverlay();
  }
}

/** s-form: a submit button inside it fires `submit` on the host, as Polaris's does. */
export class Form extends StandIn {
  submit() {
    this.dispatchEvent(new Event("submit", { cancelable: true }));
  }
}
