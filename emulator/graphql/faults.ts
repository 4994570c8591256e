// Fault injection for the Admin GraphQL API. Shopify's Admin API fails in a few ways the app has
// to survive: a 5xx, a THROTTLED answer, a mutation refused with a userError, and a call that
// Shopify carried out while the app's request timed out (so a retry must not do it twice).
// Tests cannot wait for Shopify to misbehave, so `PUT /_emulator/admin-faults` tells the emulator
// which root field fails and how; this module keeps that list and shapes each failure as the real
// schema does. Faults belong to the emulator instance; one may be limited to a shop.
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isEnumType,
  isNonNullType,
  isObjectType,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { InputError } from "../state/store.ts";

export const ADMIN_FAULT_MODES = ["user-error", "server-error", "throttled", "timeout"] as const;
export type AdminFaultMode = (typeof ADMIN_FAULT_MODES)[number];

export interface AdminFault {
  /** A root field of the Admin schema (Mutation or QueryRoot). */
  field: string;
  mode: AdminFaultMode;
  /** Matching requests left before the fault is used up; absent: until the list is replaced. */
  times?: number;
  /** How long a `timeout` fault holds the response back. */
  delayMs?: number;
  /** The shop's domain when the fault is limited to one shop. */
  shop?: string;
}

/** What a request meets: a fault that answers instead of running it, or faults applied to its run. */
export interface FaultMatch {
  abort?: AdminFault;
  applied: AdminFault[];
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const FAULT_MESSAGE = "Internal error (emulator fault)";

const KEYS = new Set(["field", "mode", "times", "delayMs", "shop"]);

/** Fields of a mutation payload that carry userErrors (`userErrors`, `mediaUserErrors`, …). */
const isUserErrorsField = (name: string) => name === "userErrors" || name.endsWith("UserErrors");

/** The root field of that name, on Mutation or QueryRoot. */
function rootField(schema: GraphQLSchema, name: string): GraphQLField<unknown, unknown> | undefined {
  return schema.getMutationType()?.getFields()[name] ?? schema.getQueryType()?.getFields()[name];
}

/** Why `user-error` cannot shape this field's payload, or undefined when it can. */
function userErrorUnfit(field: GraphQLField<unknown, unknown>): string | undefined {
  const payload = getNamedType(field.type);
  if (!isObjectType(payload)) return `${field.name} returns ${String(field.type)}, which has no userErrors`;
  const fields = Object.values(payload.getFields());
  const carriers = fields.filter((f) => isUserErrorsField(f.name));
  if (carriers.length === 0) return `${field.name} returns ${payload.name}, which has no userErrors`;
  for (const f of carriers) {
    if (!isObjectType(getNamedType(f.type))) return `${payload.name}.${f.name} is not a list of objects`;
  }
  const required = fields.find((f) => !isUserErrorsField(f.name) && isNonNullType(f.type));
  if (required) return `${payload.name}.${required.name} is non-null, so the payload cannot be left empty`;
  return undefined;
}

/** One user error fitted to its type: field null, code INTERNAL_ERROR where the enum has it. */
function userError(type: GraphQLObjectType): Record<string, unknown> {
  const error: Record<string, unknown> = {};
  for (const f of Object.values(type.getFields())) {
    const named = getNamedType(f.type);
    if (f.name === "message") error[f.name] = FAULT_MESSAGE;
    else if (f.name === "field") error[f.name] = null;
    else if (isEnumType(named)) {
      const internal = named.getValue("INTERNAL_ERROR");
      error[f.name] = internal ? internal.name : isNonNullType(f.type) ? named.getValues()[0]!.name : null;
    } else if (isNonNullType(f.type) && named.name === "String") error[f.name] = FAULT_MESSAGE;
    else error[f.name] = null;
  }
  return error;
}

/** The payload a `user-error` fault answers for this root field: its userErrors, the rest null. */
export function userErrorPayload(schema: GraphQLSchema, fieldName: string): Record<string, unknown> {
  const payload = getNamedType(rootField(schema, fieldName)!.type) as GraphQLObjectType;
  const view: Record<string, unknown> = {};
  for (const f of Object.values(payload.getFields())) {
    const item = getNamedType(f.type);
    view[f.name] = isUserErrorsField(f.name) && isObjectType(item) ? [userError(item)] : null;
  }
  return view;
}

/** The root fields the operation selects, through fragments and honouring @skip/@include. */
export function selectedRootFields(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): Set<string> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === "FragmentDefinition") fragments.set(d.name.value, d);
  const names = new Set<string>();
  const seen = new Set<string>();
  const included = (node: Parameters<typeof getDirectiveValues>[1]) => {
    try {
      return (
        getDirectiveValues(GraphQLSkipDirective, node, variables)?.if !== true &&
        getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if !== false
      );
    } catch {
      return true; // a bad variable: execution reports it
    }
  };
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (!included(selection)) continue;
      if (selection.kind === "Field") names.add(selection.name.value);
      else if (selection.kind === "InlineFragment") walk(selection.selectionSet);
      else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) walk(fragment.selectionSet);
      }
    }
  };
  walk(operation.selectionSet);
  return names;
}

