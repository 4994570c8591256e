-- DropIndex
DROP INDEX "LoyaltyOrder_memberId_idx";

-- AlterTable
ALTER TABLE "ImportRun" ADD COLUMN     "lookups" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "LoyaltyOrder" ADD COLUMN     "tierOrders" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "tierSpend" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "tierId" TEXT,
ADD COLUMN     "tierLocked" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "tierReviewAt" TIMESTAMP(3),
ADD COLUMN     "tierSince" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "TierLadder" (
    "shop" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TierLadder_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "TierDiscount" (
    "shop" TEXT NOT NULL,
    "tierId" TEXT NOT NULL,
    "segmentId" TEXT,
    "discountId" TEXT,
    "shippingDiscountId" TEXT,
    "synced" TEXT NOT NULL DEFAULT '{}',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TierDiscount_pkey" PRIMARY KEY ("shop","tierId")
);

-- CreateTable
CREATE TABLE "TierChange" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "fromTierId" TEXT,
    "toTierId" TEXT,
    "cause" TEXT NOT NULL,
    "note" TEXT,
    "actor" TEXT NOT NULL DEFAULT 'system',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TierChange_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TierChange_memberId_createdAt_idx" ON "TierChange"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "TierChange_shop_createdAt_idx" ON "TierChange"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "LoyaltyOrder_memberId_placedAt_idx" ON "LoyaltyOrder"("memberId", "placedAt");

-- CreateIndex
CREATE INDEX "Member_shop_lastActivityAt_idx" ON "Member"("shop", "lastActivityAt");

-- CreateIndex
CREATE INDEX "Member_shop_tierId_idx" ON "Member"("shop", "tierId");

-- CreateIndex
CREATE INDEX "Member_shop_tierReviewAt_idx" ON "Member"("shop", "tierReviewAt");
