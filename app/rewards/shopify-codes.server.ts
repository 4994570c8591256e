// The Shopify side of a redemption: create the customer's code, find or delete one, read a
// variant's price. Each call says whether Shopify surely did nothing (so the hold can be released
// at once) or the outcome is unknown (a timeout, a 5xx: the code may exist and must be looked up).
import type { AdminApiContext } from "@shopify/shopify-app-remix/server";
import type { DiscountInput } from "./discount-input";

const CREATE_BASIC = `#graphql
  mutation LaurelCreateBasicCode($input: DiscountCodeBasicInput!) {
    discountCodeBasicCreate(basicCodeDiscount: $input) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const CREATE_FREE_SHIPPING = `#graphql
  mutation LaurelCreateFreeShippingCode($input: DiscountCodeFreeShippingInput!) {
    discountCodeFreeShippingCreate(freeShippingCodeDiscount: $input) {
      codeDiscountNode {
        id
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const FIND_CODE = `#graphql
  query LaurelFindCode($code: String!) {
    codeDiscountNodeByCode(code: $code) {
      id
    }
  }
`;

const DELETE_CODE = `#graphql
  mutation LaurelDeleteCode($id: ID!) {
    discountCodeDelete(id: $id) {
      deletedCodeDiscountId
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const VARIANT_PRICE = `#graphql
  query LaurelVariantPrice($id: ID!) {
    productVariant(id: $id) {
      id
      price
    }
  }
`;

export type CreateResult =
  | { ok: true; discountId: string }
  /** Shopify refused or never ran it (user errors, throttled): nothing was created. */
  | { ok: false; certain: true; message: string }
  /** No answer (timeout, 5xx, network): the code may or may not exist. */
  | { ok: false; certain: false; message: string };

/** Errors in which Shopify surely did not run the operation. */
const refusedUnrun = (error: unknown) => /THROTTLED|Throttled/.test(describe(error));

function describe(error: unknown): string {
  if (error instanceof Error) {
    const body = (error as { body?: unknown }).body;
    return `${error.name}: ${error.message}${body ? ` ${JSON.stringify(body)}` : ""}`;
  }
  return String(error);
}

export class ShopifyCodes {
  private readonly admin: AdminApiContext;
  /** The longest Laurel waits for one Admin call (Shopify answers webhooks' 5 s; shoppers wait too). */
  private readonly timeoutMs: number;

  constructor(admin: AdminApiContext, timeoutMs = 4_000) {
    this.admin = admin;
    this.timeoutMs = timeoutMs;
  }

  async create(discount: DiscountInput): Promise<CreateResult> {
    try {
      const signal = AbortSignal.timeout(this.timeoutMs);
      if (discount.kind === "free_shipping") {
        const response = await this.admin.graphql(CREATE_FREE_SHIPPING, {
          variables: { input: discount.input },
          signal,
        });
        const payload = (await response.json()).data?.discountCodeFreeShippingCreate;
        return this.created(payload);
      }
      const response = await this.admin.graphql(CREATE_BASIC, { variables: { input: discount.input }, signal });
      return this.created((await response.json()).data?.discountCodeBasicCreate);
    } catch (error) {
      return { ok: false, certain: refusedUnrun(error), message: describe(error) };
    }
  }

  private created(
    payload: { codeDiscountNode?: { id: string } | null; userErrors: { message: string }[] } | null | undefined,
  ): CreateResult {
    if (payload?.codeDiscountNode) return { ok: true, discountId: payload.codeDiscountNode.id };
    const message = payload?.userErrors.map((e) => e.message).join("; ") || "no discount in Shopify's answer";
    return { ok: false, certain: true, message };
  }

  /** The code's discount id, or null when Shopify has no such code. Throws when it can't tell. */
  async findByCode(code: string): Promise<string | null> {
    const response = await this.admin.graphql(FIND_CODE, {
      variables: { code },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return (await response.json()).data?.codeDiscountNodeByCode?.id ?? null;
  }

  /** Deletes the code's discount; throws unless Shopify confirms. */
  async remove(discountId: string): Promise<void> {
    const response = await this.admin.graphql(DELETE_CODE, {
      variables: { id: discountId },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const payload = (await response.json()).data?.discountCodeDelete;
    if (!payload?.deletedCodeDiscountId) {
      throw new Error(`discountCodeDelete: ${payload?.userErrors.map((e) => e.message).join("; ") ?? "no answer"}`);
    }
  }

  /** A variant's price (decimal string in the shop's currency), or null if it is gone. */
  async variantPrice(variantId: string): Promise<string | null> {
    const response = await this.admin.graphql(VARIANT_PRICE, {
      variables: { id: variantId },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    return (await response.json()).data?.productVariant?.price ?? null;
  }
}