export class AdminFaults {
  private readonly schema: GraphQLSchema;
  private faults: AdminFault[] = [];
  /** Responses held back by `timeout` faults, released early when the emulator closes. */
  private readonly pending = new Map<NodeJS.Timeout, () => void>();

  constructor(schema: GraphQLSchema) {
    this.schema = schema;
  }

  /** The faults in force, with the `times` they have left. */
  list(): AdminFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /**
   * Replaces the list (an empty one clears it) after checking every entry; on bad input the list
   * stays as it was. `shopDomain` turns a domain or handle into the shop's domain, or throws.
   */
  replace(body: Record<string, unknown>, shopDomain: (shop: string) => string): AdminFault[] {
    if (!Array.isArray(body.faults)) throw new InputError("faults", "a list of faults ([] clears them)");
    this.faults = body.faults.map((entry: unknown, i) => this.parse(entry, `faults[${i}]`, shopDomain));
    return this.list();
  }

  private parse(entry: unknown, at: string, shopDomain: (shop: string) => string): AdminFault {
    if (entry === null || typeof entry !== "object" || Array.isArray(entry)) throw new InputError(at, "an object");
    const input = entry as Record<string, unknown>;
    const unknown = Object.keys(input).find((key) => !KEYS.has(key));
    if (unknown) throw new InputError(`${at}.${unknown}`, `unknown; a fault has ${[...KEYS].join(", ")}`);

    const name = input.field;
    if (typeof name !== "string" || name === "") throw new InputError(`${at}.field`, "required");
    const field = rootField(this.schema, name);
    if (!field) throw new InputError(`${at}.field`, `${name} is not a root field of the Admin schema`);

    const mode = input.mode as AdminFaultMode;
    if (!ADMIN_FAULT_MODES.includes(mode)) throw new InputError(`${at}.mode`, `one of ${ADMIN_FAULT_MODES.join(", ")}`);
    if (mode === "user-error") {
      const unfit = userErrorUnfit(field);
      if (unfit) throw new InputError(`${at}.mode`, `user-error needs a payload with userErrors; ${unfit}`);
    }

    const fault: AdminFault = { field: name, mode };
    if (input.times !== undefined) {
      if (!(Number.isInteger(input.times) && (input.times as number) > 0))
        throw new InputError(`${at}.times`, "a positive integer");
      fault.times = input.times as number;
    }
    if (input.delayMs !== undefined) {
      if (mode !== "timeout") throw new InputError(`${at}.delayMs`, "only for mode timeout");
      if (!(Number.isInteger(input.delayMs) && (input.delayMs as number) >= 0))
        throw new InputError(`${at}.delayMs`, "a non-negative integer");
    }
    if (mode === "timeout") fault.delayMs = (input.delayMs as number | undefined) ?? DEFAULT_TIMEOUT_MS;
    if (input.shop !== undefined) {
      if (typeof input.shop !== "string") throw new InputError(`${at}.shop`, "a shop's domain or handle");
      try {
        fault.shop = shopDomain(input.shop);
      } catch {
        throw new InputError(`${at}.shop`, `no shop ${input.shop}`);
      }
    }
    return fault;
  }

  /**
   * The faults a request on this shop selecting these root fields meets, without using them up.
   * The first server-error or throttled fault in the list answers alone; otherwise every
   * user-error and timeout fault applies.
   */
  match(shopDomain: string, selected: () => Set<string>): FaultMatch {
    if (this.faults.length === 0) return { applied: [] };
    const fields = selected();
    const matching = this.faults.filter((f) => fields.has(f.field) && (f.shop === undefined || f.shop === shopDomain));
    const abort = matching.find((f) => f.mode === "server-error" || f.mode === "throttled");
    return abort ? { abort, applied: [] } : { applied: matching };
  }

  /** Counts one request against each fault; a fault whose `times` run out leaves the list. */
  use(faults: AdminFault[]) {
    for (const fault of faults) if (fault.times !== undefined) fault.times -= 1;
    this.faults = this.faults.filter((f) => f.times === undefined || f.times > 0);
  }

  /** Waits `ms`, or until the emulator closes. */
  delay(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(timer);
        resolve();
      }, ms);
      this.pending.set(timer, resolve);
    });
  }

  /** Releases every held-back response so closing the emulator never waits on a timer. */
  close() {
    for (const [timer, resolve] of this.pending) {
      clearTimeout(timer);
      resolve();
    }
    this.pending.clear();
  }
}
