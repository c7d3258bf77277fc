/**
 * `DcsSession`: the client of the legacy DCS v3 API (pythondcs's `DCSSession`): sign-in, meters,
 * virtual meters and readings here, and the undocumented endpoints it inherits from
 * ./unofficial.ts (pythondcs's "other functions", pythondcspro's administration, data import).
 * It shares the request path, sign-in, errors, decoder, schemas and window planner with
 * `DcsWebApi`.
 */
import { Account } from "../client/account.js";
import { type CallOptions, Endpoints } from "../client/endpoints.js";
import { checkId } from "../core/checks.js";
import { DcsArgumentError } from "../core/errors.js";
import type { paths } from "../generated/dcs-v3.js";
import { maxWindowMs, RangeLimit } from "../readings/planner.js";
import type { Readings } from "../readings/readings.js";
import { signInResultSchema } from "../schemas/account.js";
import {
  meterListSchema,
  meterSchema,
  virtualMeterListSchema,
  virtualMeterSchema,
} from "../schemas/estate.js";
import type { LegacyReading, Meter, SignInResult, VirtualMeter } from "../schemas/types.js";
import { type RateLimitInfo, Transport, type TransportOptions } from "../transport/transport.js";
import {
  checkLegacyReadingsRequest,
  type LegacyReadingsOptions,
  type MegaReadingsOptions,
} from "./arguments.js";
import { legacyReadings, legacyReadingsInWindows } from "./readings.js";
import { UnofficialEndpoints } from "./unofficial.js";

/** Options of {@link DcsSession}: the shared connection options (timeouts, retries, logging). */
export type DcsSessionOptions = TransportOptions;

/**
 * What `login()` resolves to: `{ username, role, appVersion }` as the server sent it, plain data
 * like `DcsWebApi.signIn`'s result. pythondcs's greeting is the session's: `String(session)`.
 */
export type LoginResult = SignInResult;

const COOKIE_PREFIX = "COHERENT-DCSV3";

/**
 * A session with the legacy DCS v3 API. `url` is the same address as the web UI
 * (e.g. `https://dcs.example.org/DCS`); calls go to `<url>/api/...`.
 *
 * ```ts
 * await using dcs = new DcsSession("https://dcs.example.org/DCS");
 * await dcs.login("user", process.env.DCS_PASSWORD!);
 * const rows = await dcs.getReadings(733, false, { start: "2024-01-01", end: "2024-02-01" });
 * ```
 */
export class DcsSession extends UnofficialEndpoints implements AsyncDisposable {
  /** The root given (the web UI address), without a trailing slash. */
  readonly url: string;
  readonly #transport: Transport;
  readonly #api: Endpoints<paths>;
  readonly #account: Account;
  readonly #rangeLimit = new RangeLimit();

