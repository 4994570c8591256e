// Stand-ins for Polaris's layout and typography: boxes, stacks, headings, text, banners, badges.
// Plain HTML with simple CSS, close enough to checkout's look to judge a layout.
import { el, space, StandIn } from "./stand-in";

const TONES: Record<string, string> = {
  critical: "#b42318",
  warning: "#8a6100",
  success: "#067647",
  info: "#175cd3",
  subdued: "#667085",
  neutral: "#344054",
};
const tone = (name: string) => TONES[name] ?? "";

export class Stack extends StandIn {
  static override props = {
    direction: "string",
    gap: "string",
    alignItems: "string",
    justifyContent: "string",
    padding: "string",
  } as const;
  static override css = ":host { display: block; } .stack { display: flex; flex-direction: column; gap: 12px; }";
  private box = el("div", { class: "stack" }, el("slot"));
  protected override build(root: ShadowRoot) {
    root.append(this.box);
  }
  protected override update() {
    const inline = this.string("direction") === "inline";
    Object.assign(this.box.style, {
      flexDirection: inline ? "row" : "column",
      flexWrap: inline ? "wrap" : "nowrap",
      gap: space(this.string("gap")) || (inline ? "8px" : "12px"),
      alignItems: this.string("alignItems") || (inline ? "center" : "stretch"),
      justifyContent: this.string("justifyContent"),
      padding: space(this.string("padding")),
    });
  }
}

export class Box extends StandIn {
  static override props = {
    padding: "string",
    background: "string",
    border: "string",
    borderRadius: "string",
    inlineSize: "string",
  } as const;
  protected override update() {
    Object.assign(this.style, {
      padding: space(this.string("padding")),
      background: this.string("background") === "subdued" ? "#f6f6f7" : this.string("background") ? "#fafafa" : "",
      border: this.string("border") && this.string("border") !== "none" ? "1px solid #d0d5dd" : "",
      borderRadius: this.string("borderRadius") ? "8px" : "",
    });
  }
}

export class Grid extends StandIn {
  static override props = { gridTemplateColumns: "string", gap: "string", alignItems: "string" } as const;
  private box = el("div", { style: "display: grid; gap: 12px" }, el("slot"));
  protected override build(root: ShadowRoot) {
    root.append(this.box);
  }
  protected override update() {
    this.box.style.gridTemplateColumns = this.string("gridTemplateColumns") || "1fr";
    this.box.style.gap = space(this.string("gap")) || "12px";
    this.box.style.alignItems = this.string("alignItems");
  }
}

/** s-section (a card with an optional heading) and s-page (the page's title and actions). */
export class Section extends StandIn {
  static override props = { heading: "string", accessibilityLabel: "string", padding: "string" } as const;
  static override css = `:host { display: block; border: 1px solid #e4e7ec; border-radius: 10px; padding: 16px; background: #fff; }
    :host([data-nested]) { border: none; padding: 0; } h2 { font-size: 16px; margin: 0 0 12px; } h2:empty { display: none; }`;
  private headingNode = el("h2");
  protected override build(root: ShadowRoot) {
    root.append(this.headingNode, el("slot"));
  }
  protected override update() {
    this.headingNode.textContent = this.string("heading");
    if (this.parentElement?.closest("s-section")) this.setAttribute("data-nested", "");
  }
}

export class Page extends StandIn {
  static override props = { heading: "string", subheading: "string" } as const;
  static override css = `:host { display: block; } header { display: flex; align-items: center; gap: 12px; margin-bottom: 16px; }
    h1 { font-size: 22px; margin: 0; flex: 1; } p { margin: 4px 0 0; color: #667085; } p:empty { display: none; }
    .body { display: flex; flex-direction: column; gap: 16px; }`;
  private headingNode = el("h1");
  private subheadingNode = el("p");
  protected override build(root: ShadowRoot) {
    root.append(
      el("slot", { name: "breadcrumb-actions" }),
      el(
        "header",
        {},
        el("div", { style: "flex: 1" }, this.headingNode, this.subheadingNode),
        el("slot", { name: "secondary-actions" }),
        el("slot", { name: "primary-action" }),
      ),
      el("div", { class: "body" }, el("slot")),
    );
  }
  protected override update() {
    this.headingNode.textContent = this.string("heading");
    this.subheadingNode.textContent = this.string("subheading");
  }
}

export class Heading extends StandIn {
  static override css = ":host { display: block; font-size: 16px; font-weight: 650; margin: 0; }";
}

/** s-text (inline) and s-paragraph (a block): type and tone. */
export class Text extends StandIn {
  static override props = {
    type: "string",
    tone: "string",
    color: "string",
    accessibilityVisibility: "string",
  } as const;
  static override css = ":host { display: inline; }";
  protected override update() {
    const type = this.string("type");
    Object.assign(this.style, {
      fontWeight: type === "strong" ? "650" : "",
      fontStyle: type === "emphasis" ? "italic" : "",
      fontSize: type === "small" ? "12px" : "",
      color: tone(this.string("tone")) || (this.string("color") === "subdued" ? TONES.subdued : ""),
      textDecoration: type === "redundant" ? "line-through" : "",
    });
  }
}

export class Paragraph extends Text {
  static override css = ":host { display: block; margin: 0; }";
}

