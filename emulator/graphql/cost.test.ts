import { readFileSync } from "node:fs";
import { buildClientSchema, buildSchema, parse, type IntrospectionQuery } from "graphql";
import { describe, expect, it } from "vitest";
import {
  LeakyBucket,
  SINGLE_QUERY_MAX_COST,
  STANDARD_PLAN,
  actualQueryCost,
  costExtension,
  maxCostExceededError,
  requestedQueryCost,
  throttledError,
} from "./cost.ts";

const schema = buildSchema(/* GraphQL */ `
  schema {
    query: QueryRoot
    mutation: Mutation
  }

  interface Node {
    id: ID!
  }

  enum CurrencyCode {
    USD
    EUR
  }

  enum CustomerState {
    ENABLED
    DISABLED
  }

  type Domain {
    host: String!
  }

  type Shop {
    id: ID!
    name: String!
    currencyCode: CurrencyCode!
    primaryDomain: Domain!
  }

  type MailingAddress {
    city: String
  }

  type PageInfo {
    hasNextPage: Boolean!
    endCursor: String
  }

  type Customer implements Node {
    id: ID!
    email: String
    state: CustomerState!
    defaultAddress: MailingAddress
    addresses: [MailingAddress!]!
    orders(first: Int, last: Int, after: String): OrderConnection!
  }

  type CustomerEdge {
    cursor: String!
    node: Customer!
  }

  type CustomerConnection {
    edges: [CustomerEdge!]!
    nodes: [Customer!]!
    pageInfo: PageInfo!
  }

  type Order implements Node {
    id: ID!
    name: String!
    customer: Customer
  }

  type OrderEdge {
    cursor: String!
    node: Order!
  }

  type OrderConnection {
    edges: [OrderEdge!]!
    nodes: [Order!]!
    pageInfo: PageInfo!
  }

  type Product implements Node {
    id: ID!
    title: String!
  }

  union SearchResult = Customer | Order | Product

  type QueryRoot {
    shop: Shop!
    customers(first: Int, last: Int, after: String): CustomerConnection!
    customer(id: ID!): Customer
    node(id: ID!): Node
    search(term: String!): SearchResult
  }

  type UserError {
    field: [String!]
    message: String!
  }

  type CustomerCreatePayload {
    customer: Customer
    userErrors: [UserError!]!
  }

  type CustomerDeletePayload {
    deletedCustomerId: ID
    userErrors: [UserError!]!
  }

  type Mutation {
    customerCreate(email: String!): CustomerCreatePayload
    customerDelete(id: ID!): CustomerDeletePayload
  }
`);

const requested = (query: string, variables: Record<string, unknown> = {}, operationName?: string) =>
  requestedQueryCost(schema, parse(query), variables, operationName);
const actual = (query: string, data: unknown, variables: Record<string, unknown> = {}) =>
  actualQueryCost(schema, parse(query), variables, data);

