-- AlterTable
ALTER TABLE "LoyaltyOrder" ADD COLUMN "total" INTEGER;

-- CreateTable
CREATE TABLE "DailyStat" (
    "shop" TEXT NOT NULL,
    "day" DATETIME NOT NULL,
    "enrolled" INTEGER NOT NULL DEFAULT 0,
    "members" INTEGER NOT NULL DEFAULT 0,
    "issued" INTEGER NOT NULL DEFAULT 0,
    "reversed" INTEGER NOT NULL DEFAULT 0,
    "redeemed" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,
    "redemptions" INTEGER NOT NULL DEFAULT 0,
    "codesUsed" INTEGER NOT NULL DEFAULT 0,
    "memberOrders" INTEGER NOT NULL DEFAULT 0,
    "memberRevenue" BIGINT NOT NULL DEFAULT 0,
    "memberReturning" INTEGER NOT NULL DEFAULT 0,
    "otherOrders" INTEGER NOT NULL DEFAULT 0,
    "otherRevenue" BIGINT NOT NULL DEFAULT 0,
    "otherKnown" INTEGER NOT NULL DEFAULT 0,
    "otherReturning" INTEGER NOT NULL DEFAULT 0,
    "codeOrders" INTEGER NOT NULL DEFAULT 0,
    "codeRevenue" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("shop", "day")
);

-- CreateTable
CREATE TABLE "DashboardRollup" (
    "shop" TEXT NOT NULL PRIMARY KEY,
    "through" DATETIME NOT NULL,
    "fullAt" DATETIME NOT NULL,
    "members" INTEGER NOT NULL DEFAULT 0,
    "available" BIGINT NOT NULL DEFAULT 0,
    "pending" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "LoyaltyOrder_shop_placedAt_idx" ON "LoyaltyOrder"("shop", "placedAt");

-- CreateIndex
CREATE INDEX "Member_shop_enrolledAt_idx" ON "Member"("shop", "enrolledAt");

-- CreateIndex
CREATE INDEX "Redemption_shop_createdAt_idx" ON "Redemption"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_shop_usedAt_idx" ON "Redemption"("shop", "usedAt");
