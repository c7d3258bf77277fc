/**
 * Fault injection: rules that make matching requests slow, broken or refused, to test how a
 * client copes with everything a real server, IIS or the network can do.
 */
import { emptyResponse, errorResponse, sleep } from "./http.js";

export type Fault =
  /** Wait before answering (before the headers). */
  | { kind: "latency"; ms: number }
  /** Send the body in small pieces, one every `intervalMs`. */
  | { kind: "trickle"; chunkBytes: number; intervalMs: number }
  /** Send the headers and the first `afterBytes` of the body (default 0), then nothing, until the client gives up. */
  | { kind: "stall"; afterBytes?: number }
  /** Break the body after `afterBytes` bytes (over HTTP: the socket is destroyed). */
  | { kind: "drop"; afterBytes: number }
  /** No response at all: the handler rejects (over HTTP: the socket is destroyed before headers). */
  | { kind: "reset" }
  /** A server or gateway error with a JSON `{details}` body, or `body` as given. */
  | { kind: "status"; status: 500 | 502 | 503 | 504; body?: string; retryAfterSeconds?: number }
  /** An IIS-style HTML error page (text/html) with this status. */
  | { kind: "html"; status: number }
  /** 200 with a body that is not valid JSON. */
  | { kind: "malformed" }
  /** 200 with JSON of an unexpected shape (an object where an array is expected, and vice versa). */
  | { kind: "wrongShape" }
  /** 200 with an empty body. */
  | { kind: "empty" }
  /** `Content-Encoding: gzip` with a gzip stream cut short. */
  | { kind: "gzipTruncated" }
  /** A 429; `retryAfterSeconds` default 1, `null` leaves the Retry-After header out. */
  | { kind: "rateLimit"; retryAfterSeconds?: number | null };

export interface FaultRule {
  /** Only requests with this method (any case). */
  method?: string;
  /**
   * Only requests whose lower-cased path (no trailing slash) matches: a RegExp, or a string
   * the path contains, e.g. "/public/readings".
   */
  path?: string | RegExp;
  /** Let the first `after` matching requests through. Default 0. */
  after?: number;
  /** Apply to this many matching requests, then stop. Default: every one. */
  times?: number;
  fault: Fault;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
  applied: number;
}

const REPLACING = new Set<Fault["kind"]>([
  "reset",
  "status",
  "html",
  "malformed",
  "wrongShape",
  "empty",
  "rateLimit",
]);

export class FaultInjector {
  #rules: ActiveRule[] = [];

  add(rule: FaultRule): () => void {
    const active = { rule, seen: 0, applied: 0 };
    this.#rules.push(active);
    return () => {
      this.#rules = this.#rules.filter((r) => r !== active);
    };
  }

  clear(): void {
    this.#rules = [];
  }

  /** The faults to apply to a request, counting it against every matching rule. */
  take(method: string, path: string): Fault[] {
    const faults: Fault[] = [];
    for (const active of this.#rules) {
      const { rule } = active;
      if (rule.method !== undefined && rule.method.toUpperCase() !== method.toUpperCase()) continue;
      if (rule.path !== undefined && !matches(rule.path, path)) continue;
      active.seen++;
      if (active.seen <= (rule.after ?? 0)) continue;
      if (active.applied >= (rule.times ?? Number.POSITIVE_INFINITY)) continue;
      active.applied++;
      faults.push(rule.fault);
    }
    return faults;
  }
}

function matches(pattern: string | RegExp, path: string): boolean {
  if (typeof pattern === "string") return path.includes(pattern.toLowerCase().replace(/\/+$/, ""));
  pattern.lastIndex = 0;
  return pattern.test(path);
}

/**
 * Runs `handle` under the faults: latency first, then a replacement if any fault replaces
 * the answer, else the real answer with its body altered.
 */
export async function withFaults(
  faults: readonly Fault[],
  signal: AbortSignal,
  handle: () => Promise<Response>,
  gzip: (response: Response, force: boolean) => Promise<Response>,
): Promise<Response> {
  for (const fault of faults) if (fault.kind === "latency") await sleep(fault.ms, signal);
  const replacing = faults.find((f) => REPLACING.has(f.kind));
  if (replacing) return replace(replacing, handle);
  let response = await handle();
  for (const fault of faults) {
    switch (fault.kind) {
      case "gzipTruncated":
        response = alterBody(await gzip(response, true), (body) => cutGzip(body));
        break;
      case "trickle":
        response = alterBody(response, (body) => trickle(body, fault.chunkBytes, fault.intervalMs));
        break;
      case "stall":
        response = alterBody(response, (body) => stall(body, fault.afterBytes ?? 0));
        break;
      case "drop":
        response = alterBody(response, (body) => drop(body, fault.afterBytes));
        break;
      default:
        break;
    }
  }
  return response;
}

