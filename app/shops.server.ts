// Install and uninstall bookkeeping for shops.
import type { Db } from "./db.server";

/** After Shopify grants an offline token: the shop is (again) installed. */
export async function recordInstall(db: Db, shop: string, at = new Date()): Promise<void> {
  await db.shop.upsert({
    where: { domain: shop },
    create: { domain: shop, installedAt: at },
    update: { installedAt: at, uninstalledAt: null },
  });
}

/**
 * app/uninstalled: the shop's tokens are useless now, so its sessions go; the shop's program
 * data stays until Shopify sends shop/redact (48 hours later), in case the merchant returns.
 * Safe to repeat and to receive after the sessions are already gone.
 */
export async function recordUninstall(db: Db, shop: string, at = new Date()): Promise<void> {
  await db.$transaction([
    db.session.deleteMany({ where: { shop } }),
    db.shop.updateMany({ where: { domain: shop, uninstalledAt: null }, data: { uninstalledAt: at } }),
  ]);
}
