// The base of every stand-in element: a Polaris web component's props as properties (Preact
// sets properties on elements that have them), mirrored from attributes (for hand-written
// HTML), and drawn in an open shadow root so the children Preact manages stay in the light DOM
// and show through a <slot>.
export type PropKind = "string" | "boolean" | "number" | "any";

export class StandIn extends HTMLElement {
  static props: Record<string, PropKind> = {};
  static css = ":host { display: block; }";

  static get observedAttributes(): string[] {
    return Object.keys(this.props).map((name) => name.toLowerCase());
  }

  protected readonly values = new Map<string, unknown>();
  protected root: ShadowRoot | undefined;

  connectedCallback() {
    if (!this.root) {
      this.root = this.attachShadow({ mode: "open" });
      const style = document.createElement("style");
      style.textContent = (this.constructor as typeof StandIn).css;
      this.root.append(style);
      this.build(this.root);
    }
    this.update();
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null) {
    const props = (this.constructor as typeof StandIn).props;
    const name = Object.keys(props).find((key) => key.toLowerCase() === attribute);
    if (!name) return;
    const kind = props[name];
    this.set(
      name,
      kind === "boolean" ? value !== null && value !== "false" : kind === "number" ? Number(value) : value,
    );
  }

  protected set(name: string, value: unknown) {
    if (this.values.get(name) === value) return;
    this.values.set(name, value);
    if (this.root) this.update();
  }

  protected string(name: string): string {
    const value = this.values.get(name);
    return value === undefined || value === null || value === false ? "" : String(value);
  }

  protected boolean(name: string): boolean {
    return Boolean(this.values.get(name));
  }

  /** Draws the shadow root once; the default shows the children. */
  protected build(root: ShadowRoot) {
    root.append(document.createElement("slot"));
  }

  /** Brings the shadow root up to date with the props. */
  protected update() {}
}

/** Registers a stand-in under `tag`, with property accessors for its props. */
export function define(tag: string, Class: typeof StandIn) {
  if (customElements.get(tag)) return;
  for (const name of Object.keys(Class.props)) {
    if (Object.prototype.hasOwnProperty.call(Class.prototype, name)) continue;
    Object.defineProperty(Class.prototype, name, {
      configurable: true,
      get(this: StandIn) {
        return (this as unknown as { values: Map<string, unknown> }).values.get(name);
      },
      set(this: StandIn, value: unknown) {
        (this as unknown as { set(n: string, v: unknown): void }).set(name, value);
      },
    });
  }
  customElements.define(tag, class extends Class {});
}

/** The plain HTML tags stand-ins draw with (Polaris's types add its own s-* tags to the map). */
type Tag = "a" | "button" | "div" | "dialog" | "footer" | "h1" | "h2" | "header" | "img" | "input" | "label";
type Html =
  Tag | "option" | "p" | "progress" | "section" | "select" | "slot" | "span" | "strong" | "style" | "textarea";

/** An element with attributes and children, for building shadow roots. */
export function el<K extends Html>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const element: HTMLElement = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element as HTMLElementTagNameMap[K];
}

/** Polaris spacing tokens ("small-200", "base", "large large-100") as CSS lengths. */
export function space(token: string): string {
  if (!token) return "";
  return token
    .split(/\s+/)
    .map((part) => {
      if (part === "none") return "0";
      if (part.startsWith("small")) return part.endsWith("500") || part.endsWith("400") ? "2px" : "6px";
      if (part.startsWith("large")) return part.endsWith("100") ? "20px" : "28px";
      if (part.startsWith("extra-large")) return "36px";
      return "12px";
    })
    .join(" ");
}
