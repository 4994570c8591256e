-- AlterTable
ALTER TABLE "Program" ADD COLUMN "onboardedAt" DATETIME;
