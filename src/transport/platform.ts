/**
 * The fetch a transport uses when its options name none: the platform's `fetch`, except in
 * Node, where the `node` entry (src/node.ts) installs one on node:http (transport/node-http.ts)
 * before any client exists.
 */
export type PlatformFetch = (url: string, init: RequestInit) => Promise<Response>;

let platformFetch: PlatformFetch = (url, init) => globalThis.fetch(url, init);

/** The platform fetch for transports created from now on. */
export function currentPlatformFetch(): PlatformFetch {
  return platformFetch;
}

/** Installs `fetch` as the platform fetch; returns the one it replaces. */
export function setPlatformFetch(fetch: PlatformFetch): PlatformFetch {
  const previous = platformFetch;
  platformFetch = fetch;
  return previous;
}
