/**
 * Small HTTP helpers shared by every endpoint: JSON and error responses in the DCS style
 * (`{details}`), lenient query parameters, request bodies and path normalisation.
 */

export const JSON_CONTENT_TYPE = "application/json; charset=utf-8";

/** Thrown by handlers to answer with a `{details}` error body. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly details: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(details);
  }
}

const encoder = new TextEncoder();

function bytesResponse(
  status: number,
  bytes: Uint8Array,
  headers: Record<string, string>,
): Response {
  return new Response(status === 204 ? null : (bytes as Uint8Array<ArrayBuffer>), {
    status,
    headers: { ...headers, "content-length": String(bytes.byteLength) },
  });
}

export function jsonResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  return bytesResponse(status, encoder.encode(JSON.stringify(body)), {
    "content-type": JSON_CONTENT_TYPE,
    ...headers,
  });
}

export function errorResponse(
  status: number,
  details: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return jsonResponse(status, { details, ...extra }, headers);
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): Response {
  return new Response(null, {
    status,
    headers: status === 204 ? headers : { ...headers, "content-length": "0" },
  });
}

/** Lower case, no trailing slash, no doubled slashes: how routes are matched. */
export function normalisePath(pathname: string): string {
  const path = pathname
    .toLowerCase()
    .replace(/\/{2,}/g, "/")
    .replace(/\/+$/, "");
  return path === "" ? "/" : path;
}

/** Query parameters by case-insensitive name, as ASP.NET binds them. */
export class Query {
  readonly #values = new Map<string, string>();

  constructor(params: URLSearchParams) {
    for (const [key, value] of params) {
      const name = key.toLowerCase();
      if (!this.#values.has(name)) this.#values.set(name, value);
    }
  }

  get(name: string): string | undefined {
    const value = this.#values.get(name.toLowerCase());
    return value === undefined || value === "" ? undefined : value;
  }

  /** `true`/`false` in any case; absent gives `fallback`; anything else is a 400. */
  boolean(name: string, fallback: boolean): boolean {
    const value = this.get(name);
    if (value === undefined) return fallback;
    const lower = value.toLowerCase();
    if (lower === "true") return true;
    if (lower === "false") return false;
    throw new HttpError(400, `The value '${value}' is not valid for ${name}: use true or false.`);
  }

  /** One of `choices`, matched ignoring case; returns the canonical spelling. */
  choice<T extends string>(name: string, choices: readonly T[], fallback: T): T {
    const value = this.get(name);
    if (value === undefined) return fallback;
    const match = choices.find((c) => c.toLowerCase() === value.toLowerCase());
    if (match === undefined) {
      throw new HttpError(
        400,
        `The value '${value}' is not valid for ${name}: use one of ${choices.join(", ")}.`,
      );
    }
    return match;
  }

  /** A whole number in [min, max]; undefined when absent. */
  integer(name: string, min: number, max: number): number | undefined {
    const value = this.get(name);
    if (value === undefined) return undefined;
    if (!/^[+-]?\d+$/.test(value.trim()))
      throw new HttpError(
        400,
        `The value '${value}' is not valid for ${name}: expected a whole number.`,
      );
    const n = Number(value);
    if (n < min || n > max)
      throw new HttpError(400, `${name} must be between ${min} and ${max}, got ${value}.`);
    return n;
  }
}

/** The largest request body the simulator reads; a longer one is answered 413. */
export const MAX_BODY_BYTES = 1024 * 1024;
export const BODY_TOO_LARGE = "The request body is over 1 MiB.";

/** Reads a small JSON request body; a missing or broken body is a 400, one over 1 MiB a 413. */
export async function readJsonBody(request: Request): Promise<unknown> {
  const bytes = await request.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES) throw new HttpError(413, BODY_TOO_LARGE);
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") throw new HttpError(400, "A JSON request body is required.");
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, "The request body is not valid JSON.");
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
