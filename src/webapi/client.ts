/**
 * `DcsWebApi`: the client of the current DCS Web API (DCS 3.x late and 4.x), for Node, Deno
 * and browsers. Thin by design: it checks arguments, maps them to requests over the shared
 * transport, and decodes the answers.
 */
import { Account } from "../client/account.js";
import { type CallOptions, Endpoints } from "../client/endpoints.js";
import { DcsArgumentError, DcsAuthError } from "../core/errors.js";
import type { DateInput } from "../core/time.js";
import type { paths } from "../generated/dcs-webapi.js";
import {
  completeReadingCodec,
  type ReadingCodec,
  standardReadingCodec,
} from "../readings/codecs.js";
import {
  type HeaderRange,
  type ReadingsHeader,
  type ReadingsResult,
  readingsResult,
} from "../readings/header.js";
import { openReadingsResult } from "../readings/open.js";
import { maxWindowMs, RangeLimit, WindowChain } from "../readings/planner.js";
import { newSequence, type ReadingsSpan } from "../readings/span.js";
import { signInResultSchema, statusSchema } from "../schemas/account.js";
import { meterListSchema, virtualMeterListSchema } from "../schemas/estate.js";
import type {
  CompleteReading,
  DcsStatus,
  Meter,
  SignInResult,
  StandardReading,
  VirtualMeter,
} from "../schemas/types.js";
import { type RateLimitInfo, Transport, type TransportOptions } from "../transport/transport.js";
import {
  checkReadingsRequest,
  type ReadingsOptions,
  type ReadingsRequest,
  readingsQuery,
  requestedWindow,
  type SourceId,
} from "./arguments.js";

/** Options of {@link DcsWebApi}: the shared connection options plus re-authentication. */
export interface DcsWebApiOptions extends TransportOptions {
  /**
   * When a call meets a 401 while signed in (an expired cookie), sign in again with the
   * credentials given to `signIn` and retry the call once; calls that meet the expiry together
   * share one new sign-in. The password is then kept in memory for the client's lifetime.
   * Default false.
   */
  reauthenticate?: boolean;
}

/** Options of `largeReadings()`: a start and an end are required. */
export interface LargeReadingsOptions
  extends Omit<ReadingsOptions, "periodCount" | "startTime" | "endTime"> {
  startTime: DateInput;
  endTime: DateInput;
  /**
   * Longest span of one request, in days (default 365). Halved automatically if the server's
   * limit is lower; the client remembers what it learned for its later calls.
   */
  maxWindowDays?: number;
}

const COOKIE_PREFIX = "COHERENT-DCS-API";

/**
 * A client of the current DCS Web API. Without `signIn` it uses the unauthenticated
 * `/public/...` endpoints.
 *
 * ```ts
 * await using dcs = new DcsWebApi("https://dcs.example.org/DCSWebApi");
 * await dcs.signIn("user", process.env.DCS_PASSWORD!);
 * const res = await dcs.readings("R733", { startTime: "2024-01-01", endTime: "2024-02-01" });
 * for await (const r of res.readings) console.log(r.timestamp, r.value);
 * ```
 */
export class DcsWebApi implements AsyncDisposable {
  /** The API root, without a trailing slash. */
  readonly url: string;
  readonly #transport: Transport;
  readonly #api: Endpoints<paths>;
  readonly #account: Account;
  readonly #rangeLimit = new RangeLimit();

