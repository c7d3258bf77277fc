/**
 * The redirect rule, one for every HTTP stack. Every stack is asked for one hop at a time
 * (`redirect: "manual"`), and the transport follows what this rule allows, so a redirect
 * means the same on node:http, Node's fetch, Deno and a custom fetch. (Browsers hide where a
 * manual redirect leads; transport.ts says what happens there.)
 */

/** The most redirects one attempt follows, as fetch. */
export const MAX_REDIRECTS = 20;

/** A status whose `location` the client may follow. */
export const isRedirect = (status: number) =>
  status === 301 || status === 302 || status === 303 || status === 307 || status === 308;

/** GET and HEAD carry nothing that may not go anywhere: they follow any redirect. */
export const followsAnywhere = (method: string) => method === "GET" || method === "HEAD";

/**
 * Where a `method` request from `from`, answered `status` with `location` after `hops`
 * redirects, goes next; or why it is not sent on. GET and HEAD go to any http(s) URL, as
 * they are (a 303 leaves them as they are too). Any other request may carry a password or a
 * change in its body, so it is sent again only to its own origin (same scheme, host and port:
 * never to another server, nor from https down to http), and only by 307 or 308, which keep
 * its method and body; fetch would send it anywhere, or turn it into a GET that drops its
 * body. The session cookie is the transport's to add per hop, for its own origin only.
 */
export function nextHop(
  method: string,
  status: number,
  location: string | null,
  from: string,
  hops: number,
): URL | string {
  if (hops >= MAX_REDIRECTS) return `it was redirected more than ${MAX_REDIRECTS} times`;
  const to = location === null ? undefined : urlOrUndefined(location, from);
  if (!to) return "it has no valid Location";
  if (to.protocol !== "http:" && to.protocol !== "https:") {
    return `it leads to ${to.protocol}, which is not http`;
  }
  if (followsAnywhere(method)) return to;
  if (to.origin !== new URL(from).origin) {
    return `a ${method} is only sent to its own origin, not to another origin (${to.origin})`;
  }
  if (status !== 307 && status !== 308) return `${status} would turn the ${method} into a GET`;
  return to;
}

function urlOrUndefined(url: string, base: string): URL | undefined {
  try {
    return new URL(url, base);
  } catch {
    return undefined;
  }
}
