// The bench's DCS stand-in: payloads built once in memory, served from a loopback node:http
// server that does next to nothing per request (pre-built Buffers, 64 KiB writes with
// backpressure). Routes match the SDK's real requests:
//   GET  /DCSWebApi/public/readings?id=R1|R2|R3|R4&format=...   (current API, public mode)
//   POST /DCS/api/account/login, POST /DCS/api/account/logout   (legacy v3 API)
//   GET  /DCS/api/registerReadings/list?registerId=1&...        (legacy readings)
//   GET  /warmup  (204, Connection: close: clients load their HTTP code before the clock)
//   GET  any path of `files` (the browser bench's page, on the readings' own origin)
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const HALF_HOUR = 30 * 60 * 1000;
const CHUNK = 64 * 1024;
export const LEGACY_COOKIE = "COHERENT-DCSV3";

/** mulberry32: a small seeded PRNG, so every run serves the same bytes. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iso = (ms) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * Half-hourly readings of a cumulative kWh register: totals in integer hundredths, so values
 * print with up to two decimals (12345.67, 12346.1, 12347); about 0.2% are interpolated.
 * `element(ts, totalText, periodText, status, index)` renders one array element.
 */
function buildBody(startMs, count, head, tail, element, seed = 1) {
  const rand = prng(seed);
  const parts = [Buffer.from(head)];
  let cents = 1234567;
  let piece = [];
  for (let i = 0; i < count; i++) {
    const step = 50 + Math.floor(rand() * 5000);
    const status = rand() < 0.002 ? 1 : 0;
    piece.push(element(iso(startMs + i * HALF_HOUR), cents / 100, step / 100, status, i));
    cents += step;
    if (piece.length === 8192) {
      parts.push(Buffer.from((parts.length > 1 ? "," : "") + piece.join(",")));
      piece = [];
    }
  }
  if (piece.length > 0) parts.push(Buffer.from((parts.length > 1 ? "," : "") + piece.join(",")));
  parts.push(Buffer.from(tail));
  return Buffer.concat(parts);
}

function currentBody(startIso, endIso, format) {
  const start = Date.parse(startIso);
  const count = (Date.parse(endIso) - start) / HALF_HOUR;
  const header = {
    startTime: startIso,
    endTime: endIso,
    name: "Main Incomer: Active Energy (import)",
    periodType: "halfHour",
    unit: "kWh",
    readingDuration: 0,
  };
  const head = `${JSON.stringify(header).slice(0, -1)},"readings":[`;
  const element =
    format === "complete"
      ? (ts, total, period, status) =>
          `{"timestamp":"${ts}","totalValue":${total},"periodValue":${period},"status":${status}}`
      : (ts, total, _period, status) => `{"timestamp":"${ts}","value":${total},"status":${status}}`;
  return { body: buildBody(start, count, head, "]}", element), count };
}

function legacyBody(startIso, endIso) {
  const start = Date.parse(startIso);
  const count = (Date.parse(endIso) - start) / HALF_HOUR;
  const element = (ts, total, period, status, i) =>
    `{"id":${1000000 + i},"startTime":"${ts}","duration":30,"totalValue":${total},"periodValue":${period},"isGenerated":${status === 1},"isInterpolated":${status === 1}}`;
  return { body: buildBody(start, count, "[", "]", element), count };
}

/**
 * The workloads: `body` (a Buffer), `count` readings, and what the client asks for (`id`,
 * `format`, `startTime`, `endTime`). `w2Years` is 100 for the full bench (W1 x 10), less with
 * --quick; `names` limits which are built (all by default).
 */