describe("requestedQueryCost", () => {
  it.each([
    // Scalars and enums are free; each object is 1.
    ["scalars on an object", "{ shop { id name } }", {}, 1],
    ["an enum", "{ shop { currencyCode } }", {}, 1],
    ["a nested object", "{ shop { name primaryDomain { host } } }", {}, 2],
    ["introspection", "{ __typename __schema { types { name } } shop { __typename } }", {}, 1],
    ["fields merged under one response key", "{ shop { name } shop { primaryDomain { host } } }", {}, 2],
    ["aliases of one field", "{ a: shop { name } b: shop { name } }", {}, 2],
    ["a plain list of objects", '{ customer(id: "1") { addresses { city } } }', {}, 2],
    // Connections: 2 + page size x the cost of one node.
    ["a connection with literal first", "{ customers(first: 10) { edges { node { id } } } }", {}, 12],
    [
      "a connection with last, nodes and pageInfo",
      "{ customers(last: 5) { nodes { id } pageInfo { hasNextPage } } }",
      {},
      7,
    ],
    ["a cursor is free", "{ customers(first: 3) { edges { cursor node { email } } } }", {}, 5],
    ["first from a variable", "query($n: Int) { customers(first: $n) { edges { node { id } } } }", { n: 25 }, 27],
    ["last from a variable default", "query($n: Int = 3) { customers(last: $n) { nodes { id } } }", {}, 5],
    ["a node with an object inside", "{ customers(first: 2) { nodes { defaultAddress { city } } } }", {}, 6],
    // 2 + 10 x (customer 1 + orders (2 + 5 x order 1)) = 2 + 10 x 8
    [
      "nested connections multiply",
      "{ customers(first: 10) { edges { node { id orders(first: 5) { edges { node { name } } } } } } }",
      {},
      82,
    ],
    [
      "nested sizes from variables",
      "query($a: Int!, $b: Int!) { customers(first: $a) { nodes { orders(last: $b) { nodes { id } } } } }",
      { a: 4, b: 2 },
      2 + 4 * (1 + 2 + 2),
    ],
  ])("%s", (_label, query, variables, cost) => {
    expect(requested(query, variables)).toBe(cost);
  });

  it.each([
    [
      "named fragments",
      `query { customers(first: 4) { ...Page } }
       fragment Page on CustomerConnection { edges { node { ...Customer } } }
       fragment Customer on Customer { id defaultAddress { city } }`,
      2 + 4 * 2,
    ],
    ["an inline fragment on the same type", "{ shop { ... on Shop { primaryDomain { host } } } }", 2],
    ["an inline fragment without a type condition", "{ shop { ... { primaryDomain { host } } } }", 2],
  ])("%s", (_label, query, cost) => {
    expect(requested(query)).toBe(cost);
  });

  describe("interfaces and unions charge the most expensive possible selection", () => {
    it.each([
      ["an interface with shared fields only", '{ node(id: "1") { id } }', 1],
      [
        "an interface where Order is dearest",
        '{ node(id: "1") { ... on Order { customer { id } } ... on Product { title } } }',
        2,
      ],
      [
        "an interface where Customer's connection is dearest",
        '{ node(id: "1") { ... on Order { customer { id } } ... on Customer { orders(first: 3) { nodes { id } } } } }',
        1 + 2 + 3,
      ],
      [
        "a fragment on the interface applies to every type",
        '{ node(id: "1") { ...N ... on Order { customer { id } } } } fragment N on Node { id }',
        2,
      ],
      [
        "a union",
        '{ search(term: "a") { ... on Product { title } ... on Order { customer { defaultAddress { city } } } } }',
        3,
      ],
      ["a union with only __typename", '{ search(term: "a") { __typename } }', 1],
    ])("%s", (_label, query, cost) => {
      expect(requested(query)).toBe(cost);
    });
  });

  describe("@skip and @include", () => {
    const query = "query($s: Boolean!) { shop { name primaryDomain @skip(if: $s) { host } } }";

    it.each([
      [true, 1],
      [false, 2],
    ])("@skip(if: %s) costs %i", (skip, cost) => {
      expect(requested(query, { s: skip })).toBe(cost);
    });

    it.each([
      [
        "@include(if: false) on a field",
        "{ shop { name } customers(first: 9) @include(if: false) { nodes { id } } }",
        1,
      ],
      [
        "@include(if: true) on a field",
        "{ shop { name } customers(first: 9) @include(if: true) { nodes { id } } }",
        12,
      ],
      [
        "@skip on a fragment spread",
        "{ shop { ...D @skip(if: true) } } fragment D on Shop { primaryDomain { host } }",
        1,
      ],
      ["@include on an inline fragment", "{ shop { ... @include(if: false) { primaryDomain { host } } } }", 1],
    ])("%s", (_label, q, cost) => {
      expect(requested(q)).toBe(cost);
    });
  });

  describe("mutations", () => {
    it.each([
      [
        "one root field, payload not charged",
        'mutation { customerCreate(email: "a") { customer { id orders(first: 50) { nodes { id } } } userErrors { message } } }',
        10,
      ],
      [
        "two root fields",
        'mutation { customerCreate(email: "a") { userErrors { message } } customerDelete(id: "1") { deletedCustomerId } }',
        20,
      ],
      [
        "the same field twice under aliases",
        'mutation { a: customerDelete(id: "1") { deletedCustomerId } b: customerDelete(id: "2") { deletedCustomerId } }',
        20,
      ],
      ["__typename alone", "mutation { __typename }", 0],
    ])("%s", (_label, query, cost) => {
      expect(requested(query)).toBe(cost);
    });
  });

  it("prices the named operation of a multi-operation document", () => {
    const doc =
      'query A { shop { name } } query B { customers(first: 2) { nodes { id } } } mutation C { customerDelete(id: "1") { deletedCustomerId } }';
    expect([requested(doc, {}, "A"), requested(doc, {}, "B"), requested(doc, {}, "C")]).toEqual([1, 4, 10]);
    expect(() => requested(doc)).toThrow(/operation name/);
    expect(() => requested(doc, {}, "Missing")).toThrow(/Unknown operation/);
  });
});

