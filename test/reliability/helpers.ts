/**
 * Shared pieces of the reliability tests: both clients behind one small interface, a raw
 * `node:http` server on 127.0.0.1, a watch for unhandled rejections, and a wait for the
 * server's busy connections to drain.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { DcsSession, DcsWebApi, type TransportOptions } from "../../src/index.js";

/** A client under test, whichever API generation. */
export interface Subject {
  /** Readings of one register over `range`, as an array. */
  readings(): Promise<unknown[]>;
  /** The same readings as a stream, for reading until a fault breaks in. */
  stream(): Promise<AsyncIterable<unknown>>;
  /** A small JSON call (the meter list). */
  estate(): Promise<unknown[]>;
  close(): Promise<void>;
}

/** The two clients: name, where their readings go (for fault rules), and how to build one. */
export interface Kind {
  name: "DcsWebApi" | "DcsSession";
  readingsPath: string;
  estatePath: RegExp;
  /** `root` is the simulator's origin (or any origin); `signIn` false skips the login. */
  make(
    root: string,
    register: number,
    options: TransportOptions,
    signIn?: boolean,
  ): Promise<Subject>;
}

export const RANGE = { start: "2024-01-01", end: "2024-01-15" };

export const KINDS: Kind[] = [
  {
    name: "DcsWebApi",
    readingsPath: "/readings",
    estatePath: /\/meters$/,
    async make(root, register, options, signIn = true) {
      const dcs = new DcsWebApi(`${root}/DCSWebApi`, options);
      if (signIn) await dcs.signIn("user", "password");
      const open = () =>
        dcs.readings(`R${register}`, { startTime: RANGE.start, endTime: RANGE.end });
      return {
        readings: async () => (await open()).readings.toArray(),
        stream: async () => (await open()).readings,
        estate: () => dcs.meters(),
        close: () => dcs.signOut(),
      };
    },
  },
  {
    name: "DcsSession",
    readingsPath: "/registerreadings/list",
    estatePath: /\/api\/meters$/,
    async make(root, register, options, signIn = true) {
      const dcs = new DcsSession(`${root}/DCS`, options);
      if (signIn) await dcs.login("user", "password");
      return {
        readings: () => dcs.getReadings(register, false, RANGE),
        stream: () => dcs.getReadings(register, false, { ...RANGE, iterator: true }),
        estate: () => dcs.getMeters(),
        close: () => dcs.logout(),
      };
    },
  },
];

/** Fails the current test if any promise rejection went unhandled while it ran. */
export function watchUnhandledRejections(): void {
  const seen: unknown[] = [];
  const listener = (reason: unknown) => seen.push(reason);
  beforeAll(() => void process.on("unhandledRejection", listener));
  afterAll(() => void process.off("unhandledRejection", listener));
  afterEach(async () => {
    await new Promise((resolve) => setTimeout(resolve, 20)); // let stray rejections surface
    expect(seen.splice(0)).toEqual([]);
  });
}

/** Polls until `condition` holds or `ms` pass; returns whether it held. */
export async function waitFor(condition: () => boolean, ms = 3000): Promise<boolean> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
}

/** Something that can count its sockets: all open ones, and those serving a request. */
export interface ConnectionCounter {
  openConnections(): number;
  busyConnections(): number;
  closeIdleConnections(): void;
}

/**
 * Asserts that no socket stays busy: every response the server started has finished or its
 * connection has gone. (A hanging socket never would.)
 */
export async function expectNoHangingSockets(server: ConnectionCounter): Promise<void> {
  const drained = await waitFor(() => server.busyConnections() === 0);
  expect(drained, `${server.busyConnections()} connection(s) still busy`).toBe(true);
}

/**
 * Asserts that every connection closes: idle keep-alive sockets are closed by the server, and
 * spare ones that fetch's pool opened ahead of need are closed by the client within seconds.
 */
export async function expectAllSocketsClosed(server: ConnectionCounter): Promise<void> {
  const closed = await waitFor(() => {
    server.closeIdleConnections();
    return server.openConnections() === 0;
  }, 8000);
  expect(closed, `${server.openConnections()} connection(s) still open`).toBe(true);
}

export interface RawServer extends ConnectionCounter {
  /** `http://127.0.0.1:PORT` */
  url: string;
  close(): Promise<void>;
}

/** A bare HTTP server on 127.0.0.1 with an ephemeral port, for faults the simulator lacks. */
export async function startRawServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<RawServer> {
  const sockets = new Set<Socket>();
  let busy = 0;
  const server = createServer((req, res) => {
    busy++;
    res.once("close", () => busy--);
    handler(req, res);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    openConnections: () => sockets.size,
    busyConnections: () => busy,
    closeIdleConnections: () => server.closeIdleConnections(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port on 127.0.0.1 that was just free and now has no listener: connecting is refused. */
export async function closedPort(): Promise<number> {
  const server = await startRawServer(() => {});
  const port = Number(new URL(server.url).port);
  await server.close();
  return port;
}