export class Divider extends StandIn {
  static override css = ":host { display: block; border-top: 1px solid #e4e7ec; margin: 4px 0; }";
  protected override build() {}
}

export class Badge extends StandIn {
  static override props = { tone: "string", icon: "string", size: "string", color: "string" } as const;
  static override css = `:host { display: inline-block; border-radius: 999px; padding: 1px 8px; font-size: 12px; background: #f2f4f7; color: #344054; }`;
  protected override update() {
    const color = tone(this.string("tone"));
    this.style.color = color;
    this.style.background = color ? `${color}1a` : "";
  }
}

export class Banner extends StandIn {
  static override props = {
    heading: "string",
    tone: "string",
    dismissible: "boolean",
    collapsible: "boolean",
  } as const;
  static override css = `:host { display: block; border-radius: 8px; padding: 12px; border: 1px solid currentColor; background: #f0f6ff; }
    .wrap { color: #101828; } strong { display: block; margin-bottom: 4px; } strong:empty { display: none; }
    button { float: right; border: none; background: none; cursor: pointer; font-size: 16px; }`;
  private headingNode = el("strong");
  private dismiss = el("button", { type: "button", "aria-label": "Dismiss" }, "×");
  protected override build(root: ShadowRoot) {
    this.dismiss.addEventListener("click", () => {
      this.hidden = true;
      this.dispatchEvent(new Event("dismiss"));
    });
    root.append(el("div", { class: "wrap", role: "status" }, this.dismiss, this.headingNode, el("slot")));
  }
  protected override update() {
    const color = tone(this.string("tone") || "info");
    this.style.borderColor = color;
    this.style.background = `${color}12`;
    this.headingNode.textContent = this.string("heading");
    this.dismiss.hidden = !this.boolean("dismissible");
  }
}

export class Progress extends StandIn {
  static override props = { value: "number", max: "number", tone: "string", accessibilityLabel: "string" } as const;
  static override css = "progress { inline-size: 100%; block-size: 10px; accent-color: #2e7d32; }";
  private bar = el("progress");
  protected override build(root: ShadowRoot) {
    root.append(this.bar);
  }
  protected override update() {
    const value = this.values.get("value");
    if (value === undefined || value === null) this.bar.removeAttribute("value");
    else this.bar.value = Number(value);
    this.bar.max = Number(this.values.get("max") ?? 1);
    this.bar.setAttribute("aria-label", this.string("accessibilityLabel"));
  }
}

export class Spinner extends StandIn {
  static override props = { accessibilityLabel: "string", size: "string" } as const;
  static override css = `:host { display: inline-block; } span { display: inline-block; inline-size: 16px; block-size: 16px; border: 2px solid #d0d5dd;
    border-top-color: #344054; border-radius: 50%; animation: spin .8s linear infinite; } @keyframes spin { to { transform: rotate(360deg); } }`;
  private spinner = el("span", { role: "progressbar" });
  protected override build(root: ShadowRoot) {
    root.append(this.spinner);
  }
  protected override update() {
    this.spinner.setAttribute("aria-label", this.string("accessibilityLabel") || "Loading");
  }
}

const GLYPHS: Record<string, string> = {
  check: "✓",
  "check-circle": "✓",
  x: "✕",
  "x-circle": "✕",
  "alert-circle": "!",
  "alert-triangle": "⚠",
  info: "ℹ",
  gift: "🎁",
  star: "★",
  clock: "◷",
  discount: "%",
  "arrow-right": "→",
  "chevron-right": "›",
  "chevron-down": "⌄",
};

export class Icon extends StandIn {
  static override props = { type: "string", tone: "string", size: "string" } as const;
  static override css = ":host { display: inline-block; min-inline-size: 1em; text-align: center; }";
  private glyph = el("span", { "aria-hidden": "true" });
  protected override build(root: ShadowRoot) {
    root.append(this.glyph);
  }
  protected override update() {
    this.glyph.textContent = GLYPHS[this.string("type")] ?? "•";
    this.style.color = tone(this.string("tone"));
  }
}

export class Image extends StandIn {
  static override props = { src: "string", alt: "string", inlineSize: "string", aspectRatio: "string" } as const;
  static override css = "img { max-inline-size: 100%; border-radius: 6px; }";
  private image = el("img");
  protected override build(root: ShadowRoot) {
    root.append(this.image);
  }
  protected override update() {
    this.image.src = this.string("src");
    this.image.alt = this.string("alt");
  }
}

/** Lists: s-list-item children show as list items. */
export class List extends StandIn {
  static override css = ":host { display: block; padding-inline-start: 20px; margin: 0; }";
}

export class ListItem extends StandIn {
  static override css = ":host { display: list-item; }";
}

/** Parts that only matter to their parents or to overlays (s-option, s-tooltip…): not drawn. */
export class Hidden extends StandIn {
  static override css = ":host { display: none; }";
  protected override build() {}
}

export class Skeleton extends StandIn {
  static override css =
    ":host { display: block; block-size: 48px; border-radius: 6px; background: linear-gradient(90deg, #f2f4f7, #e4e7ec, #f2f4f7); }";
  protected override build() {}
}

/** Any s-* tag without a stand-in of its own: a block showing its children. */
export class Generic extends StandIn {}
