/**
 * The transport's platform fetch in Node: `fetch(url, init)` for what the transport sends, on
 * node:http and node:https. Node's own fetch (undici) costs about 0.1 ms more per request
 * and about 25 MB more peak memory while a large body streams through it (`npm run bench`,
 * docs/performance.md); everything above this file is the same on every platform.
 *
 * It covers the part of fetch the transport uses: method, headers, a string or byte body, the
 * abort signal, `redirect: "follow" | "manual"`, gzip/deflate/br bodies, and a Response whose
 * body is a web ReadableStream. Failures reject as fetch's do: a TypeError ("fetch failed")
 * whose `cause` is the socket's error, or the signal's reason once aborted. Redirects follow
 * the transport's rule (`redirectRefusal`), not fetch's, which would send a body anywhere.
 */
import { type ClientRequest, request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { setPlatformFetch } from "./platform.js";
import { isRedirect, redirectRefusal, redirectTarget } from "./transport.js";

const MAX_REDIRECTS = 20;
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export async function nodeFetch(url: string, init: RequestInit = {}): Promise<Response> {
  let target = new URL(url);
  const method = (init.method ?? "GET").toUpperCase();
  const body = requestBody(init.body);
  const headers = requestHeaders(init.headers);
  for (let hop = 0; ; hop++) {
    const response = await exchange(target, method, headers, body, init.signal ?? undefined);
    const next = isRedirect(response.status) ? redirectTarget(response, target.href) : undefined;
    const refused = next && redirectRefusal(method, response.status, target.href, next);
    if (init.redirect === "manual" || next === undefined || refused) {
      // As fetch's, a followed response knows where it came from (cookies are kept by origin).
      if (hop > 0) Object.defineProperty(response, "url", { value: target.href });
      return response;
    }
    await response.body?.cancel();
    if (init.redirect === "error" || hop >= MAX_REDIRECTS) {
      throw new TypeError("fetch failed", {
        cause: new Error(`redirect to ${next.origin} not followed`),
      });
    }
    // No credentials travel to another origin.
    if (next.origin !== target.origin) {
      delete headers.cookie;
      delete headers.authorization;
    }
    target = next;
  }
}

/** One request and its response's head; the body streams on from the returned Response. */
function exchange(
  url: URL,
  method: string,
  headers: Record<string, string>,
  body: Uint8Array | undefined,
  signal: AbortSignal | undefined,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      return reject(
        new TypeError("fetch failed", { cause: new Error(`${url.protocol} is not http`) }),
      );
    }
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    const outgoing = { ...headers };
    if (body !== undefined) outgoing["content-length"] = String(body.byteLength);
    else if (method === "POST" || method === "PUT") outgoing["content-length"] = "0";
    const req: ClientRequest = send(url, { method, headers: outgoing });
    let answered = false;
    const onAbort = () => req.destroy(signal?.reason);
    const forgetSignal = () => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (error) => {
      if (answered) return;
      forgetSignal();
      if (signal?.aborted) return reject(signal.reason);
      // Retrying (a reset kept-alive socket included) is the transport's call, as with fetch.
      reject(new TypeError("fetch failed", { cause: error }));
    });
    req.once("response", (res) => {
      answered = true;
      try {
        resolve(toResponse(res, method, signal, forgetSignal));
      } catch (error) {
        forgetSignal();
        res.destroy();
        reject(new TypeError("fetch failed", { cause: error }));
      }
    });
    req.end(body);
  });
}

function toResponse(
  res: IncomingMessage,
  method: string,
  signal: AbortSignal | undefined,
  done: () => void,
): Response {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const status = res.statusCode ?? 0;
  const init = { status, statusText: res.statusMessage ?? "", headers };
  if (method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
    res.resume();
    res.once("end", done);
    return new Response(null, init);
  }
  return new Response(webStream(decoded(res, headers.get("content-encoding")), signal, done), init);
}

/**
 * The body as the server meant it: each content coding (gzip, deflate, br) undone, the last
 * applied first, as fetch does. An unknown coding is left as it is, as fetch leaves it.
 */
function decoded(res: IncomingMessage, encoding: string | null): Readable {
  let body: Readable = res;
  for (const coding of (encoding ?? "").toLowerCase().split(",").reverse()) {
    const decoder = decoderFor(coding.trim());
    // pipeline passes a broken input on to the decoder, and a broken decoder back.
    if (decoder) body = pipeline(body, decoder, () => {});
  }
  return body;
}

function decoderFor(coding: string): Transform | undefined {
  if (coding === "gzip" || coding === "x-gzip") return createGunzip();
  if (coding === "deflate") return createInflate();
  if (coding === "br") return createBrotliDecompress();
  return undefined;
}

/**
 * A pull-based web stream over a Node stream: the socket is paused while the reader is behind,
 * so a slow consumer holds a few chunks, not the whole body.
 */
function webStream(
  source: Readable,
  signal: AbortSignal | undefined,
  done: () => void,
): ReadableStream<Uint8Array> {
  let open = true;
  const finish = () => {
    open = false;
    done();
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.on("data", (chunk: Buffer) => {
          if (!open) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once("end", () => {
          if (!open) return;
          finish();
          controller.close();
        });
        const fail = (error: unknown) => {
          if (!open) return;
          finish();
          controller.error(signal?.aborted ? signal.reason : error);
        };
        source.on("error", fail);
        // A connection closed before the body's end may close the stream without an error.
        source.once("close", () => {
          if (open) fail(new Error("the connection closed before the body's end"));
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        if (!open) return;
        finish();
        source.destroy(); // a decoder's pipeline destroys the response with it
      },
    },
    { highWaterMark: 4 },
  );
}

function requestHeaders(init: HeadersInit | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  (init instanceof Headers ? init : new Headers(init)).forEach((value, name) => {
    headers[name] = value;
  });
  headers["accept-encoding"] ??= "gzip, deflate, br";
  headers["user-agent"] ??= "coherent-dcs";
  return headers;
}

/** The transport sends strings (JSON) or bytes; a stream body is not part of its contract. */
function requestBody(body: BodyInit | null | undefined): Uint8Array | undefined {
  if (body === null || body === undefined) return undefined;
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  throw new TypeError(
    `nodeFetch sends string or byte bodies, not ${Object.prototype.toString.call(body)}`,
  );
}

/**
 * Makes {@link nodeFetch} the platform fetch of clients created from now on, in Node itself:
 * Deno and Bun, which can also load the Node build, keep their native fetch.
 */
export function useNodeHttp(): void {
  const runtime = globalThis as { Deno?: unknown; Bun?: unknown };
  if (runtime.Deno === undefined && runtime.Bun === undefined) setPlatformFetch(nodeFetch);
}