  /**
   * A client of the current API; nothing is sent until the first call.
   * @param url - The API root, e.g. `https://dcs.example.org/DCSWebApi`.
   * @param options - Connection options (timeouts, retries, logging, `fetch`).
   * @throws {@link DcsArgumentError} if the URL is not an absolute http(s) URL or holds credentials.
   */
  constructor(url: string, options: DcsWebApiOptions = {}) {
    this.#transport = new Transport(url, COOKIE_PREFIX, options);
    this.url = this.#transport.baseUrl;
    this.#api = new Endpoints<paths>(this.#transport);
    this.#account = new Account(this.#transport, {
      name: "signIn",
      signIn: (body) => this.#api.json("POST /authentication/signin", { body }, signInResultSchema),
      signOut: () => this.#api.send("POST /authentication/signout", {}),
      keepCredentials: options.reauthenticate ?? false,
    });
  }

  /** True between a successful `signIn` and `signOut`. */
  get isSignedIn(): boolean {
    return this.#account.user !== undefined;
  }

  /** Who is signed in, as the server said. */
  get user(): SignInResult | undefined {
    return this.#account.user;
  }

  /** The server's `X-Rate-Limit-*` headers from the latest successful call. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  /**
   * Signs in; later calls use the authenticated endpoints. Signs out first if already signed
   * in. Refuses plain http to a non-loopback host unless `allowInsecureHttp` is set.
   */
  signIn(username: string, password: string): Promise<SignInResult> {
    return this.#account.signIn(username, password);
  }

  /** Signs out (the server cancels the token) and forgets the session, even if the call fails. */
  signOut(): Promise<void> {
    return this.#account.signOut();
  }

  /** `await using dcs = new DcsWebApi(...)` signs out at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.signOut();
  }

  /** The API's status object (its shape is undocumented; every field is kept). */
  status(options: CallOptions = {}): Promise<DcsStatus> {
    return this.#call(() => this.#api.json("GET /status", {}, statusSchema, options));
  }

  /** Every meter the account may see, with its registers. */
  meters(options: CallOptions = {}): Promise<Meter[]> {
    const route = this.isSignedIn ? "GET /meters" : "GET /public/meters";
    return this.#call(() => this.#api.json(route, {}, meterListSchema, options));
  }

  /** Every virtual meter the account may see. */
  virtualMeters(options: CallOptions = {}): Promise<VirtualMeter[]> {
    const route = this.isSignedIn ? "GET /virtualMeters" : "GET /public/virtualMeters";
    return this.#call(() => this.#api.json(route, {}, virtualMeterListSchema, options));
  }

  /**
   * Readings of a register (`"R733"`) or virtual meter (`"VM9"`). Resolves once the header has
   * arrived; `res.readings` then streams the readings as the body arrives. Until you start to
   * read them, the request does not block this client's other calls (see `maxConcurrent`).
   */
  readings(
    id: SourceId,
    options: ReadingsOptions & { format: "complete" },
  ): Promise<ReadingsResult<CompleteReading>>;
  readings(
    id: SourceId,
    options?: ReadingsOptions & { format?: "standard" },
  ): Promise<ReadingsResult<StandardReading>>;
  readings(
    id: SourceId,
    options?: ReadingsOptions,
  ): Promise<ReadingsResult<StandardReading | CompleteReading>>;
  async readings(
    id: SourceId,
    options: ReadingsOptions = {},
  ): Promise<ReadingsResult<StandardReading | CompleteReading>> {
    const request = checkReadingsRequest(id, options);
    const { source, header } = await this.#call(() =>
      this.#openReadings(request, options.signal, newSequence()),
    );
    return readingsResult(header, source);
  }

  /**
   * Readings of a long range, fetched in period-aligned windows of at most `maxWindowDays`
   * (calendar months for months, Mondays for weeks) and presented as one result whose
   * readings run on without gaps or duplicates. The next window is requested while the
   * current one streams (within `maxConcurrent`). The header is the first answered window's,
   * with `startTime` and `endTime` of the whole range.
   */
  largeReadings(
    id: SourceId,
    options: LargeReadingsOptions & { format: "complete" },
  ): Promise<ReadingsResult<CompleteReading>>;
  largeReadings(
    id: SourceId,
    options: LargeReadingsOptions & { format?: "standard" },
  ): Promise<ReadingsResult<StandardReading>>;
  largeReadings(
    id: SourceId,
    options: LargeReadingsOptions,
  ): Promise<ReadingsResult<StandardReading | CompleteReading>>;
  async largeReadings(
    id: SourceId,
    options: LargeReadingsOptions,
  ): Promise<ReadingsResult<StandardReading | CompleteReading>> {
    if (options?.startTime === undefined || options.endTime === undefined) {
      throw new DcsArgumentError("largeReadings needs both startTime and endTime");
    }
    const request = checkReadingsRequest(id, { ...options, periodCount: undefined });
    const maxSpanMs = maxWindowMs(options.maxWindowDays ?? 365);
    const start = request.range.start as number;
    const end = request.range.end as number;
    const range = { startTime: new Date(start), endTime: new Date(end) };
    const sequence = newSequence();
    // The first window the server answers (a refused one sends none) gives the result its
    // header; the other windows' headers are only checked.
    let header: ReadingsHeader | undefined;
    const chain = await WindowChain.open<StandardReading | CompleteReading>({
      start,
      end,
      period: request.period,
      maxSpanMs,
      rangeLimit: this.#rangeLimit,
      signal: options.signal,
      open: async (windowStart, windowEnd, signal) => {
        const window = {
          ...request,
          range: { start: windowStart, end: windowEnd, count: undefined },
        };
        const opened = await this.#call(() => this.#openReadings(window, signal, sequence, range));
        header ??= opened.header;
        return opened;
      },
    });
    return readingsResult(header!, chain); // the chain opens its first window before it resolves
  }

  /** Sends a readings request and reads up to the array; its readings must go forward from `sequence`. */
  async #openReadings(
    request: ReadingsRequest,
    signal: AbortSignal | undefined,
    sequence: ReadingsSpan["sequence"],
    range?: HeaderRange,
  ) {
    const path = this.isSignedIn ? "/readings" : "/public/readings";
    const response = await this.#api.stream(path, readingsQuery(request), signal);
    const span = { ...requestedWindow(request), sequence };
    return openReadingsResult(response, { codec: codecFor(request), span, signal, range });
  }

  /**
   * Runs a call; with `reauthenticate`, a 401 while signed in signs in again (once for all the
   * calls that met it) and retries the call once.
   */
  async #call<T>(call: () => Promise<T>): Promise<T> {
    const user = this.#account.user;
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof DcsAuthError) || !user || !(await this.#account.renew(user))) {
        throw error;
      }
      return call();
    }
  }
}

function codecFor(request: ReadingsRequest): ReadingCodec<StandardReading | CompleteReading> {
  return request.format === "complete" ? completeReadingCodec : standardReadingCodec;
}
