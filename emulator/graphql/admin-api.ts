// The Admin GraphQL endpoint's pipeline, as Shopify runs it: parse, validate against the real
// schema, price the query, take the cost from the app's bucket on this shop (or refuse), execute,
// and refund what the query did not use. Faults set through the control API (faults.ts) can
// answer instead, or bend the run.
import {
  execute,
  GraphQLError,
  parse,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import type { Store } from "../state/store.ts";
import type { Installation, ShopRecord } from "../state/types.ts";
import {
  actualQueryCost,
  costExtension,
  LeakyBucket,
  maxCostExceededError,
  requestedQueryCost,
  SINGLE_QUERY_MAX_COST,
  STANDARD_PLAN,
  throttledError,
} from "./cost.ts";
import { executionError, validationError, type ShopifyError } from "./errors.ts";
import { AdminFaults, selectedRootFields, userErrorPayload } from "./faults.ts";
import { mutationRoot } from "./mutation-root.ts";
import { queryRoot } from "./query-root.ts";
import { fieldResolver, typeResolver } from "./resolve.ts";

export interface GraphqlRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface GraphqlResponse {
  status: number;
  body: { data?: unknown; errors?: ShopifyError[] | Record<string, string> | string; extensions?: unknown };
}

export class AdminApi {
  private readonly buckets = new Map<string, LeakyBucket>();
  readonly schema: GraphQLSchema;
  private readonly store: Store;
  private readonly clock: () => number;
  /** Faults injected through `PUT /_emulator/admin-faults`. */
  readonly faults: AdminFaults;

  constructor(schema: GraphQLSchema, store: Store, clock: () => number = Date.now) {
    this.schema = schema;
    this.store = store;
    this.clock = clock;
    this.faults = new AdminFaults(schema);
  }

  /** The app's bucket on this shop (Shopify limits per app and store). */
  bucket(shop: ShopRecord, installation: Installation): LeakyBucket {
    const key = `${shop.domain}|${installation.app.apiKey}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new LeakyBucket({ ...STANDARD_PLAN, now: this.clock });
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  async handle(shop: ShopRecord, installation: Installation, request: GraphqlRequestBody): Promise<GraphqlResponse> {
    if (typeof request.query !== "string" || request.query.trim() === "") {
      return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
    }
    const variables = (request.variables ?? {}) as Record<string, unknown>;
    const operationName = typeof request.operationName === "string" ? request.operationName : undefined;
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch (error) {
      const e = error as GraphQLError;
      return {
        status: 200,
        body: {
          errors: [
            {
              message: e.message,
              ...(e.locations ? { locations: [...e.locations] } : {}),
              extensions: { code: "parseError" },
            },
          ],
        },
      };
    }
    const invalid = validate(this.schema, document);
    if (invalid.length > 0) return { status: 200, body: { errors: invalid.map(validationError) } };

    const requested = requestedQueryCost(this.schema, document, variables, operationName);
    const bucket = this.bucket(shop, installation);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode =>
        d.kind === "OperationDefinition" && (operationName === undefined || d.name?.value === operationName),
    );
    const faults = this.faults.match(shop.domain, () =>
      operation ? selectedRootFields(document, operation, variables) : new Set(),
    );
    if (faults.abort) {
      this.faults.use([faults.abort]);
      if (faults.abort.mode === "server-error") return { status: 500, body: { errors: "Internal Server Error" } };
      return {
        status: 200,
        body: { errors: [throttledError()], extensions: costExtension(requested, null, bucket.status()) },
      };
    }
    if (requested > SINGLE_QUERY_MAX_COST) {
      return {
        status: 200,
        body: {
          errors: [maxCostExceededError(requested)],
          extensions: costExtension(requested, null, bucket.status()),
        },
      };
    }
    if (!bucket.tryTake(requested)) {
      return {
        status: 200,
        body: { errors: [throttledError()], extensions: costExtension(requested, null, bucket.status()) },
      };
    }

    this.faults.use(faults.applied);
    const context = { store: this.store, shop };
    let rootValue: Record<string, unknown> =
      operation?.operation === "mutation" ? mutationRoot(context) : queryRoot(context);
    for (const fault of faults.applied) {
      if (fault.mode === "user-error") {
        rootValue = { ...rootValue, [fault.field]: () => userErrorPayload(this.schema, fault.field) };
      }
    }
    const result = await execute({
      schema: this.schema,
      document,
      rootValue,
      contextValue: context,
      variableValues: variables,
      operationName,
      fieldResolver,
      typeResolver,
    });
    const actual = result.data
      ? actualQueryCost(this.schema, document, variables, result.data, operationName)
      : requested;
    bucket.refund(Math.max(0, requested - actual));
    const response: GraphqlResponse = {
      status: 200,
      body: {
        ...(result.errors ? { errors: result.errors.map(executionError) } : {}),
        ...(result.data !== undefined ? { data: result.data } : {}),
        extensions: costExtension(requested, actual, bucket.status()),
      },
    };
    // Shopify did the work; the answer is what arrives late.
    const delays = faults.applied.flatMap((f) => (f.mode === "timeout" ? [f.delayMs ?? 0] : []));
    if (delays.length > 0) await this.faults.delay(Math.max(...delays));
    return response;
  }
}
