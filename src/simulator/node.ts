/**
 * `startDcsSimulator`: the simulator on a real HTTP port (Node). `node:http` is loaded with a
 * dynamic import so that the simulator entry stays importable in browsers.
 *
 * Bodies are streamed to the socket with backpressure. A body that errors destroys the
 * socket (so a client sees a connection dropped mid-body); a handler that rejects destroys
 * it before any header (a reset). A request body over 1 MiB is answered 413 without being
 * kept, and that connection is closed. `close()` ends idle and active connections alike.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { BODY_TOO_LARGE, errorResponse, MAX_BODY_BYTES } from "./http.js";
import type { DcsSimulatorOptions } from "./options.js";
import { createDcsSimulator, type DcsSimulator } from "./simulator.js";

/** Options of {@link startDcsSimulator}: the simulator's options plus where to listen. */
export interface StartDcsSimulatorOptions extends DcsSimulatorOptions {
  /** TCP port; 0 (the default) picks a free one. */
  port?: number;
  /** Interface to listen on. Default "127.0.0.1". */
  host?: string;
}

/** A simulator listening on a TCP port; stop it with `close()`. */
export interface RunningDcsSimulator {
  /** `http://HOST:PORT` */
  readonly url: string;
  /** The current API's root: `url + "/DCSWebApi"`. */
  readonly webApiUrl: string;
  /** The legacy API's root (the web UI address): `url + "/DCS"`. */
  readonly v3Url: string;
  readonly simulator: DcsSimulator;
  /** How many TCP connections are open right now. */
  openConnections(): number;
  /**
   * How many connections are serving a request right now: its response neither finished nor
   * cut off. Tests use it to find hanging sockets; idle keep-alive sockets (and spare ones a
   * client's pool opens ahead of need) are not counted.
   */
  busyConnections(): number;
  /** Closes the keep-alive connections that carry no request. */
  closeIdleConnections(): void;
  /** Stops listening and closes every connection, idle or busy. */
  close(): Promise<void>;
}

/**
 * Loads a Node built-in at run time. The name goes through a parameter so that bundlers
 * building the simulator for browsers neither try to resolve it nor rewrite it.
 */
const loadBuiltin = (name: string): Promise<unknown> => import(/* @vite-ignore */ name);

/**
 * Starts a simulator on a real HTTP port (Node only; loads `node:http` when called).
 * @param options - The simulator's options plus `port` (default 0: a free one) and `host`
 * (default `127.0.0.1`).
 * @returns Once listening: its URLs, the simulator and `close()`.
 * @throws The listen error, e.g. `EADDRINUSE` when the port is taken.
 */
export async function startDcsSimulator(
  options: StartDcsSimulatorOptions = {},
): Promise<RunningDcsSimulator> {
  const http = (await loadBuiltin("node:http")) as typeof import("node:http");
  const simulator = createDcsSimulator(options);
  const host = options.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  let origin = "";

  const active = new Set<Promise<void>>();
  let busy = 0;
  const server = http.createServer((req, res) => {
    busy++;
    res.once("close", () => busy--); // finished, or the connection went
    const serving = serve(simulator, origin, req, res).finally(() => active.delete(serving));
    active.add(serving);
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : (options.port ?? 0);
  const shownHost = host.includes(":") ? `[${host}]` : host;
  origin = `http://${shownHost}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url: origin,
    webApiUrl: `${origin}/DCSWebApi`,
    v3Url: `${origin}/DCS`,
    simulator,
    openConnections: () => sockets.size,
    busyConnections: () => busy,
    closeIdleConnections: () => server.closeIdleConnections(),
    close() {
      closing ??= (async () => {
        const gone = [...sockets].map(
          (socket) => new Promise((resolve) => socket.once("close", resolve)),
        );
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
        await Promise.all([stopped, ...gone]);
        await Promise.allSettled([...active]); // bodies cancelled, in-flight counts settled
      })();
      return closing;
    },
  };
}

async function serve(
  simulator: DcsSimulator,
  origin: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const aborter = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) aborter.abort(new Error("The client closed the connection"));
  });
  let response: Response;
  try {
    const request = await toRequest(origin, req, aborter.signal);
    response = await simulator.fetch(request);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      // The rest of the body is not read, so the connection cannot carry another request.
      await send(
        errorResponse(413, BODY_TOO_LARGE, {}, { connection: "close" }),
        res,
        aborter.signal,
      );
      return;
    }
    res.socket?.destroy(); // no response at all: the client sees a reset
    return;
  }
  await send(response, res, aborter.signal);
}

class BodyTooLarge extends Error {}

/** The request body, or BodyTooLarge as soon as it is declared or seen to be over the limit. */
function readBody(req: IncomingMessage): Promise<Uint8Array> {
  if (Number(req.headers["content-length"]) > MAX_BODY_BYTES) {
    return Promise.reject(new BodyTooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off("data", onData);
      req.off("end", onEnd);
      req.off("error", onError);
      req.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      chunks.push(chunk);
      if (size > MAX_BODY_BYTES) {
        stop();
        reject(new BodyTooLarge());
      }
    };
    const onEnd = () => {
      stop();
      resolve(new Uint8Array(Buffer.concat(chunks)));
    };
    const onError = (error: Error) => {
      stop();
      reject(error);
    };
    const onClose = () => onError(new Error("The client closed the connection"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", onError);
    req.on("close", onClose);
  });
}

async function toRequest(
  origin: string,
  req: IncomingMessage,
  signal: AbortSignal,
): Promise<Request> {
  const headers = new Headers();
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    headers.append(req.rawHeaders[i] as string, req.rawHeaders[i + 1] as string);
  }
  const method = req.method ?? "GET";
  const body = method === "GET" || method === "HEAD" ? undefined : await readBody(req);
  // Concatenated, not resolved: a path like "//x" must stay a path, not become a host.
  return new Request(`${origin}${req.url ?? "/"}`, {
    method,
    headers,
    body: body as Uint8Array<ArrayBuffer> | undefined,
    signal,
  });
}

async function send(response: Response, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) {
    res.end();
    return;
  }
  res.flushHeaders(); // a stalled body must still show its headers
  const reader = response.body.getReader();
  // The client may already have gone while the response was being prepared.
  const cancel = () => void reader.cancel(signal.reason).catch(() => {});
  if (signal.aborted) {
    cancel();
    return;
  }
  signal.addEventListener("abort", cancel, { once: true });
  let lastWrite: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (res.destroyed) return;
      lastWrite = new Promise<void>((resolve) => res.write(value, () => resolve()));
      if (res.writableNeedDrain) await drained(res);
    }
    res.end();
  } catch {
    // The body broke mid-way: let what was written reach the client, then cut the connection.
    await Promise.race([lastWrite, new Promise((resolve) => setTimeout(resolve, 1000))]);
    res.socket?.destroy();
    res.destroy();
  } finally {
    signal.removeEventListener("abort", cancel);
  }
}

function drained(res: ServerResponse): Promise<void> {
  return new Promise<void>((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
