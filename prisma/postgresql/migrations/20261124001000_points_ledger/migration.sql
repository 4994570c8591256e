-- CreateTable
CREATE TABLE "Program" (
    "shop" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "currency" TEXT NOT NULL,
    "settings" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Program_pkey" PRIMARY KEY ("shop")
);

-- CreateTable
CREATE TABLE "EarnRuleVersion" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "activeFrom" TIMESTAMP(3) NOT NULL,
    "rules" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EarnRuleVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "customerId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT,
    "firstName" TEXT,
    "lastName" TEXT,
    "available" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
    "lifetimeRedeemed" INTEGER NOT NULL DEFAULT 0,
    "lastActivityAt" TIMESTAMP(3),

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LedgerEntry" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "available" INTEGER NOT NULL DEFAULT 0,
    "pending" INTEGER NOT NULL DEFAULT 0,
    "held" INTEGER NOT NULL DEFAULT 0,
    "lifetimeEarned" INTEGER NOT NULL DEFAULT 0,
    "lifetimeRedeemed" INTEGER NOT NULL DEFAULT 0,
    "corrects" TEXT,
    "shortfall" INTEGER NOT NULL DEFAULT 0,
    "pendingUntil" TIMESTAMP(3),
    "note" TEXT,
    "orderId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoyaltyOrder" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "customerId" TEXT,
    "memberId" TEXT,
    "placedAt" TIMESTAMP(3),
    "currency" TEXT,
    "ruleVersion" INTEGER,
    "state" TEXT NOT NULL,
    "earning" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LoyaltyOrder_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EarnRuleVersion_shop_activeFrom_idx" ON "EarnRuleVersion"("shop", "activeFrom");

-- CreateIndex
CREATE UNIQUE INDEX "EarnRuleVersion_shop_version_key" ON "EarnRuleVersion"("shop", "version");

-- CreateIndex
CREATE INDEX "Member_shop_available_idx" ON "Member"("shop", "available");

-- CreateIndex
CREATE UNIQUE INDEX "Member_shop_customerId_key" ON "Member"("shop", "customerId");

-- CreateIndex
CREATE INDEX "LedgerEntry_memberId_createdAt_idx" ON "LedgerEntry"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_createdAt_idx" ON "LedgerEntry"("shop", "createdAt");

-- CreateIndex
CREATE INDEX "LedgerEntry_shop_reason_pendingUntil_idx" ON "LedgerEntry"("shop", "reason", "pendingUntil");

-- CreateIndex
CREATE UNIQUE INDEX "LedgerEntry_shop_key_key" ON "LedgerEntry"("shop", "key");

-- CreateIndex
CREATE INDEX "LoyaltyOrder_shop_customerId_idx" ON "LoyaltyOrder"("shop", "customerId");

-- CreateIndex
CREATE INDEX "LoyaltyOrder_memberId_idx" ON "LoyaltyOrder"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "LoyaltyOrder_shop_orderId_key" ON "LoyaltyOrder"("shop", "orderId");
