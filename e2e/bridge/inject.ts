/// <reference lib="dom" />
/**
 * The `window.api` the e2e page gets instead of Electron's preload: the same two functions,
 * relayed over HTTP to the bridge. Runs in the page, so it must be self-contained.
 */
export function installBridgeApi() {
  type Listener = (payload: unknown) => void;
  const listeners = new Map<string, Set<Listener>>();
  let source: EventSource | undefined;
  const connect = () => {
    if (source) return;
    source = new EventSource('/events');
    source.onmessage = (message) => {
      const { name, payload } = JSON.parse(message.data as string) as { name: string; payload: unknown };
      for (const listener of listeners.get(name) ?? []) listener(payload);
    };
  };
  Object.defineProperty(window, 'api', {
    configurable: false,
    writable: false,
    value: Object.freeze({
      invoke: async (channel: string, input?: unknown) => {
        const response = await fetch('/rpc', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel, input }),
        });
        return response.json();
      },
      on: (event: string, listener: Listener) => {
        connect();
        const set = listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    }),
  });
}