async function replace(fault: Fault, handle: () => Promise<Response>): Promise<Response> {
  switch (fault.kind) {
    case "reset":
      throw new TypeError("The connection was reset (simulated)");
    case "status": {
      const headers: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined)
        headers["retry-after"] = String(fault.retryAfterSeconds);
      if (fault.body === undefined) {
        return errorResponse(
          fault.status,
          `Simulated fault: ${fault.status} ${REASONS[fault.status] ?? ""}`.trim(),
          {},
          headers,
        );
      }
      const type = /^\s*[[{]/.test(fault.body)
        ? "application/json; charset=utf-8"
        : "text/plain; charset=utf-8";
      return new Response(fault.body, {
        status: fault.status,
        headers: { ...headers, "content-type": type },
      });
    }
    case "html":
      return new Response(iisPage(fault.status), {
        status: fault.status,
        headers: { "content-type": "text/html; charset=utf-8", server: "Microsoft-IIS/10.0" },
      });
    case "malformed":
      return new Response('[{"id":405,"name":"Sample meter","registers":[{"id":733,"unit":"kWh"', {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    case "empty":
      return emptyResponse(200, { "content-type": "application/json; charset=utf-8" });
    case "wrongShape": {
      const real = await handle();
      const first = await firstByte(real);
      const text =
        first === "["
          ? '{"items":[],"note":"an object where an array belongs"}'
          : '[{"note":"an array where an object belongs"}]';
      return new Response(text, {
        status: 200,
        headers: { "content-type": "application/json; charset=utf-8" },
      });
    }
    case "rateLimit": {
      const seconds = fault.retryAfterSeconds;
      const headers: Record<string, string> =
        seconds === null ? {} : { "retry-after": String(seconds ?? 1) };
      return errorResponse(
        429,
        "API calls quota exceeded! (simulated)",
        { backOffSuggestion: seconds ?? 1 },
        headers,
      );
    }
    default:
      throw new Error(`not a replacing fault: ${fault.kind}`);
  }
}

const REASONS: Record<number, string> = {
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

function iisPage(status: number): string {
  const reason = REASONS[status] ?? (status === 200 ? "OK" : "Error");
  return `<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"/>
<title>${status} - ${reason}</title>
</head>
<body>
<div id="header"><h1>Server Error</h1></div>
<div id="content">
 <div class="content-container"><fieldset>
  <h2>${status} - ${reason}.</h2>
  <h3>There is a problem with the resource you are looking for, and it cannot be displayed.</h3>
 </fieldset></div>
</div>
</body>
</html>
`;
}

/** The first non-space character of a body, cancelling the rest. */
async function firstByte(response: Response): Promise<string> {
  if (!response.body) return "";
  // The real answer may already be gzipped for the client: look at the JSON, not the bytes.
  const gzipped = response.headers.get("content-encoding") === "gzip";
  const body = gzipped
    ? response.body.pipeThrough(
        new DecompressionStream("gzip") as unknown as TransformStream<Uint8Array, Uint8Array>,
      )
    : response.body;
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return "";
      const text = new TextDecoder().decode(value).trimStart();
      if (text !== "") return text[0] as string;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
}

function alterBody(
  response: Response,
  alter: (body: ReadableStream<Uint8Array>) => ReadableStream<Uint8Array>,
): Response {
  const body = response.body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  const headers = new Headers(response.headers);
  headers.delete("content-length"); // the altered body is not what the length described
  return new Response(alter(body), { status: response.status, headers });
}

function trickle(
  body: ReadableStream<Uint8Array>,
  chunkBytes: number,
  intervalMs: number,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const size = Math.max(1, Math.floor(chunkBytes));
  let pending: Uint8Array = new Uint8Array(0);
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        while (pending.byteLength === 0) {
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          pending = value;
        }
        await sleep(intervalMs);
        if (cancelled) return;
        controller.enqueue(pending.slice(0, size));
        pending = pending.subarray(size);
      },
      cancel(reason) {
        cancelled = true;
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

function stall(body: ReadableStream<Uint8Array>, afterBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  let release: (() => void) | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent >= afterBytes) {
          void reader.cancel().catch(() => {});
          return new Promise<void>((resolve) => {
            release = resolve;
          });
        }
        const { done, value } = await reader.read();
        if (done) return controller.close();
        const piece =
          value.byteLength > afterBytes - sent ? value.slice(0, afterBytes - sent) : value;
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
      cancel(reason) {
        release?.();
        return reader.cancel(reason).catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}

function drop(body: ReadableStream<Uint8Array>, afterBytes: number): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let sent = 0;
  const broken = () => new TypeError(`The connection was dropped after ${sent} bytes (simulated)`);
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (sent >= afterBytes) {
          await reader.cancel().catch(() => {});
          controller.error(broken());
          return;
        }
        const { done, value } = await reader.read();
        if (done) {
          controller.error(broken()); // never a clean end
          return;
        }
        const piece =
          value.byteLength > afterBytes - sent ? value.slice(0, afterBytes - sent) : value;
        sent += piece.byteLength;
        controller.enqueue(piece);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}

/** Passes a gzip stream on without its last bytes (and at most 16 KiB of it): a cut body. */
function cutGzip(body: ReadableStream<Uint8Array>): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const hold = 12; // more than the 8-byte trailer, so the deflate data is cut too
  const limit = 16 * 1024;
  let held: Uint8Array = new Uint8Array(0);
  let sent = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (sent >= limit) {
            await reader.cancel().catch(() => {});
            controller.close();
            return;
          }
          const { done, value } = await reader.read();
          if (done) {
            controller.close();
            return;
          }
          const joined = new Uint8Array(held.byteLength + value.byteLength);
          joined.set(held);
          joined.set(value, held.byteLength);
          const out = joined.subarray(
            0,
            Math.max(0, Math.min(joined.byteLength - hold, limit - sent)),
          );
          held = joined.slice(out.byteLength);
          if (out.byteLength > 0) {
            sent += out.byteLength;
            controller.enqueue(out.slice());
            return;
          }
        }
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
