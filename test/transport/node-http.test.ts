/**
 * The Node build's HTTP stack (transport/node-http.ts) against a raw node:http server on
 * loopback (and an https one): what it must do as fetch does for the transport. The fault matrix
 * runs both clients over it as well (test/reliability/fault-matrix.test.ts), and the redirect
 * rule runs on it in test/transport/redirects.test.ts.
 */
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type Agent,
  createServer as createHttpsServer,
  globalAgent,
  type Server,
} from "node:https";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nodeFetch, useNodeHttp } from "../../src/transport/node-http.js";
import { currentPlatformFetch, setPlatformFetch } from "../../src/transport/platform.js";
import { closedPort, type RawServer, startRawServer } from "../reliability/helpers.js";

/** What the server saw of each request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

const seen: Seen[] = [];
let server: RawServer;
const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>();

const BIG = "x".repeat(1 << 20);
const JSON_TEXT = JSON.stringify({ readings: [1, 2, 3], name: "Main Incomer" });

beforeAll(async () => {
  const record = (req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (body += chunk));
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const route = routes.get(new URL(req.url ?? "/", "http://x").pathname);
      if (route) return route(req, res);
      res.writeHead(404).end();
    });
  };
  server = await startRawServer(record);
});
afterAll(async () => {
  await server.close();
});

function route(path: string, handler: (req: IncomingMessage, res: ServerResponse) => void) {
  routes.set(path, handler);
  return `${server.url}${path}`;
}

describe("nodeFetch: requests and responses", () => {
  it("sends the method, headers and a string body, and reads status, headers and text", async () => {
    const url = route("/echo", (_req, res) => {
      res.setHeader("set-cookie", ["a=1; Path=/", "b=2; Path=/"]);
      res.writeHead(201, "Made", {
        "content-type": "application/json",
        "x-rate-limit-remaining": "9",
      });
      res.end(JSON_TEXT);
    });
    const response = await nodeFetch(url, {
      method: "post",
      headers: new Headers({ "content-type": "application/json", accept: "application/json" }),
      body: '{"username":"ü"}',
    });
    expect(response.status).toBe(201);
    expect(response.statusText).toBe("Made");
    expect(response.ok).toBe(true);
    expect(response.headers.get("x-rate-limit-remaining")).toBe("9");
    expect(response.headers.getSetCookie()).toEqual(["a=1; Path=/", "b=2; Path=/"]);
    expect(await response.text()).toBe(JSON_TEXT);
    const request = seen.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.body).toBe('{"username":"ü"}');
    expect(request.headers["content-length"]).toBe(String(Buffer.byteLength('{"username":"ü"}')));
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it.each([
    ["gzip", gzipSync],
    ["deflate", deflateSync],
    ["br", brotliCompressSync],
  ] as const)("undoes %s content-encoding", async (encoding, compress) => {
    const url = route(`/${encoding}`, (_req, res) => {
      res.writeHead(200, { "content-encoding": encoding }).end(compress(Buffer.from(BIG)));
    });
    expect(await (await nodeFetch(url)).text()).toBe(BIG);
  });

  it("undoes several codings, the last applied first", async () => {
    const url = route("/layers", (_req, res) => {
      const body = brotliCompressSync(gzipSync(Buffer.from(BIG)));
      res.writeHead(200, { "content-encoding": "gzip, br" }).end(body);
    });
    expect(await (await nodeFetch(url)).text()).toBe(BIG);
  });

  it("streams a large body in chunks through a web ReadableStream", async () => {
    const url = route("/big", (_req, res) => res.end(BIG));
    const reader = (await nodeFetch(url)).body!.getReader();
    let bytes = 0;
    let chunks = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      expect(chunk.value).toBeInstanceOf(Uint8Array);
      bytes += chunk.value.byteLength;
      chunks++;
    }
    expect(bytes).toBe(BIG.length);
    expect(chunks).toBeGreaterThan(1);
  });

  it("holds back the socket while the reader is behind, so a slow reader holds a few chunks", async () => {
    const total = 64 * 2 ** 20;
    let written = 0;
    const url = route("/flood", (_req, res) => {
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        while (written < total) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const reader = (await nodeFetch(url)).body!.getReader();
    await reader.read();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // Socket buffers on both ends take a few MB; without backpressure all 64 MB would be read.
    expect(written).toBeLessThan(total / 2);
    await reader.cancel();
  });

  it("has no body for 204, and none for HEAD", async () => {
    const url = route("/empty", (req, res) => {
      if (req.method === "HEAD") res.writeHead(200, { "content-length": "5" }).end();
      else res.writeHead(204).end();
    });
    expect((await nodeFetch(url)).body).toBeNull();
    const head = await nodeFetch(url, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();
  });
});

describe("nodeFetch: redirects", () => {
  // The transport follows redirects, by one rule for every stack (test/transport/redirects).
  it("never follows a redirect: hands it back as it is", async () => {
    const url = route("/manual", (_req, res) => res.writeHead(301, { location: "/target" }).end());
    const before = seen.length;
    const response = await nodeFetch(url, { redirect: "follow" });
    expect(response.status).toBe(301);
    expect(response.headers.get("location")).toBe("/target");
    await response.body?.cancel();
    expect(seen.slice(before).map((s) => s.url)).toEqual(["/manual"]);
  });
});

describe("nodeFetch: failures", () => {
  it("rejects as fetch does when the connection is refused", async () => {
    const error = await nodeFetch(`http://127.0.0.1:${await closedPort()}/`).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe("fetch failed");
    expect((error as { cause: { code: string } }).cause.code).toBe("ECONNREFUSED");
  });

  it("rejects with the signal's reason: aborted before, while waiting, and while streaming", async () => {
    const reason = new Error("stop");
    const url = route("/slow", (_req, res) => {
      res.writeHead(200);
      res.write("first");
      // ...and nothing more until the client goes away.
    });
    const before = new AbortController();
    before.abort(reason);
    await expect(nodeFetch(url, { signal: before.signal })).rejects.toBe(reason);

    const silent = route("/silent", () => {});
    const waiting = new AbortController();
    const pending = nodeFetch(silent, { signal: waiting.signal });
    setTimeout(() => waiting.abort(reason), 20);
    await expect(pending).rejects.toBe(reason);

    const streaming = new AbortController();
    const reader = (await nodeFetch(url, { signal: streaming.signal })).body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe("first");
    streaming.abort(reason);
    await expect(reader.read()).rejects.toBe(reason);
  });

  it("errors the body when the connection breaks off before its end", async () => {
    const url = route("/cut", (_req, res) => {
      res.writeHead(200, { "content-length": String(BIG.length) });
      res.write(BIG.slice(0, 1000), () => res.socket?.destroy());
    });
    await expect((await nodeFetch(url)).text()).rejects.toThrow();
  });

  it("errors the body when a gzip stream is cut short", async () => {
    const zipped = gzipSync(Buffer.from(BIG));
    const url = route("/gzip-cut", (_req, res) => {
      res.writeHead(200, { "content-encoding": "gzip" }).end(zipped.subarray(0, 500));
    });
    await expect((await nodeFetch(url)).text()).rejects.toThrow();
  });

  it("refuses a body it cannot send rather than dropping it", async () => {
    const error = await nodeFetch(`${server.url}/echo`, {
      method: "POST",
      body: new Blob(["x"]),
    }).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
  });
});

describe("useNodeHttp", () => {
  it("installs nodeFetch in Node, and leaves Deno and Bun their own fetch", () => {
    const original = currentPlatformFetch();
    try {
      (globalThis as { Deno?: unknown }).Deno = {};
      useNodeHttp();
      expect(currentPlatformFetch()).toBe(original);
      delete (globalThis as { Deno?: unknown }).Deno;
      useNodeHttp();
      expect(currentPlatformFetch()).toBe(nodeFetch);
    } finally {
      delete (globalThis as { Deno?: unknown }).Deno;
      setPlatformFetch(original);
    }
  });
});

describe("nodeFetch over https", () => {
  // A self-signed certificate for 127.0.0.1, made for this test only (its key is public).
  const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url));
  const cert = fixture("loopback-cert.pem");
  let tls: Server;
  let url: string;

  beforeAll(async () => {
    tls = createHttpsServer({ cert, key: fixture("loopback-test-only-key.pem") }, (_req, res) =>
      res.end("secure"),
    );
    await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
    url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    tls.closeAllConnections();
    await new Promise((resolve) => tls.close(resolve));
  });

  it("checks the server's certificate: an unknown issuer fails as fetch's would", async () => {
    const error = await nodeFetch(url).catch((e) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as { cause: { code: string } }).cause.code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("trusts what Node's https agent is told to trust", async () => {
    const agent = globalAgent as Agent & { options: { ca?: unknown } };
    agent.options.ca = cert;
    try {
      expect(await (await nodeFetch(url)).text()).toBe("secure");
    } finally {
      delete agent.options.ca;
      agent.destroy(); // no pooled socket made with the test's trust outlives it
    }
  });
});
