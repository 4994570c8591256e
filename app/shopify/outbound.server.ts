// Where the app's outgoing requests to Shopify go. In production nowhere special; with
// SHOPIFY_EMULATOR_URL set (tests, the demo), every request for *.myshopify.com from this process
// goes to the local Shopify emulator instead, with the shop's host name kept in X-Forwarded-Host.
// The Shopify libraries and the app's own code run unchanged: this works at the HTTP dispatcher
// that Node's fetch uses, below them.
import { Agent, Dispatcher, setGlobalDispatcher } from "undici";

type DispatchOptions = Dispatcher.DispatchOptions;

function withHeader(headers: DispatchOptions["headers"], name: string, value: string): DispatchOptions["headers"] {
  if (!headers) return { [name]: value };
  if (Array.isArray(headers)) return [...headers, name, value] as DispatchOptions["headers"];
  if (typeof (headers as Iterable<unknown>)[Symbol.iterator] === "function") {
    return [...(headers as Iterable<[string, string]>)].flat().concat([name, value]) as DispatchOptions["headers"];
  }
  return { ...(headers as Record<string, string>), [name]: value };
}

export class ShopifyToEmulator extends Dispatcher {
  private readonly target: string;
  private readonly agent = new Agent();

  constructor(emulatorUrl: string) {
    super();
    this.target = new URL(emulatorUrl).origin;
  }

  override dispatch(options: DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
    const origin = options.origin ? new URL(String(options.origin)) : undefined;
    if (origin?.hostname.endsWith(".myshopify.com")) {
      return this.agent.dispatch(
        { ...options, origin: this.target, headers: withHeader(options.headers, "x-forwarded-host", origin.host) },
        handler,
      );
    }
    return this.agent.dispatch(options, handler);
  }

  override close(): Promise<void> {
    return this.agent.close();
  }

  override destroy(): Promise<void> {
    return this.agent.destroy();
  }
}

export function routeShopifyTo(emulatorUrl: string | undefined): void {
  if (!emulatorUrl) return;
  setGlobalDispatcher(new ShopifyToEmulator(emulatorUrl));
  console.info(`Shopify traffic goes to the emulator at ${emulatorUrl}`);
}
