/**
 * `createDcsSimulator`: a whole DCS server as one fetch handler (Request in, Response out),
 * serving the current API under `/DCSWebApi` and the legacy API under `/DCS/api`. No sockets,
 * no Node built-ins: it runs in browsers, workers, Deno and Node alike.
 */
import { Accounts } from "./auth.js";
import type { Core } from "./context.js";
import { Cors } from "./cors.js";
import { dispatch } from "./dispatch.js";
import { gzipResponse, negotiateEncoding } from "./encoding.js";
import { generateEstate } from "./estate.js";
import { FaultInjector, type FaultRule, withFaults } from "./faults.js";
import { errorResponse, normalisePath, Query } from "./http.js";
import { type DcsSimulatorOptions, resolveOptions } from "./options.js";
import { RateLimiter } from "./ratelimit.js";
import { EstateStore } from "./store.js";
import type {
  SimCalibration,
  SimGap,
  SimIdc,
  SimMeter,
  SimMeterGroup,
  SimMeterType,
  SimModbusDevice,
  SimReset,
  SimVirtualMeter,
} from "./types.js";
import { v3Routes } from "./v3.js";
import { webApiRoutes } from "./webapi.js";

/** A read-only view of the simulator's estate, for tests that need ids and known events. */
export interface SimulatorEstate {
  /** First instant with data. */
  readonly dataStart: Date;
  /** End of the data (exclusive). */
  readonly dataEnd: Date;
  readonly meters: readonly Readonly<SimMeter>[];
  readonly virtualMeters: readonly Readonly<SimVirtualMeter>[];
  /** The meter tree as a flat list; group 0 is the root. */
  readonly meterGroups: readonly Readonly<SimMeterGroup>[];
  readonly idcs: readonly Readonly<SimIdc>[];
  readonly modbusDevices: readonly Readonly<SimModbusDevice>[];
  readonly meterTypes: readonly Readonly<SimMeterType>[];
  /** Calibration readings of every register. */
  readonly calibrations: readonly Readonly<SimCalibration>[];
  /** Register resets (status 2 in readings). */
  readonly resets: readonly Readonly<SimReset>[];
  /** Runs of missing half hours, per meter (including meters installed late or stopped early). */
  readonly gaps: readonly Readonly<SimGap>[];
  /** The accounts (without passwords). */
  readonly users: readonly { username: string; role: string }[];
}

/** Request counters of a simulator, for tests of politeness (e.g. at most one in flight). */
export interface DcsSimulatorStats {
  /** Requests received since creation or `resetStats()`. */
  readonly requests: number;
  /** Requests whose response is not yet fully delivered, failed or cancelled. */
  readonly inFlight: number;
  /** The highest `inFlight` seen since creation or `resetStats()`. */
  readonly maxInFlight: number;
}

/**
 * A simulated DCS server: a fetch handler plus controls for tests. Made by {@link createDcsSimulator}.
 */
export interface DcsSimulator {
  /** The server as a WHATWG fetch handler (bound: pass it around freely). */
  readonly fetch: (request: Request) => Promise<Response>;
  /** The generated meters, virtual meters and accounts, for looking up ids. */
  readonly estate: SimulatorEstate;
  /** Live request counters. */
  readonly stats: DcsSimulatorStats;
  /** Adds a fault rule; call the returned function to remove it. */
  addFault(rule: FaultRule): () => void;
  /** Removes every fault rule, including those given in the options. */
  clearFaults(): void;
  /** Invalidates every session token of both APIs: later calls with them answer 401. */
  expireSessions(): void;
  /** Restarts the request count and the in-flight maximum. */
  resetStats(): void;
}

