/**
 * Small helpers for talking to an in-process simulator the way an HTTP client would.
 */
import type { DcsSimulator } from "../../src/simulator/index.js";

export const ORIGIN = "http://dcs.test";

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body as JSON (undefined when empty). */
  json: unknown;
}

export interface CallInit {
  method?: string;
  body?: unknown;
  cookie?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function call(sim: DcsSimulator, path: string, init: CallInit = {}): Promise<Reply> {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("cookie", init.cookie);
  let body: string | undefined;
  if (init.body !== undefined) {
    body = typeof init.body === "string" ? init.body : JSON.stringify(init.body);
    headers.set("content-type", "application/json");
  }
  const response = await sim.fetch(
    new Request(`${ORIGIN}${path}`, {
      method: init.method ?? (body ? "POST" : "GET"),
      headers,
      body,
      signal: init.signal,
    }),
  );
  const text = await response.text();
  let json: unknown;
  if (text !== "" && (response.headers.get("content-type") ?? "").includes("json"))
    json = JSON.parse(text);
  return { status: response.status, headers: response.headers, text, json };
}

/** Signs in to the current API; returns the `name=value` cookie pair. */
export async function signIn(
  sim: DcsSimulator,
  username = "user",
  password = "password",
): Promise<string> {
  const reply = await sim.fetch(
    new Request(`${ORIGIN}/DCSWebApi/authentication/signin`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    }),
  );
  if (reply.status !== 200)
    throw new Error(`sign-in failed: ${reply.status} ${await reply.text()}`);
  return cookiePair(reply);
}

/** Logs in to the legacy API; returns the `name=value` cookie pair. */
export async function login(
  sim: DcsSimulator,
  username = "operator",
  password = "operator-password",
): Promise<string> {
  const reply = await sim.fetch(
    new Request(`${ORIGIN}/DCS/api/account/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username, password }),
    }),
  );
  if (reply.status !== 200) throw new Error(`login failed: ${reply.status} ${await reply.text()}`);
  return cookiePair(reply);
}

/** The cookie a sign-in set; reads the body, so that the request no longer counts in flight. */
async function cookiePair(response: Response): Promise<string> {
  await response.text();
  const line = response.headers.getSetCookie()[0];
  if (!line) throw new Error("no cookie");
  return line.split(";")[0] as string;
}

export interface StandardReadingJson {
  timestamp: string;
  value: number | string;
  status: number;
}

export interface CompleteReadingJson {
  timestamp: string;
  totalValue: number | string;
  periodValue: number | string;
  status: number;
}

export interface ReadingsJson<R> {
  startTime: string;
  endTime: string;
  name: string;
  periodType: string;
  unit: string;
  readingDuration: number;
  readings: R[];
}

export interface LegacyReadingJson {
  id: number;
  startTime: string;
  duration: number;
  totalValue: number | string;
  periodValue: number | string;
  isGenerated: boolean;
  isInterpolated: boolean;
}

/** Current-API readings (public endpoint) as parsed JSON; throws on a non-200. */
export async function readings<R = StandardReadingJson>(
  sim: DcsSimulator,
  query: Record<string, string | number | boolean>,
): Promise<ReadingsJson<R>> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const reply = await call(sim, `/DCSWebApi/public/readings?${params}`);
  if (reply.status !== 200) throw new Error(`readings: ${reply.status} ${reply.text}`);
  return reply.json as ReadingsJson<R>;
}

/** Legacy readings as parsed JSON; throws on a non-200. */
export async function legacyReadings(
  sim: DcsSimulator,
  cookie: string,
  query: Record<string, string | number | boolean>,
  virtual = false,
): Promise<LegacyReadingJson[]> {
  const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
  const path = virtual ? "virtualMeterReadings" : "registerReadings";
  const reply = await call(sim, `/DCS/api/${path}/list?${params}`, { cookie });
  if (reply.status !== 200) throw new Error(`legacy readings: ${reply.status} ${reply.text}`);
  return reply.json as LegacyReadingJson[];
}

export const iso = (t: number) => `${new Date(t).toISOString().slice(0, 19)}Z`;
export const HALF_HOUR = 1_800_000;
export const DAY = 86_400_000;

/** Reads a whole body, counting bytes. */
export async function drain(body: ReadableStream<Uint8Array> | null): Promise<number> {
  if (!body) return 0;
  let bytes = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return bytes;
    bytes += value.byteLength;
  }
}
