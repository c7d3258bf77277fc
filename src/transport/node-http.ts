/**
 * The transport's platform fetch in Node, on node:http and node:https: one request and its
 * response, as `fetch(url, { ...init, redirect: "manual" })` gives them. Node's own fetch
 * (undici) costs about 0.1 ms more per request and about 25 MB more peak memory while a large
 * body streams through it (`npm run bench`, docs/performance.md).
 *
 * It takes what the transport sends (method, headers, a string or byte body, a signal) and
 * gives a Response whose body is a web stream that holds the socket back while its reader is
 * behind, with each content coding undone. It never follows a redirect: the transport does, by
 * one rule for every stack (redirects.ts). Failures reject as fetch's do: a TypeError ("fetch
 * failed") whose `cause` is the socket's error, or the signal's reason once aborted; a body
 * aborted or broken off errors its stream the same way.
 */
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import { pipeline, type Readable, type Transform } from "node:stream";
import { createBrotliDecompress, createGunzip, createInflate } from "node:zlib";
import { setPlatformFetch } from "./platform.js";

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

export function nodeFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const signal = init.signal ?? undefined;
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const target = new URL(url);
    const https = target.protocol === "https:";
    if (!https && target.protocol !== "http:") {
      return reject(failed(new Error(`${target.protocol} is not http`)));
    }
    const method = (init.method ?? "GET").toUpperCase();
    const body = requestBody(init.body);
    const req = (https ? httpsRequest : httpRequest)(target, {
      method,
      headers: requestHeaders(init.headers, method, body),
    });
    // The response's body once it has one: an abort then ends it, not just the socket, so
    // that its reader sees the signal's reason.
    let stream: Readable | undefined;
    const onAbort = () => (stream ?? req).destroy(signal?.reason);
    const forget = () => signal?.removeEventListener("abort", onAbort);
    signal?.addEventListener("abort", onAbort, { once: true });

    req.on("error", (error) => {
      if (stream) return; // the body's stream has it
      forget();
      // Retrying (a reset kept-alive socket included) is the transport's call, as with fetch.
      reject(signal?.aborted ? signal.reason : failed(error));
    });
    req.once("response", (res) => {
      try {
        const response = toResponse(res, method);
        stream = response.stream;
        stream.once("close", forget);
        resolve(response.response);
      } catch (error) {
        // A status or header a Response cannot hold (e.g. 999) fails as fetch's would.
        res.destroy();
        forget();
        reject(failed(error));
      }
    });
    req.end(body);
  });
}

/** The Response for `res`, and the Node stream its body comes from. */
function toResponse(res: IncomingMessage, method: string) {
  const headers = new Headers();
  const raw = res.rawHeaders;
  for (let i = 0; i < raw.length; i += 2) headers.append(raw[i] as string, raw[i + 1] as string);
  const status = res.statusCode ?? 0;
  const init = { status, statusText: res.statusMessage ?? "", headers };
  if (method === "HEAD" || NULL_BODY_STATUSES.has(status)) {
    return { stream: res.resume(), response: new Response(null, init) };
  }
  const stream = decoded(res, headers.get("content-encoding"));
  return { stream, response: new Response(webStream(stream), init) };
}

const failed = (cause: unknown) => new TypeError("fetch failed", { cause });

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

/**
 * A pull-based web stream over a Node stream: the socket is paused while the reader is behind,
 * so a slow reader holds a few chunks, not the whole body. Not `Readable.toWeb`, which copies
 * every chunk and costs about 0.1 ms more per small request (docs/performance.md).
 */
function webStream(source: Readable): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        source.on("data", (chunk: Buffer) => {
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) source.pause();
        });
        source.once("end", () => controller.close());
        source.once("error", (error) => controller.error(error));
        // A connection closed before the body's end may close the stream without an error.
        source.once("close", () => {
          if (!source.readableEnded)
            controller.error(new Error("the connection closed before the body's end"));
        });
      },
      pull() {
        source.resume();
      },
      cancel() {
        source.destroy(); // a decoder's pipeline destroys the response with it
      },
    },
    { highWaterMark: 4 },
  );
}

/**
 * Output pieces of 64 KiB rather than zlib's 16 KiB: each piece is a round trip to libuv's
 * thread pool, and a readings body inflates about ninefold, so with 16 KiB pieces the body
 * waited on those round trips (`npm run bench:sync`: 13-17% less wall time; 256 KiB gained
 * nothing more).
 */
const DECODED_CHUNK_BYTES = 64 * 1024;

function decoderFor(coding: string): Transform | undefined {
  const options = { chunkSize: DECODED_CHUNK_BYTES };
  if (coding === "gzip" || coding === "x-gzip") return createGunzip(options);
  if (coding === "deflate") return createInflate(options);
  if (coding === "br") return createBrotliDecompress(options);
  return undefined;
}

function requestHeaders(
  init: HeadersInit | undefined,
  method: string,
  body: Uint8Array | undefined,
): Record<string, string> {
  const headers: Record<string, string> = {};
  (init instanceof Headers ? init : new Headers(init)).forEach((value, name) => {
    headers[name] = value;
  });
  headers["accept-encoding"] ??= "gzip, deflate, br";
  headers["user-agent"] ??= "coherent-dcs";
  // As fetch: a body says its length, and a POST or PUT without one says 0.
  if (body || method === "POST" || method === "PUT") {
    headers["content-length"] = String(body?.byteLength ?? 0);
  }
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