/** Creates a simulator. Same options (and seed), same estate and readings, every time. */
export function createDcsSimulator(options: DcsSimulatorOptions = {}): DcsSimulator {
  const resolved = resolveOptions(options);
  const estate = generateEstate(resolved);
  const store = new EstateStore(estate, resolved.seed);
  const accounts = new Accounts(
    resolved.users,
    resolved.tokenLifetimeMs,
    estate.meters.map((m) => m.meter.id),
    resolved.maxSessions,
  );
  const limiter = resolved.rateLimit
    ? new RateLimiter(resolved.rateLimit.limit, resolved.rateLimit.windowMs, resolved.now)
    : undefined;
  const core: Core = { options: resolved, store, accounts, limiter };
  const webApi = webApiRoutes(core);
  const v3 = v3Routes();
  const cors = new Cors(resolved.corsOrigins);
  const faults = new FaultInjector();
  for (const rule of resolved.faults) faults.add(rule);
  const counters = { requests: 0, inFlight: 0, maxInFlight: 0 };

  const route = async (request: Request, url: URL, path: string): Promise<Response> => {
    const ctx = { core, request, query: new Query(url.searchParams), now: resolved.now() };
    try {
      if (path === "/dcswebapi" || path.startsWith("/dcswebapi/")) {
        return await dispatch(webApi, ctx, path.slice("/dcswebapi".length) || "/", core.limiter);
      }
      if (path === "/dcs/api" || path.startsWith("/dcs/api/")) {
        return await dispatch(v3, ctx, path.slice("/dcs/api".length) || "/");
      }
      return errorResponse(
        404,
        `Nothing here: the current API is under /DCSWebApi, the legacy API under /DCS/api.`,
      );
    } catch (error) {
      return errorResponse(500, `Internal error in the simulator: ${(error as Error).message}`);
    }
  };

  const respond = async (request: Request): Promise<Response> => {
    const preflight = cors.preflight(request);
    if (preflight) return preflight;
    const url = new URL(request.url);
    const path = normalisePath(url.pathname);
    const response = await withFaults(
      faults.take(request.method, path),
      request.signal,
      async () => negotiateEncoding(request, await route(request, url, path), resolved.gzip),
      gzipResponse,
    );
    return cors.decorate(request, response);
  };

  const fetch = async (request: Request): Promise<Response> => {
    counters.requests++;
    counters.inFlight++;
    counters.maxInFlight = Math.max(counters.maxInFlight, counters.inFlight);
    let finished = false;
    const finish = () => {
      if (!finished) {
        finished = true;
        counters.inFlight--;
      }
    };
    try {
      return trackDelivery(await respond(request), finish);
    } catch (error) {
      finish();
      throw error;
    }
  };

  const view: SimulatorEstate = {
    dataStart: new Date(estate.dataStart),
    dataEnd: new Date(estate.dataEnd),
    get meters() {
      return estate.meters.map((m) => m.meter);
    },
    get virtualMeters() {
      return estate.virtualMeters;
    },
    get meterGroups() {
      return estate.groups;
    },
    get idcs() {
      return estate.idcs;
    },
    get modbusDevices() {
      return estate.modbusDevices;
    },
    get meterTypes() {
      return estate.meterTypes;
    },
    get calibrations() {
      return store.calibrations();
    },
    get resets() {
      return store.resets();
    },
    get gaps() {
      return store.gaps();
    },
    users: resolved.users.map((u) => ({ username: u.username, role: u.role ?? "Viewer" })),
  };

  return {
    fetch,
    estate: view,
    get stats() {
      return { ...counters };
    },
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    expireSessions: () => accounts.expireAll(),
    resetStats: () => {
      counters.requests = 0;
      counters.maxInFlight = counters.inFlight;
    },
  };
}

/** The response with `done` called once its body is fully read, fails or is cancelled. */
function trackDelivery(response: Response, done: () => void): Response {
  const source = response.body;
  if (!source) {
    done();
    return response;
  }
  const reader = source.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done: end, value } = await reader.read();
          if (end) {
            done();
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          done();
          controller.error(error);
        }
      },
      cancel(reason) {
        done();
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, headers: response.headers });
}
