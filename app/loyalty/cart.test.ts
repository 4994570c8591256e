import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cartOrder } from "./cart";
import { pointsForOrder } from "./earn";
import { defaultEarnRules } from "./program";

const at = new Date("2026-11-24T00:00:00Z");
const line = (unitPrice: number, quantity = 1) => ({ variantId: "v", productId: null, quantity, unitPrice });

describe("cartOrder", () => {
  it("spreads the cart's discount over lines by value, to the minor unit", () => {
    const order = cartOrder([line(1000), line(2000), line(3000)], 5000, "USD", at);
    expect(order.lines.map((l) => l.discount)).toEqual([167, 333, 500]);
  });

  it("without a subtotal (or one above the lines) there is no discount", () => {
    expect(cartOrder([line(1000)], null, "USD", at).lines[0]!.discount).toBe(0);
    expect(cartOrder([line(1000)], 2000, "USD", at).lines[0]!.discount).toBe(0);
  });

  it("earns what the same order would: 1 point per dollar of the subtotal", () => {
    const earning = pointsForOrder(cartOrder([line(2450, 2)], 4400, "USD", at), defaultEarnRules("USD"));
    expect(earning.total).toBe(44);
  });

  it("shares always add up to the discount", () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ price: fc.integer({ min: 0, max: 1e7 }), qty: fc.integer({ min: 1, max: 50 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 1e9 }),
        (items, subtotal) => {
          const order = cartOrder(
            items.map((i) => line(i.price, i.qty)),
            subtotal,
            "USD",
            at,
          );
          const gross = items.reduce((s, i) => s + i.price * i.qty, 0);
          const discount = order.lines.reduce((s, l) => s + l.discount, 0);
          expect(discount).toBe(Math.max(0, gross - subtotal));
          for (const l of order.lines) expect(l.discount).toBeLessThanOrEqual(l.unitPrice * l.quantity);
        },
      ),
    );
  });
});