  /**
   * A client of the legacy API; nothing is sent until the first call.
   * @param url - The DCS web UI address, e.g. `https://dcs.example.org/DCS`; calls go to `<url>/api/...`.
   * @param options - Connection options (timeouts, retries, logging, `fetch`).
   * @throws {@link DcsArgumentError} if the URL is not an absolute http(s) URL or holds credentials.
   */
  constructor(url: string, options: DcsSessionOptions = {}) {
    const transport = new Transport(url, COOKIE_PREFIX, options);
    super(transport);
    this.#transport = transport;
    this.url = transport.baseUrl;
    this.#api = new Endpoints<paths>(transport);
    this.#account = new Account(this.#transport, {
      name: "login",
      signIn: (body) => this.#api.json("POST /api/account/login", { body }, signInResultSchema),
      signOut: () => this.#api.send("POST /api/account/logout", {}),
      keepCredentials: false,
    });
  }

  /** True between a successful `login` and `logout`. */
  get isLoggedIn(): boolean {
    return this.#account.user !== undefined;
  }

  /** Who is logged in, as the server said. */
  get user(): LoginResult | undefined {
    return this.#account.user;
  }

  /** The server's `X-Rate-Limit-*` headers from the latest successful call, if it sends them. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  /** pythondcs's greeting while logged in, e.g. "Successfully logged in to DCS 3.0.9 as 'x' with Viewer privileges". */
  override toString(): string {
    const user = this.user;
    if (!user) return `Not logged in to DCS at ${this.url}`;
    const version = user.appVersion ? ` ${user.appVersion}` : "";
    return `Successfully logged in to DCS${version} as '${user.username}' with ${user.role} privileges`;
  }

  /**
   * Logs in; logs out first if already logged in. A refusal raises `DcsAuthError` and leaves
   * the session ready for another `login`.
   */
  login(username: string, password: string): Promise<LoginResult> {
    return this.#account.signIn(username, password);
  }

  /** Logs out. Never throws; the local session is cleared whatever the server says. */
  logout(): Promise<void> {
    return this.#account.signOut();
  }

  /** `await using dcs = new DcsSession(...)` logs out at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.logout();
  }

  /** All meters with their registers, or the one with `id`. */
  getMeters(id?: undefined, options?: CallOptions): Promise<Meter[]>;
  getMeters(id: number, options?: CallOptions): Promise<Meter>;
  async getMeters(id?: number, options: CallOptions = {}): Promise<Meter | Meter[]> {
    if (id === undefined) return this.#api.json("GET /api/meters", {}, meterListSchema, options);
    const path = { id: checkId(id, "meter id") };
    return this.#api.json("GET /api/meters/{id}", { params: { path } }, meterSchema, options);
  }

  /** All virtual meters, or the one with `id`. */
  getVms(id?: undefined, options?: CallOptions): Promise<VirtualMeter[]>;
  getVms(id: number, options?: CallOptions): Promise<VirtualMeter>;
  async getVms(id?: number, options: CallOptions = {}): Promise<VirtualMeter | VirtualMeter[]> {
    if (id === undefined) {
      return this.#api.json("GET /api/virtualMeters", {}, virtualMeterListSchema, options);
    }
    const params = { path: { id: checkId(id, "virtual meter id") } };
    return this.#api.json("GET /api/virtualMeters/{id}", { params }, virtualMeterSchema, options);
  }

  /**
   * Readings of a register (`isVirtual` false) or virtual meter. With `iterator: true` the
   * result streams from the socket as an `AsyncIterable` (until you start to read it, the
   * request does not block this session's other calls: see `maxConcurrent`); otherwise it is
   * one array.
   */
  getReadings(
    id: number,
    isVirtual: boolean,
    options: LegacyReadingsOptions & { iterator: true },
  ): Promise<Readings<LegacyReading>>;
  getReadings(
    id: number,
    isVirtual?: boolean,
    options?: LegacyReadingsOptions & { iterator?: false },
  ): Promise<LegacyReading[]>;
  async getReadings(
    id: number,
    isVirtual = false,
    options: LegacyReadingsOptions & { iterator?: boolean } = {},
  ): Promise<Readings<LegacyReading> | LegacyReading[]> {
    const request = checkLegacyReadingsRequest(id, isVirtual, options);
    const readings = await legacyReadings(this.#api, request, options.signal);
    return options.iterator ? readings : readings.toArray();
  }

  /**
   * `getReadings` over a long range, fetched in windows of at most `maxWindowDays` aligned to
   * the integration period, presented as one array or stream without gaps or duplicates.
   * Start defaults to today (UTC), end to one day later.
   */
  getMegaReadings(
    id: number,
    isVirtual: boolean,
    options: MegaReadingsOptions & { iterator: true },
  ): Promise<Readings<LegacyReading>>;
  getMegaReadings(
    id: number,
    isVirtual?: boolean,
    options?: MegaReadingsOptions & { iterator?: false },
  ): Promise<LegacyReading[]>;
  async getMegaReadings(
    id: number,
    isVirtual = false,
    options: MegaReadingsOptions & { iterator?: boolean } = {},
  ): Promise<Readings<LegacyReading> | LegacyReading[]> {
    const maxSpanMs = maxWindowMs(options.maxWindowDays ?? 549);
    const request = checkLegacyReadingsRequest(id, isVirtual, options);
    const window = { maxSpanMs, rangeLimit: this.#rangeLimit };
    const readings = await legacyReadingsInWindows(this.#api, request, window, options.signal);
    return options.iterator ? readings : readings.toArray();
  }
}
