// Webhook deliveries as Shopify makes them: one per subscribed topic and state change, signed
// with the app secret (HMAC-SHA256 of the raw body, base64), with Shopify's headers, retried on
// anything but 2xx along Shopify's backoff (8 retries over about 4 hours), compressed in time.
// Fault modes make the at-least-once, any-order delivery that Shopify allows happen on demand.
import { createHmac, randomUUID } from "node:crypto";
import type { Store } from "../state/store.ts";
import type { ShopEvent, ShopRecord } from "../state/types.ts";
import { webhookPayload } from "./payloads.ts";
import { deliveryUrl } from "./subscriptions.ts";

/** Shopify's retry delays in minutes (exponential, about 4 hours over 8 retries). */
export const RETRY_MINUTES = [1, 2, 4, 8, 16, 32, 64, 128];

export interface Faults {
  /** Send every delivery twice (same webhook id), as Shopify may. */
  duplicate: boolean;
  /** Hold deliveries for a moment and send them newest first. */
  reorder: boolean;
  /** Drop each delivery's first attempt, so only the retry arrives. */
  failFirst: boolean;
  /** Wait this long before a delivery's first attempt. */
  delayMs: number;
}

export const NO_FAULTS: Faults = { duplicate: false, reorder: false, failFirst: false, delayMs: 0 };

export interface Attempt {
  at: string;
  status: number | null;
  error?: string;
  dropped?: boolean;
}

export interface Delivery {
  id: string;
  webhookId: string;
  eventId: string;
  topic: string;
  shop: string;
  url: string;
  apiVersion: string;
  triggeredAt: string;
  body: string;
  attempts: Attempt[];
  state: "pending" | "delivered" | "failed";
}

export interface DelivererOptions {
  /** Real milliseconds per Shopify minute of backoff (default 10: the whole schedule takes ~2.6 s). */
  msPerMinute?: number;
  timeoutMs?: number;
  /** How long `reorder` holds deliveries before sending them backwards. */
  reorderWindowMs?: number;
}

export const sign = (body: string, secret: string) =>
  createHmac("sha256", secret).update(body, "utf8").digest("base64");

export class WebhookDeliverer {
  readonly deliveries: Delivery[] = [];
  faults: Faults = { ...NO_FAULTS };
  private held: Delivery[] = [];
  private holdTimer: NodeJS.Timeout | undefined;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly msPerMinute: number;
  private readonly timeoutMs: number;
  private readonly reorderWindowMs: number;

  private readonly store: Store;

  constructor(store: Store, options: DelivererOptions = {}) {
    this.store = store;
    this.msPerMinute = options.msPerMinute ?? 10;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.reorderWindowMs = options.reorderWindowMs ?? 100;
    store.events.on("event", (shop, event) => this.enqueue(shop, event));
  }

  private enqueue(shop: ShopRecord, event: ShopEvent) {
    const { app } = this.store;
    const { topic, body } = webhookPayload(shop, event, {
      customerOf: (id) => shop.customers.get(id),
      appId: app.appId,
    });
    const eventId = randomUUID();
    const triggeredAt = new Date().toISOString();
    const raw = JSON.stringify(body);
    for (const subscription of app.subscriptions.filter((s) => s.topics.includes(topic))) {
      // app/uninstalled reaches the app although it no longer has the shop installed.
      if (topic !== "app/uninstalled" && !subscription.compliance && !this.store.installation(shop)) continue;
      const delivery: Delivery = {
        id: randomUUID(),
        webhookId: randomUUID(),
        eventId,
        topic,
        shop: shop.domain,
        url: deliveryUrl(subscription, app.appUrl),
        apiVersion: app.webhookApiVersion,
        triggeredAt,
        body: raw,
        attempts: [],
        state: "pending",
      };
      this.deliveries.push(delivery);
      this.schedule(delivery);
    }
  }

  private schedule(delivery: Delivery) {
    const copies = this.faults.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      if (this.faults.reorder) {
        this.held.push(delivery);
        this.holdTimer ??= this.later(this.reorderWindowMs, () => this.releaseHeld());
      } else {
        this.later(this.faults.delayMs, () => this.attempt(delivery, 0));
      }
    }
  }

  private releaseHeld() {
    const batch = this.held.reverse();
    this.held = [];
    this.holdTimer = undefined;
    for (const delivery of batch) this.later(this.faults.delayMs, () => this.attempt(delivery, 0));
  }

  private later(ms: number, work: () => void | Promise<void>) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      const run = Promise.resolve(work()).finally(() => this.inFlight.delete(run));
      this.inFlight.add(run);
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private async attempt(delivery: Delivery, retry: number) {
    if (delivery.state === "delivered" && retry > 0) return;
    const at = new Date().toISOString();
    if (this.faults.failFirst && retry === 0) {
      delivery.attempts.push({ at, status: null, dropped: true });
      return this.retryLater(delivery, retry);
    }
    try {
      const response = await fetch(delivery.url, {
        method: "POST",
        body: delivery.body,
        headers: this.headers(delivery),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      await response.arrayBuffer();
      delivery.attempts.push({ at, status: response.status });
      if (response.ok) {
        delivery.state = "delivered";
        return;
      }
    } catch (error) {
      delivery.attempts.push({ at, status: null, error: (error as Error).message });
    }
    this.retryLater(delivery, retry);
  }

  private retryLater(delivery: Delivery, retry: number) {
    const minutes = RETRY_MINUTES[retry];
    if (minutes === undefined) {
      if (delivery.state !== "delivered") delivery.state = "failed";
      return;
    }
    this.later(minutes * this.msPerMinute, () => this.attempt(delivery, retry + 1));
  }

  headers(delivery: Delivery): Record<string, string> {
    return {
      "Content-Type": "application/json",
      "User-Agent": "Shopify-Captain-Hook",
      "X-Shopify-Topic": delivery.topic,
      "X-Shopify-Hmac-Sha256": sign(delivery.body, this.store.app.apiSecret),
      "X-Shopify-Shop-Domain": delivery.shop,
      "X-Shopify-API-Version": delivery.apiVersion,
      "X-Shopify-Webhook-Id": delivery.webhookId,
      "X-Shopify-Event-Id": delivery.eventId,
      "X-Shopify-Triggered-At": delivery.triggeredAt,
    };
  }

  /** Resolves once nothing is scheduled or in flight (tests wait on this). */
  async idle(): Promise<void> {
    while (this.timers.size > 0 || this.inFlight.size > 0) {
      await Promise.race([...this.inFlight, new Promise((resolve) => setTimeout(resolve, 5))]);
    }
  }

  close() {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.holdTimer) clearTimeout(this.holdTimer);
  }
}
