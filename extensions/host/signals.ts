// Signals as Shopify's host hands them to an extension: Preact signals made with the extension's
// own Signal class (the `setSignals` handshake in '@shopify/ui-extensions/preact'), so reading
// `.value` in a component re-renders it when the host changes the value.
import type { Signal } from "@preact/signals";

export type SignalClass = new <T>(value: T) => Signal<T>;

/** `SubscribableSignalLike<T>` plus the host's right to write. */
export interface HostSignal<T> {
  value: T;
  readonly current: T;
  subscribe(fn: (value: T) => void): () => void;
  destroy(): Promise<void>;
}

export function hostSignal<T>(Class: SignalClass, initial: T): HostSignal<T> {
  const signal = new Class(initial);
  // `current` is the deprecated alias of `value`; `destroy` has nothing to release here.
  Object.defineProperty(signal, "current", { get: () => signal.value });
  return Object.assign(signal, { destroy: async () => {} }) as unknown as HostSignal<T>;
}
