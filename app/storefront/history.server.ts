// GET /api/storefront/history: the member's ledger, newest first, a page at a time. The cursor is
// the last entry's (createdAt, id), so pages stay stable while new entries arrive.
import db from "../db.server";
import { isLaurelNote } from "../loyalty/ledger";
import type { HistoryResponse } from "./contract";
import { InvalidInput } from "./errors";

export const HISTORY_PAGE = 20;

export type HistoryPage = HistoryResponse;

function decodeCursor(cursor: string): { at: Date; id: string } {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  if (!id || Number.isNaN(date.getTime())) throw new InvalidInput("cursor", "cursor is not one this API gave");
  return { at: date, id };
}

const encodeCursor = (at: Date, id: string) => Buffer.from(`${at.toISOString()}|${id}`).toString("base64url");

export async function historyPage(
  shop: string,
  memberId: string,
  cursor: string | null,
  size = HISTORY_PAGE,
): Promise<HistoryPage> {
  const after = cursor ? decodeCursor(cursor) : null;
  const rows = await db.ledgerEntry.findMany({
    where: {
      shop,
      memberId,
      ...(after ? { OR: [{ createdAt: { lt: after.at } }, { createdAt: after.at, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: size + 1,
  });
  const page = rows.slice(0, size);
  const last = page.at(-1);
  return {
    entries: page.map((e) => ({
      id: e.id,
      reason: e.reason,
      points: e.available,
      pending: e.pending,
      at: e.createdAt.toISOString(),
      orderId: e.orderId,
      // Only Laurel's own notes: the merchant's words are internal remarks.
      note: isLaurelNote(e.note) ? e.note : null,
    })),
    nextCursor: rows.length > size && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}
