-- CreateTable
CREATE TABLE "ProductFacts" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "shop" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "tags" TEXT NOT NULL,
    "collectionIds" TEXT NOT NULL,
    "syncedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "ProductFacts_shop_productId_key" ON "ProductFacts"("shop", "productId");
