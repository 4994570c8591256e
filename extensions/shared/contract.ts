// The storefront API's wire format: one definition, the server's (app/storefront/contract.ts).
export type * from "../../app/storefront/contract";
