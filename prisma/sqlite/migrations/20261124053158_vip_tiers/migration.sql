-- CreateTable
CREATE TABLE "TierLadder" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "settings" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "TierDiscount" (
    "shop" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "segmentId" TEXT,
    "discountId" TEXT,
    "shippingDiscountId" TEXT,
    "synced" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "tierId")
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "fromTierId" TEXT,
    "toTierId" TEXT,
    "cause" TEXT NOT NULL,
    "note" TEXT,
    "actor" TEXT NOT NULL DEFAULT 'system',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ImportRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "csv" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'previewed',
    "total" INTEGER NOT NULL DEFAULT 0,
    "valid" INTEGER NOT NULL DEFAULT 0,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "applied" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "lookups" INTEGER NOT NULL DEFAULT 0,
    "errors" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_ImportRun" ("actor", "applied", "createdAt", "csv", "errors", "fileName", "id", "processed", "shop", "skipped", "status", "total", "updatedAt", "valid") SELECT "actor", "applied", "createdAt", "csv", "errors", "fileName", "id", "processed", "shop", "skipped", "status", "total", "updatedAt", "valid" FROM "ImportRun";
DROP TABLE "ImportRun";
ALTER TABLE "new_ImportRun" RENAME TO "ImportRun";
CREATE INDEX "ImportRun_shop_createdAt_idx" ON "ImportRun"("shop", "createdAt");
CREATE TABLE "new_LoyaltyOrder" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "memberId" TEXT,
    "placedAt" DATETIME,
    "currency" TEXT,
    "ruleVersion" INTEGER,
    "state" TEXT NOT NULL,
    "earning" TEXT,
    "total" INTEGER,
    "tierSpend" INTEGER NOT NULL DEFAULT 0,
    "tierOrders" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_LoyaltyOrder" ("createdAt", "currency", "customerId", "earning", "id", "memberId", "orderId", "placedAt", "ruleVersion", "shop", "state", "total", "updatedAt") SELECT "createdAt", "currency", "customerId", "earning", "id", "memberId", "orderId", "placedAt", "ruleVersion", "shop", "state", "total", "updatedAt" FROM "LoyaltyOrder";
DROP TABLE "LoyaltyOrder";
ALTER TABLE "new_LoyaltyOrder" RENAME TO "LoyaltyOrder";
CREATE INDEX "LoyaltyOrder_shop_customerId_idx" ON "LoyaltyOrder"("shop", "customerId");
CREATE INDEX "LoyaltyOrder_memberId_placedAt_idx" ON "LoyaltyOrder"("memberId", "placedAt");
CREATE INDEX "LoyaltyOrder_shop_placedAt_idx" ON "LoyaltyOrder"("shop", "placedAt");
CREATE UNIQUE INDEX "LoyaltyOrder_shop_orderId_key" ON "LoyaltyOrder"("shop", "orderId");
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "enrolledAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "birthday" TEXT,
    "available" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
    "lifetimeRedeemed" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" DATETIME,
    "tierId" TEXT,
    "tierSince" DATETIME,
    "tierReviewAt" DATETIME,
    "tierLocked" BOOLEAN NOT NULL DEFAULT false
);
INSERT INTO "new_Member" ("available", "birthday", "customerId", "email", "enrolledAt", "firstName", "held", "id", "lastActivityAt", "lastName", "lifetimeEarned", "lifetimeRedeemed", "pending", "shop", "status") SELECT "available", "birthday", "customerId", "email", "enrolledAt", "firstName", "held", "id", "lastActivityAt", "lastName", "lifetimeEarned", "lifetimeRedeemed", "pending", "shop", "status" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE INDEX "Member_shop_available_idx" ON "Member"("shop", "available");
CREATE INDEX "Member_shop_enrolledAt_idx" ON "Member"("shop", "enrolledAt");
CREATE INDEX "Member_shop_lastActivityAt_idx" ON "Member"("shop", "lastActivityAt");
CREATE INDEX "Member_shop_tierId_idx" ON "Member"("shop", "tierId");
CREATE INDEX "Member_shop_tierReviewAt_idx" ON "Member"("shop", "tierReviewAt");
CREATE UNIQUE INDEX "Member_shop_customerId_key" ON "Member"("shop", "customerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "TierChange_memberId_createdAt_idx" ON "TierChange"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "TierChange_shop_createdAt_idx" ON "TierChange"("shop", "createdAt");