export function buildWorkloads({ w2Years = 100, names } = {}) {
  const recipes = {
    W1: ["R1", "standard", "2014-01-01", "2024-01-01"],
    W2: ["R2", "standard", `${2024 - w2Years}-01-01`, "2024-01-01"],
    W3: ["R3", "complete", "2014-01-01", "2024-01-01"],
    W4: ["R4", "standard", "2014-01-01", "2014-01-02"],
    L1: ["1", "legacy", "2014-01-01", "2024-01-01"],
  };
  const workloads = {};
  for (const [name, [id, format, startTime, endTime]] of Object.entries(recipes)) {
    if (names && !names.includes(name)) continue;
    const start = `${startTime}T00:00:00Z`;
    const end = `${endTime}T00:00:00Z`;
    const built = format === "legacy" ? legacyBody(start, end) : currentBody(start, end, format);
    // startTime and endTime as users pass them: dates, meaning midnight UTC.
    workloads[name] = { ...built, id, format, startTime, endTime };
  }
  return workloads;
}

function json(res, status, value, headers = {}) {
  const body = Buffer.from(JSON.stringify(value));
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": body.length,
    ...headers,
  });
  res.end(body);
}

/** Writes a pre-built body in 64 KiB slices, waiting for `drain` whenever the socket is full. */
async function sendBody(res, body) {
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "content-length": body.length,
  });
  for (let offset = 0; offset < body.length && !res.destroyed; offset += CHUNK) {
    if (!res.write(body.subarray(offset, offset + CHUNK))) {
      await new Promise((resolve) => {
        const done = () => {
          res.off("drain", done);
          res.off("close", done);
          resolve();
        };
        res.on("drain", done);
        res.on("close", done);
      });
    }
  }
  res.end();
}

/**
 * Starts the server on 127.0.0.1 (ephemeral port); resolves `{ port, close }`. `files` maps
 * paths to `{ type, body }` served as they are.
 */
export async function startServer(workloads, { files = new Map() } = {}) {
  const byId = new Map(
    Object.values(workloads)
      .filter((w) => w.format !== "legacy")
      .map((w) => [w.id, w]),
  );
  const token = randomBytes(16).toString("hex");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.toLowerCase().replace(/\/+$/, "");
    const q = url.searchParams;
    if (req.method === "GET" && path === "/dcswebapi/public/readings") {
      const w = byId.get(q.get("id") ?? "");
      if (!w) return json(res, 404, { details: `no such register ${q.get("id")}` });
      if ((q.get("format") ?? "standard").toLowerCase() !== w.format) {
        return json(res, 400, { details: `${w.id} is served in format ${w.format} only` });
      }
      return void sendBody(res, w.body);
    }
    if (req.method === "POST" && path === "/dcs/api/account/login") {
      req.resume();
      return req.on("end", () =>
        json(
          res,
          200,
          { username: "bench", role: "Admin", appVersion: "3.1.0" },
          { "set-cookie": `${LEGACY_COOKIE}=${token}; Path=/; HttpOnly` },
        ),
      );
    }
    if (req.method === "POST" && path === "/dcs/api/account/logout") {
      res.writeHead(204);
      return res.end();
    }
    if (req.method === "GET" && path === "/dcs/api/registerreadings/list") {
      if (!(req.headers.cookie ?? "").includes(`${LEGACY_COOKIE}=${token}`)) {
        return json(res, 401, { details: "not logged in" });
      }
      if (!workloads.L1 || q.get("registerId") !== workloads.L1.id) {
        return json(res, 404, { details: `no such register ${q.get("registerId")}` });
      }
      return void sendBody(res, workloads.L1.body);
    }
    const file = req.method === "GET" ? files.get(url.pathname) : undefined;
    if (file) {
      res.writeHead(200, { "content-type": file.type, "cache-control": "no-store" });
      return res.end(file.body);
    }
    if (path === "/warmup") {
      // Lets a client load its HTTP machinery before its clock starts, on a connection that
      // is then closed, so the measured request still connects like any first request.
      res.writeHead(204, { connection: "close" });
      return res.end();
    }
    return json(res, 404, { details: `no route for ${req.method} ${url.pathname}` });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
