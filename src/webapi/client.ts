/**
 * `DcsWebApi`: the client of the current DCS Web API (DCS 3.x late and 4.x), for Node, Deno
 * and browsers. Thin by design: it checks arguments, maps them to requests over the shared
 * transport, and decodes the answers.
 */
import * as z from "zod/mini";
import { DcsArgumentError, DcsAuthError, DcsProtocolError, keepSecret } from "../core/errors.js";
import type { DateInput } from "../core/time.js";
import type { paths } from "../generated/dcs-webapi.js";
import { ReadingsBodySource } from "../readings/body.js";
import {
  completeReadingCodec,
  type ReadingCodec,
  standardReadingCodec,
} from "../readings/codecs.js";
import { maxWindowMs, RangeLimit, WindowChain } from "../readings/planner.js";
import { type BatchSource, Readings } from "../readings/readings.js";
import { newSequence, type ReadingsSpan, SpanCheck } from "../readings/span.js";
import { signInResultSchema, statusSchema } from "../schemas/account.js";
import { meterSchema, virtualMeterSchema } from "../schemas/estate.js";
import type {
  CompleteReading,
  DcsStatus,
  Meter,
  SignInResult,
  StandardReading,
  VirtualMeter,
} from "../schemas/types.js";
import { validationError } from "../schemas/validate.js";
import { type ApiClient, createApiClient } from "../transport/api-client.js";
import { takeBody } from "../transport/body.js";
import { displayUrl } from "../transport/errors-from-response.js";
import { discardBody, readJson } from "../transport/json.js";
import { type RateLimitInfo, Transport, type TransportOptions } from "../transport/transport.js";
import {
  checkReadingsRequest,
  type ReadingsOptions,
  type ReadingsRequest,
  readingsQuery,
  requestedWindow,
  type SourceId,
} from "./arguments.js";
import { decodeHeader, type ReadingsHeader, type ReadingsResult, setHeader } from "./result.js";

/** Options of {@link DcsWebApi}: the shared connection options plus re-authentication. */
export interface DcsWebApiOptions extends TransportOptions {
  /**
   * When a call meets a 401 while signed in (an expired cookie), sign in again once with the
   * credentials given to `signIn` and retry the call. The password is then kept in memory
   * for the client's lifetime. Default false.
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
  readonly #client: ApiClient<paths>;
  readonly #reauthenticate: boolean;
  readonly #rangeLimit = new RangeLimit();
  #user: SignInResult | undefined;
  #credentials: { username: string; password: string } | undefined;

  /**
   * A client of the current API; nothing is sent until the first call.
   * @param url - The API root, e.g. `https://dcs.example.org/DCSWebApi`.
   * @param options - Connection options (timeouts, retries, logging, `fetch`).
   * @throws {@link DcsArgumentError} if the URL is not an absolute http(s) URL or holds credentials.
   */
  constructor(url: string, options: DcsWebApiOptions = {}) {
    this.#transport = new Transport(url, COOKIE_PREFIX, options);
    this.url = this.#transport.baseUrl;
    this.#client = createApiClient<paths>(this.#transport);
    this.#reauthenticate = options.reauthenticate ?? false;
  }

  /** True between a successful `signIn` and `signOut`. */
  get isSignedIn(): boolean {
    return this.#user !== undefined;
  }

  /** Who is signed in, as the server said. */
  get user(): SignInResult | undefined {
    return this.#user;
  }

  /** The server's `X-Rate-Limit-*` headers from the latest successful call. */
  get rateLimit(): RateLimitInfo | undefined {
    return this.#transport.rateLimit;
  }

