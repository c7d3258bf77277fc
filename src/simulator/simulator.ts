/**
 * `createDcsSimulator`: a whole DCS server as one fetch handler (Request in, Response out),
 * serving the current API under `/DCSWebApi` and the legacy API under `/DCS/api`. No sockets,
 * no Node built-ins: it runs in browsers, workers, Deno and Node alike.
 */
import { Accounts } from "./auth.js";
import type { SimulatorState } from "./context.js";
import { generateEstate } from "./estate/estate.js";
import { EstateStore } from "./estate/store.js";
import { normalisePath } from "./http.js";
import { compose } from "./middleware/compose.js";
import { cors } from "./middleware/cors.js";
import { countRequests, RequestCounters } from "./middleware/count-requests.js";
import { negotiateGzip } from "./middleware/encoding.js";
import { type FaultRule, FaultRules } from "./middleware/fault-rules.js";
import { injectFaults } from "./middleware/faults.js";
import { answerInternalErrors } from "./middleware/internal-errors.js";
import { rateLimit } from "./middleware/rate-limit.js";
import { Router, route, runEndpoint } from "./middleware/router.js";
import { type DcsSimulatorOptions, resolveOptions } from "./options.js";
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
import { addV3Routes } from "./v3/routes.js";
import { addWebApiRoutes } from "./webapi/routes.js";

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
  /** The accounts (without passwords); live, so users made or deleted through the legacy API show. */
  readonly users: readonly { id: string; username: string; role: string }[];
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
  const meterIds = estate.meters.map((m) => m.meter.id);
  const { users, tokenLifetimeMs, maxSessions } = resolved;
  const accounts = new Accounts(users, tokenLifetimeMs, meterIds, maxSessions);
  const state: SimulatorState = { options: resolved, store, accounts };
  const router = new Router();
  addWebApiRoutes(router.routesOf("webapi"), resolved);
  addV3Routes(router.routesOf("v3"));
  const faults = new FaultRules();
  for (const rule of resolved.faults) faults.add(rule);
  const counters = new RequestCounters();

  // The request's way through the simulator, outermost first.
  const handle = compose([
    countRequests(counters), // in flight until the body is delivered
    cors(resolved.corsOrigins), // preflights; CORS headers on every answer, faulted ones too
    injectFaults(faults), // outside the encoding: bodies break as the client receives them
    negotiateGzip(resolved.gzip),
    answerInternalErrors, // a throwing handler is a 500, not a reset
    route(router, state), // 404 and 405; finds the endpoint of either API
    rateLimit(resolved.rateLimit, resolved.now), // the current API's endpoints only
    runEndpoint,
  ]);
  const fetch = (request: Request): Promise<Response> =>
    handle({ request, path: normalisePath(new URL(request.url).pathname), endpoint: undefined });

  return {
    fetch,
    estate: estateView(state),
    get stats() {
      const { requests, inFlight, maxInFlight } = counters;
      return { requests, inFlight, maxInFlight };
    },
    addFault: (rule) => faults.add(rule),
    clearFaults: () => faults.clear(),
    expireSessions: () => accounts.expireAll(),
    resetStats: () => counters.reset(),
  };
}

/** The estate as tests see it; live, so changes through the legacy API show. */
function estateView({ store, accounts }: SimulatorState): SimulatorEstate {
  const { estate } = store;
  return {
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
    get users() {
      return accounts.users.list().map((u) => ({ id: u.id, username: u.name, role: u.role }));
    },
  };
}
