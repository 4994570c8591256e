-- AlterTable
ALTER TABLE "Program" ADD COLUMN     "onboardedAt" TIMESTAMP(3);
