-- CreateTable
CREATE TABLE "ProductFacts" (
    "id" TEXT NOT NULL,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "collectionIds" TEXT NOT NULL,
    "syncedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProductFacts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductFacts_shop_productId_key" ON "ProductFacts"("shop", "productId");
