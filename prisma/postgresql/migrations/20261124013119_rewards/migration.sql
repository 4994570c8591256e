-- CreateTable
CREATE TABLE "Reward" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "cost" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Reward_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Redemption" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "rewardId" TEXT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "discount" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'holding',
    "discountId" TEXT,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "error" TEXT,
    "usedAt" TIMESTAMP(3),
    "usedOrderId" TEXT,
    "returnedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Redemption_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Reward_shop_status_position_idx" ON "Reward"("shop", "status", "position");

-- CreateIndex
CREATE INDEX "Redemption_shop_memberId_createdAt_idx" ON "Redemption"("shop", "memberId", "createdAt");

-- CreateIndex
CREATE INDEX "Redemption_status_updatedAt_idx" ON "Redemption"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Redemption_shop_status_endsAt_idx" ON "Redemption"("shop", "status", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_memberId_idempotencyKey_key" ON "Redemption"("shop", "memberId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "Redemption_shop_code_key" ON "Redemption"("shop", "code");
