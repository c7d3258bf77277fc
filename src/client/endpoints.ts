/**
 * The one request path of a client: every call names its method, its path in the generated
 * description, its parameters and the schema of its answer, and goes through here. The method
 * a failure names is the one sent, and the answer is read and validated in one place.
 */
import type { Client, ClientPathsWithMethod, MaybeOptionalInit } from "openapi-fetch";
import type * as z from "zod/mini";
import { type ApiClient, createApiClient } from "../transport/api-client.js";
import { discardBody, readJson } from "../transport/json.js";
import type { Transport } from "../transport/transport.js";

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (and, for readings, the stream while it is read). */
  signal?: AbortSignal;
}

/** The methods the DCS APIs use, as the generated descriptions spell them. */
type Method = "get" | "post" | "put" | "delete";

type PathOf<Paths extends object, M extends Method> = ClientPathsWithMethod<Client<Paths>, M> &
  string;

/** A method and a path of the description, written as in a request line: `"GET /api/meters/{id}"`. */
export type Route<Paths extends object> = {
  [M in Method]: `${Uppercase<M>} ${PathOf<Paths, M>}`;
}[Method];

type MethodOf<R extends string> = R extends `${infer M} ${string}` ? Lowercase<M> & Method : never;
type PathIn<R extends string> = R extends `${string} ${infer P}` ? P : never;

/** What a call sends besides its route: openapi-fetch's `params` (path, query) and `body`. */
type Params<Paths extends object, R extends string> = Omit<
  NonNullable<
    MaybeOptionalInit<
      Paths[PathIn<R> & keyof Paths],
      MethodOf<R> & keyof Paths[PathIn<R> & keyof Paths]
    >
  >,
  "parseAs" | "signal"
>;

/** The calls of one API generation (its generated `paths`), on a client's transport. */
export class Endpoints<Paths extends object> {
  readonly #client: ApiClient<Paths>;

  constructor(transport: Transport) {
    this.#client = createApiClient<Paths>(transport);
  }

  /** Sends a call and returns its JSON answer, validated against `schema`. */
  async json<R extends Route<Paths>, S extends z.ZodMiniType>(
    route: R,
    params: Params<Paths, R>,
    schema: S,
    options: CallOptions = {},
  ): Promise<z.output<S>> {
    const { method, response } = await this.#send(route, params, options);
    return readJson(response, schema, "response", method);
  }

  /** Sends a call whose answer carries nothing the caller needs. */
  async send<R extends Route<Paths>>(
    route: R,
    params: Params<Paths, R>,
    options: CallOptions = {},
  ): Promise<void> {
    await discardBody(await this.#send(route, params, options));
  }

  /** A readings GET: the response, its body left for the readings decoder to stream. */
  readonly stream: ApiClient<Paths>["streamGet"] = (path, query, signal) =>
    this.#client.streamGet(path, query, signal);

  async #send(
    route: string,
    params: object,
    options: CallOptions,
  ): Promise<{ method: string; response: Response }> {
    const [method = "", path = ""] = route.split(" ");
    // One untyped step: the public methods above hold the route and its params together.
    const client = this.#client as unknown as {
      request(method: string, path: string, init: object): Promise<{ response: Response }>;
    };
    const init = { ...params, parseAs: "stream", signal: options.signal };
    const { response } = await client.request(method.toLowerCase(), path, init);
    return { method, response };
  }
}
