/** The openapi-fetch client of one API generation, on the shared transport. */
import createClient from "openapi-fetch";
import { PlannedRequest } from "./request.js";
import type { Transport } from "./transport.js";

export function createApiClient<Paths extends object>(transport: Transport) {
  const client = createClient<Paths>({
    baseUrl: transport.baseUrl,
    // The transport accepts any OutgoingRequest; openapi-fetch types its fetch for Requests.
    fetch: transport.fetch as (request: Request) => Promise<Response>,
    // openapi-fetch's documented hook for a custom Request class: the transport builds the
    // real Request per attempt, so openapi-fetch only needs to plan one.
    Request: PlannedRequest as unknown as typeof Request,
    querySerializer: serializeQuery,
  });
  /**
   * A GET whose 2xx body the caller streams with `takeBody`: the readings calls. Typed by the
   * same generated paths, it goes straight to the transport, because openapi-fetch's per-call
   * work (merging options and headers, planning a Request, wrapping the answer) costs about 7%
   * of a small readings request (`npm run bench`, W4) and gives a streamed body nothing.
   */
  function streamGet<P extends PathsWithGet<Paths>>(
    path: P,
    query: GetQuery<Paths, P>,
    signal: AbortSignal | undefined,
  ): Promise<Response> {
    const search = serializeQuery(query as Record<string, unknown>);
    const url = `${transport.baseUrl}${path}${search === "" ? "" : `?${search}`}`;
    return transport.fetch(new PlannedRequest(url, { signal }));
  }
  return Object.assign(client, { streamGet });
}

/** Paths of the generated description that have a GET operation. */
type PathsWithGet<Paths> = {
  [P in keyof Paths]: Paths[P] extends { get: object } ? P : never;
}[keyof Paths] &
  string;

/** The query parameters of a path's GET operation. */
type GetQuery<Paths, P extends keyof Paths> = Paths[P] extends {
  get: { parameters: { query?: infer Q } };
}
  ? Q
  : never;

/**
 * `a=1&b=x`: every query of both APIs is flat (strings, numbers, booleans), so one loop does
 * what openapi-fetch's general serializer (arrays, objects, styles) would build per request.
 * Keys and values are percent-encoded; undefined values are left out.
 */
export function serializeQuery(query: Record<string, unknown>): string {
  let out = "";
  for (const key in query) {
    const value = query[key];
    if (value === undefined || value === null) continue;
    if (typeof value === "object") {
      throw new TypeError(`Query parameter ${key} must be a string, number or boolean`);
    }
    out += `${out === "" ? "" : "&"}${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`;
  }
  return out;
}

export type ApiClient<Paths extends object> = ReturnType<typeof createApiClient<Paths>>;
