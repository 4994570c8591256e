// Every shopper-facing string of each extension exists in English and in Russian: the same keys
// in both files (plural forms as each language needs them) with the same placeholders, the keys
// the shared formatting uses, every key the source names, and every `t:` key of its TOML.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHARED_KEYS } from "./shared/format";

type Tree = { [key: string]: string | Tree };
const PLURAL = new Set(["zero", "one", "two", "few", "many", "other"]);
const NEEDED_FORMS: Record<string, string[]> = { en: ["one", "other"], ru: ["one", "few", "many", "other"] };

/** Leaf keys, with a plural node ({one, other…}) counted as one key. */
function keys(tree: Tree, prefix = ""): Map<string, string[] | null> {
  const found = new Map<string, string[] | null>();
  for (const [name, value] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${name}` : name;
    if (typeof value === "string") found.set(key, null);
    else if (Object.keys(value).every((k) => PLURAL.has(k))) found.set(key, Object.keys(value));
    else for (const [k, v] of keys(value, key)) found.set(k, v);
  }
  return found;
}

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });

const extensions = fs
  .readdirSync(__dirname)
  .filter((name) => fs.existsSync(path.join(__dirname, name, "shopify.extension.toml")));

describe.each(extensions)("%s", (name) => {
  const dir = path.join(__dirname, name);
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(dir, "locales", file), "utf8")) as Tree;
  const en = keys(read("en.default.json"));
  const ru = keys(read("ru.json"));

  it("has the same keys in English and Russian, with each language's plural forms", () => {
    expect([...ru.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, forms] of en) {
      if (forms === null) continue;
      expect(forms, `en ${key}`).toEqual(expect.arrayContaining(NEEDED_FORMS.en!));
      expect(ru.get(key), `ru ${key}`).toEqual(expect.arrayContaining(NEEDED_FORMS.ru!));
    }
  });

  // Extensions with code; an editor collection has only its name.
  if (fs.existsSync(path.join(dir, "src"))) {
    it("has every key the shared formatting uses", () => {
      for (const key of SHARED_KEYS) expect(en.has(key), key).toBe(true);
    });
  }

  it("uses the same placeholders in both languages", () => {
    const english = read("en.default.json");
    const russian = read("ru.json");
    const placeholders = (tree: Tree, key: string) => {
      const node = key.split(".").reduce<Tree | string | undefined>((n, k) => (typeof n === "object" ? n[k] : n), tree);
      return [...new Set(JSON.stringify(node).match(/\{\{\s*\w+\s*\}\}/g) ?? [])].sort();
    };
    for (const key of en.keys()) expect(placeholders(russian, key), key).toEqual(placeholders(english, key));
  });

  it("has every key its source names and its TOML uses", () => {
    const used = new Set<string>();
    const src = path.join(dir, "src");
    // A string literal is a key when its first part is one of the file's sections ("member.balance").
    const sections = new Set(Object.keys(read("en.default.json")));
    for (const file of fs.existsSync(src) ? sources(src) : []) {
      for (const match of fs.readFileSync(file, "utf8").matchAll(/["'`]([a-z][\w]*(?:\.[\w-]+)*)["'`]/g)) {
        if (sections.has(match[1]!.split(".")[0]!) && (match[1]!.includes(".") || en.has(match[1]!)))
          used.add(match[1]!);
      }
    }
    const toml = fs.readFileSync(path.join(dir, "shopify.extension.toml"), "utf8");
    for (const match of toml.matchAll(/"t:([\w.-]+)"/g)) used.add(match[1]!);
    expect(used.size).toBeGreaterThan(0);
    for (const key of used) expect(en.has(key), key).toBe(true);
  });
});
