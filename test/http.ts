// Outgoing HTTP from the app's process, intercepted at undici's global dispatcher: the layer
// Node's fetch always goes through, whatever reference to fetch a library captured.
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher, type Dispatcher } from "undici";

export interface RecordedRequest {
  origin: string;
  path: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

export function interceptHttp() {
  const previous: Dispatcher = getGlobalDispatcher();
  const agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
  const requests: RecordedRequest[] = [];
  return {
    agent,
    requests,
    /** Answers POSTs to `origin` + `path` with `json`, recording each request. */
    replyJson(origin: string, path: string, json: unknown) {
      agent
        .get(origin)
        .intercept({ path, method: "POST" })
        .reply((options) => {
          const headers = Object.fromEntries(
            Object.entries((options.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
          );
          requests.push({ origin, path, method: options.method, headers, body: String(options.body ?? "") });
          return {
            statusCode: 200,
            data: JSON.stringify(json),
            responseOptions: { headers: { "content-type": "application/json" } },
          };
        })
        .persist();
    },
    async restore() {
      setGlobalDispatcher(previous);
      await agent.close();
    },
  };
}
