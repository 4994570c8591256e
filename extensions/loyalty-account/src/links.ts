// Where the profile block sends the shopper: the rewards page, another extension of this app,
// by the `extension://<handle>` custom protocol customer accounts resolve to that extension's
// `customer-account.page.render` target (Navigation API, 2025-10 and later).
export const FULL_PAGE_URL = "extension://loyalty-account";
