// Liveness and readiness for load balancers: 200 when the database answers, 503 otherwise.
import db, { databaseAnswers } from "../db.server";

export const loader = async () => {
  const ok = await databaseAnswers(db);
  return Response.json(
    { status: ok ? "ok" : "unavailable", database: ok ? "ok" : "unreachable" },
    { status: ok ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
};