  /**
   * Signs in; later calls use the authenticated endpoints. Signs out first if already signed
   * in. Refuses plain http to a non-loopback host unless `allowInsecureHttp` is set.
   */
  async signIn(username: string, password: string): Promise<SignInResult> {
    if (typeof username !== "string" || typeof password !== "string" || username === "") {
      throw new DcsArgumentError("signIn needs a username and a password (strings)");
    }
    this.#transport.assertCredentialsAllowed();
    if (this.isSignedIn) await this.signOut();
    this.#transport.credentials = "include";
    const forget = keepSecret(password); // a server may quote it back in a refusal
    try {
      const { response } = await this.#client.POST("/authentication/signin", {
        body: { username, password },
        parseAs: "stream",
      });
      this.#user = await readJson(response, signInResultSchema, "sign-in result", "POST");
    } catch (error) {
      this.#transport.credentials = "same-origin";
      throw error;
    } finally {
      forget();
    }
    this.#credentials = this.#reauthenticate ? { username, password } : undefined;
    return this.#user;
  }

  /** Signs out (the server cancels the token) and forgets the session, even if the call fails. */
  async signOut(): Promise<void> {
    if (!this.isSignedIn) return;
    try {
      await discardBody(await this.#client.POST("/authentication/signout", { parseAs: "stream" }));
    } catch {
      // Signing out is best effort: the local session is gone either way.
    } finally {
      this.#user = undefined;
      this.#credentials = undefined;
      this.#transport.cookie.clear();
      this.#transport.credentials = "same-origin";
    }
  }

  /** `await using dcs = new DcsWebApi(...)` signs out at the end of the block. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.signOut();
  }

  /** The API's status object (its shape is undocumented; every field is kept). */
  status(options: { signal?: AbortSignal } = {}): Promise<DcsStatus> {
    return this.#call(async () => {
      const { response } = await this.#client.GET("/status", {
        parseAs: "stream",
        signal: options.signal,
      });
      return readJson(response, statusSchema, "status");
    });
  }

  /** Every meter the account may see, with its registers. */
  meters(options: { signal?: AbortSignal } = {}): Promise<Meter[]> {
    return this.#call(async () => {
      const path = this.isSignedIn ? "/meters" : "/public/meters";
      const { response } = await this.#client.GET(path, {
        parseAs: "stream",
        signal: options.signal,
      });
      return readJson(response, z.array(meterSchema), "meters");
    });
  }

  /** Every virtual meter the account may see. */
  virtualMeters(options: { signal?: AbortSignal } = {}): Promise<VirtualMeter[]> {
    return this.#call(async () => {
      const path = this.isSignedIn ? "/virtualMeters" : "/public/virtualMeters";
      const { response } = await this.#client.GET(path, {
        parseAs: "stream",
        signal: options.signal,
      });
      return readJson(response, z.array(virtualMeterSchema), "virtual meters");
    });
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
    const codec = codecFor(request);
    const result = {} as ReadingsResult<StandardReading | CompleteReading>;
    const source = await this.#call(() =>
      this.#openReadings(request, codec, options.signal, newSequence(), (header) =>
        setHeader(result, header),
      ),
    );
    result.readings = new Readings(source);
    return result;
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
    const span = maxWindowMs(options.maxWindowDays ?? 365);
    const start = request.range.start as number;
    const end = request.range.end as number;
    const codec = codecFor(request);
    const result = {} as ReadingsResult<StandardReading | CompleteReading>;
    const whole = { startTime: new Date(start), endTime: new Date(end) };
    // The header of the first window the server answers (a refused one sends none) becomes
    // the result's, spanning the whole range; the other windows' headers are only checked.
    let headerWindow: object | undefined;
    const sequence = newSequence();
    const chain = await WindowChain.open<StandardReading | CompleteReading>({
      start,
      end,
      period: request.period,
      maxSpanMs: span,
      rangeLimit: this.#rangeLimit,
      signal: options.signal,
      open: async (windowStart, windowEnd, signal) => {
        const thisWindow = {};
        const windowed = {
          ...request,
          range: { start: windowStart, end: windowEnd, count: undefined },
        };
        const source = await this.#call(() =>
          this.#openReadings(windowed, codec, signal, sequence, (header) => {
            headerWindow ??= thisWindow;
            if (headerWindow === thisWindow) setHeader(result, header, whole);
          }),
        );
        headerWindow ??= thisWindow; // its header may all come after the readings
        return { source };
      },
    });
    result.readings = new Readings(chain);
    return result;
  }

  /**
   * Sends a readings request and reads up to the start of the array. Its readings must go
   * forward from `sequence` within the window asked for. `onHeader` gets the header once it is
   * complete, and again at the end of the body if more members came.
   */
  async #openReadings<R>(
    request: ReadingsRequest,
    codec: ReadingCodec<R>,
    signal: AbortSignal | undefined,
    sequence: ReadingsSpan["sequence"],
    onHeader: (header: ReadingsHeader) => void,
  ): Promise<BatchSource<R>> {
    const path = this.isSignedIn ? "/readings" : "/public/readings";
    const response = await this.#client.streamGet(path, readingsQuery(request), signal);
    const context = { method: "GET", url: displayUrl(response.url), status: response.status };
    if (!response.body) {
      // An empty body is not JSON: the same error as for every other call, and the v3 client.
      throw new DcsProtocolError(
        `GET ${context.url}: expected a JSON readings result, got an empty body`,
        context,
      );
    }
    // Members seen when the header was decoded: the end only decodes again if more came.
    let decodedMembers = -1;
    const source: ReadingsBodySource<R> = new ReadingsBodySource<R>({
      body: takeBody(response),
      location: "member",
      codec,
      context,
      signal,
      onEnd: (members) => {
        if (source.memberCount === decodedMembers) return;
        const header = decodeHeader(members, context, true);
        if (header) onHeader(header);
      },
    });
    try {
      await source.open();
      if (!source.hasArray) {
        throw validationError(
          "readings result",
          [{ path: ["readings"], message: "expected an array, got nothing" }],
          context,
        );
      }
      const header = decodeHeader(source.members, context, false);
      if (header) {
        decodedMembers = source.memberCount;
        onHeader(header);
      }
      return new SpanCheck(source, {
        span: { ...requestedWindow(request), sequence },
        timeOf: codec.timeOf,
        location: "member",
        context,
      });
    } catch (error) {
      await source.cancel(error);
      throw error;
    }
  }

  /** Runs a call; with `reauthenticate`, a 401 while signed in signs in again once and retries. */
  async #call<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const credentials = this.#credentials;
      if (!(error instanceof DcsAuthError) || !this.isSignedIn || !credentials) throw error;
      await this.signIn(credentials.username, credentials.password);
      return call();
    }
  }
}

function codecFor(request: ReadingsRequest): ReadingCodec<StandardReading | CompleteReading> {
  return request.format === "complete" ? completeReadingCodec : standardReadingCodec;
}
