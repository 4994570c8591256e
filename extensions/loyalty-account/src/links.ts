// Where the profile block sends the shopper: the full page, by the `extension:<handle>/` custom
// protocol customer accounts resolve to this extension's `customer-account.page.render` target.
export const FULL_PAGE_URL = "extension:loyalty-account/";