describe("actualQueryCost", () => {
  const customers = "{ customers(first: 10) { edges { node { id } } } }";
  const nested = "{ customers(first: 10) { nodes { id orders(first: 5) { edges { node { name } } } } } }";
  const lookup = '{ customer(id: "1") { defaultAddress { city } orders(first: 5) { nodes { id } } } }';

  it.each([
    [
      "a full page equals requested",
      customers,
      { customers: { edges: Array.from({ length: 10 }, () => ({ node: { id: "x" } })) } },
      12,
    ],
    [
      "fewer edges than requested",
      customers,
      { customers: { edges: [{ node: { id: "1" } }, { node: { id: "2" } }, { node: { id: "3" } }] } },
      5,
    ],
    ["an empty page", customers, { customers: { edges: [] } }, 2],
    // 2 + (1 + 2 + 1 order) + (1 + 2 + 0 orders)
    [
      "nested connections count the nodes returned at each level",
      nested,
      {
        customers: {
          nodes: [
            { id: "1", orders: { edges: [{ node: { name: "#1" } }] } },
            { id: "2", orders: { edges: [] } },
          ],
        },
      },
      9,
    ],
    ["a null object charges itself but nothing below it", lookup, { customer: null }, 1],
    ["a null nested object", lookup, { customer: { defaultAddress: null, orders: { nodes: [] } } }, 1 + 1 + 2],
    ["scalars stay free", "{ shop { name currencyCode } }", { shop: { name: "S", currencyCode: "USD" } }, 1],
    ["no data", customers, null, 0],
  ])("%s", (_label, query, data, cost) => {
    expect(actual(query, data)).toBe(cost);
  });

  it("is lower than requested when fewer nodes return", () => {
    const data = { customers: { nodes: [{ id: "1", orders: { edges: [] } }] } };
    expect(requested(nested)).toBe(82);
    expect(actual(nested, data)).toBe(2 + 1 + 2);
  });

  it("reads page sizes from variables the same way as requested", () => {
    const query = "query($n: Int!) { customers(first: $n) { nodes { id } } }";
    expect(requested(query, { n: 50 })).toBe(52);
    expect(actual(query, { customers: { nodes: [{ id: "1" }] } }, { n: 50 })).toBe(3);
  });

  describe("interfaces and unions charge the type actually returned", () => {
    const query =
      '{ node(id: "1") { ... on Order { customer { id } } ... on Customer { orders(first: 3) { nodes { id } } } } }';

    it.each([
      [
        "by __typename",
        '{ node(id: "1") { __typename ... on Order { customer { id } } } }',
        { node: { __typename: "Product" } },
        1,
      ],
      [
        "by __typename, an Order",
        '{ node(id: "1") { __typename ... on Order { customer { id } } } }',
        { node: { __typename: "Order", customer: { id: "c" } } },
        2,
      ],
      ["by the keys returned", query, { node: { orders: { nodes: [{ id: "o" }] } } }, 1 + 2 + 1],
      ["a type with no matching fragment", query, { node: {} }, 1],
      ["null", query, { node: null }, 1],
      ["a union", '{ search(term: "a") { ... on Order { customer { id } } } }', { search: { customer: null } }, 2],
    ])("%s", (_label, q, data, cost) => {
      expect(actual(q, data)).toBe(cost);
    });
  });

  it("charges mutations as requested", () => {
    const mutation =
      'mutation { customerCreate(email: "a") { customer { id } } customerDelete(id: "1") { deletedCustomerId } }';
    expect(actual(mutation, { customerCreate: { customer: null }, customerDelete: null })).toBe(20);
  });
});

