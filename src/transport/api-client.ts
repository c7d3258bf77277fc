/** The openapi-fetch client of one API generation, on the shared transport. */
import createClient from "openapi-fetch";
import { PlannedRequest, type Transport } from "./transport.js";

export function createApiClient<Paths extends object>(transport: Transport) {
  return createClient<Paths>({
    baseUrl: transport.baseUrl,
    // The transport accepts any OutgoingRequest; openapi-fetch types its fetch for Requests.
    fetch: transport.fetch as (request: Request) => Promise<Response>,
    // openapi-fetch's documented hook for a custom Request class: the transport builds the
    // real Request per attempt, so openapi-fetch only needs to plan one.
    Request: PlannedRequest as unknown as typeof Request,
    querySerializer: serializeQuery,
  });
}

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
