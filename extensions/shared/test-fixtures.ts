// Shared by both extensions' tests (never bundled: nothing an extension runs imports it): the
// storefront API's answer to a redemption.
import type { RedeemResponse } from "./contract";

/** POST /redeem's answer: a 5.00 code for 500 points, leaving 315. */
export const REDEEMED: RedeemResponse = {
  code: "LAUREL-83CK-DNEW-5G1V",
  title: "Amount off your order",
  value: { kind: "amount", amount: "5.00", currency: "USD" },
  points: 500,
  endsAt: "2026-12-24T01:47:43.249Z",
  balance: 315,
};
