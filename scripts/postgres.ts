// The local PostgreSQL that tests and benchmarks use whenever it answers.
import net from "node:net";

export const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

/** Whether something accepts connections on 127.0.0.1:5432 (within a second). */
export function localPostgresAnswers(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(5432, "127.0.0.1");
    socket.setTimeout(1000);
    socket.once("connect", () => (socket.end(), resolve(true)));
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => (socket.destroy(), resolve(false)));
  });
}
