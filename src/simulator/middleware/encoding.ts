/**
 * Gzip of JSON bodies, as IIS does for clients that accept it. Uses the standard
 * CompressionStream, so it works in browsers, Deno and Node alike; streamed bodies stay
 * streamed (and backpressured) through it.
 */
import type { Middleware } from "./compose.js";

/** Bodies at or below this size are sent as they are. */
const MIN_BYTES = 1024;

/** True when the request's Accept-Encoding allows gzip. */
function acceptsGzip(request: Request): boolean {
  const header = request.headers.get("accept-encoding");
  if (!header) return false;
  for (const part of header.split(",")) {
    const [token = "", ...params] = part.trim().toLowerCase().split(";");
    if (token.trim() !== "gzip" && token.trim() !== "*") continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q === undefined || Number(q.slice(2)) > 0) return true;
  }
  return false;
}

/** The response gzip-encoded (unless it already has an encoding or no body). */
export async function gzipResponse(response: Response): Promise<Response> {
  if (!response.body || response.headers.has("content-encoding")) return response;
  const headers = new Headers(response.headers);
  const known = headers.has("content-length");
  headers.delete("content-length");
  headers.set("content-encoding", "gzip");
  headers.append("vary", "Accept-Encoding");
  const compressed = response.body.pipeThrough(
    new CompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
  );
  if (!known) return new Response(compressed, { status: response.status, headers });
  // A body of known size stays of known size.
  const bytes = new Uint8Array(await new Response(compressed).arrayBuffer());
  headers.set("content-length", String(bytes.byteLength));
  return new Response(bytes, { status: response.status, headers });
}

/**
 * Gzips a JSON response when `enabled`, the client accepts it and it is worth it. Streamed
 * (readings) bodies are always gzipped, whatever their size, as IIS does: pythondcspro's
 * streaming reader of legacy readings even relies on a Content-Encoding header being there.
 */
export function negotiateGzip(enabled: boolean): Middleware {
  return async ({ request }, next) => {
    const response = await next();
    if (!enabled || !acceptsGzip(request) || !response.body) return response;
    if (!(response.headers.get("content-type") ?? "").includes("json")) return response;
    const length = response.headers.get("content-length");
    if (length !== null && Number(length) <= MIN_BYTES) return response;
    return gzipResponse(response);
  };
}