describe("LeakyBucket", () => {
  const clock = () => {
    let t = 1_000_000;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };
  const standard = () => {
    const c = clock();
    return { c, bucket: new LeakyBucket({ ...STANDARD_PLAN, now: c.now }) };
  };

  it("starts full and reports its throttle status", () => {
    const { bucket } = standard();
    expect(bucket.status()).toEqual({ maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100 });
  });

  it("refills continuously at the restore rate", () => {
    const { c, bucket } = standard();
    expect(bucket.tryTake(500)).toBe(true);
    expect(bucket.status().currentlyAvailable).toBe(1500);
    c.advance(2_000);
    expect(bucket.status().currentlyAvailable).toBe(1700);
    c.advance(250);
    expect(bucket.status().currentlyAvailable).toBe(1725);
  });

  it("accrues fractions of a point between calls", () => {
    const { c, bucket } = standard();
    bucket.tryTake(2000);
    for (let i = 0; i < 4; i++) {
      c.advance(5); // 0.5 points each
      expect(bucket.status().currentlyAvailable).toBe(Math.floor((i + 1) * 0.5));
    }
  });

  it("never exceeds the maximum", () => {
    const { c, bucket } = standard();
    bucket.tryTake(100);
    c.advance(3_600_000);
    expect(bucket.status().currentlyAvailable).toBe(2000);
  });

  it("refuses a cost it cannot cover and takes nothing", () => {
    const { c, bucket } = standard();
    expect(bucket.tryTake(1990)).toBe(true);
    expect(bucket.tryTake(11)).toBe(false);
    expect(bucket.status().currentlyAvailable).toBe(10);
    c.advance(10); // +1 point
    expect(bucket.tryTake(11)).toBe(true);
    expect(bucket.status().currentlyAvailable).toBe(0);
  });

  it("refunds the difference between requested and actual cost, capped at the maximum", () => {
    const { bucket } = standard();
    bucket.tryTake(100);
    bucket.refund(100 - 20);
    expect(bucket.status().currentlyAvailable).toBe(1980);
    bucket.refund(500);
    expect(bucket.status().currentlyAvailable).toBe(2000);
  });

  it("honours other plan sizes", () => {
    const c = clock();
    const bucket = new LeakyBucket({ maximumAvailable: 1000, restoreRate: 50, now: c.now });
    bucket.tryTake(1000);
    c.advance(1_000);
    expect(bucket.status()).toEqual({ maximumAvailable: 1000, currentlyAvailable: 50, restoreRate: 50 });
  });
});

describe("response pieces", () => {
  it("builds extensions.cost", () => {
    const status = { maximumAvailable: 2000, currentlyAvailable: 1988, restoreRate: 100 };
    expect(costExtension(12, 5, status)).toEqual({
      cost: { requestedQueryCost: 12, actualQueryCost: 5, throttleStatus: status },
    });
    expect(costExtension(12, null, status).cost.actualQueryCost).toBeNull();
  });

  it("builds the THROTTLED error", () => {
    expect(throttledError()).toEqual({
      message: "Throttled",
      extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
    });
  });

  it("builds the documented MAX_COST_EXCEEDED error", () => {
    const error = maxCostExceededError(2003);
    expect(SINGLE_QUERY_MAX_COST).toBe(1000);
    expect(error.message).toMatch(/^Query cost is 2003, which exceeds the single query max cost limit \(1000\)\.\n/);
    expect(error.extensions).toEqual({
      code: "MAX_COST_EXCEEDED",
      cost: 2003,
      maxCost: 1000,
      documentation: "https://shopify.dev/api/usage/limits#rate-limits",
    });
  });
});

describe("against the real Admin schema (2026-10)", () => {
  const json = JSON.parse(
    readFileSync(new URL("../../.cache/shopify-schemas/admin_2026-10.json", import.meta.url), "utf8"),
  ) as { data: IntrospectionQuery };
  const admin = buildClientSchema(json.data);
  const cost = (query: string, variables: Record<string, unknown> = {}) =>
    requestedQueryCost(admin, parse(query), variables);

  it("gives the documented cost of the reference page's example", () => {
    // shopify.dev/docs/api/admin-graphql, "Rate limits": this request answers requestedQueryCost 3 and
    // actualQueryCost 3 with one product returned (2 for the connection + 1 for the single Product).
    const query = "{ products(first: 1) { edges { node { title } } } }";
    expect(cost(query)).toBe(3);
    const data = { products: { edges: [{ node: { title: "Hiking backpack" } }] } };
    expect(actualQueryCost(admin, parse(query), {}, data)).toBe(3);
  });

  it.each([
    // Shop is an object (1); name is a scalar (0).
    ["query { shop { name } }", 1],
    // Connection base 2 + first (10) x Customer object (1); id is a free scalar.
    ["query { customers(first: 10) { edges { node { id } } } }", 12],
    // Node is an interface: the dearest possible selection is one object.
    ['query { node(id: "gid://shopify/Customer/1") { id } }', 1],
    ['mutation { customerCreate(input: { email: "a@example.com" }) { customer { id } userErrors { message } } }', 10],
  ])("%s costs %i", (query, expected) => {
    expect(cost(query)).toBe(expected);
  });

  it("flags a query above the single-query maximum", () => {
    const query = "{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }";
    expect(cost(query)).toBe(2 + 250 * (1 + 2 + 250));
    expect(cost(query)).toBeGreaterThan(SINGLE_QUERY_MAX_COST);
  });
});
