/**
 * Security (issue #9): no password or cookie value in any error, `String(err)`, stack,
 * `util.inspect`, logger line or CLI output; cookies stay on their origin across redirects;
 * credentials never go over plain http to a remote host; ids are checked before any request;
 * the simulator compares passwords in constant time.
 */
import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { inspect } from "node:util";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { keepSecret } from "../../src/errors.js";
import {
  DcsArgumentError,
  DcsAuthError,
  DcsError,
  DcsSession,
  DcsValidationError,
  DcsWebApi,
  type TransportOptions,
} from "../../src/index.js";
import { constantTimeEqual, passwordsMatch } from "../../src/simulator/auth.js";
import { createDcsSimulator } from "../../src/simulator/index.js";
import { CLI_BUNDLE } from "../cli/build-cli.js";
import {
  expectNoHangingSockets,
  type RawServer,
  startRawServer,
  watchUnhandledRejections,
} from "./helpers.js";

watchUnhandledRejections();

const PASSWORD = "Pw-9f3!correct horse";
const COOKIE = "ck-7d41c0ffee5ecret";

/**
 * A DCS that misbehaves in every way that could leak a secret: it echoes the request body in
 * its sign-in refusals and the cookie in its other errors, redirects, and breaks bodies.
 */
let mode:
  | "ok"
  | "echo-cookie"
  | "html-500"
  | "drop"
  | "stall"
  | "not-json"
  | "offsite"
  | "same-site" = "ok";
let hostile: RawServer;
let elsewhere: RawServer;
const seenElsewhere: (string | undefined)[] = [];
const seenCookies: (string | undefined)[] = [];

function json(res: ServerResponse, status: number, body: unknown, headers = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function hostileHandler(req: IncomingMessage, res: ServerResponse): Promise<void> {
  let body = "";
  for await (const chunk of req) body += chunk;
  const path = req.url ?? "/";
  const legacy = path.startsWith("/DCS/");
  if (/signin$|login$/.test(path)) {
    if (JSON.parse(body).password !== PASSWORD) {
      // Some servers echo what they were sent; the password must still not reach the caller.
      return json(res, 401, { details: `Invalid credentials in ${body}`, request: body });
    }
    const name = legacy ? "COHERENT-DCSV3" : "COHERENT-DCS-API";
    return json(
      res,
      200,
      { username: "user", role: "Viewer", appVersion: "4.2.0" },
      { "set-cookie": `${name}=${COOKIE}; Path=${legacy ? "/DCS" : "/DCSWebApi"}; HttpOnly` },
    );
  }
  if (/signout$|logout$/.test(path)) return void res.writeHead(204).end();
  seenCookies.push(req.headers.cookie);
  switch (mode) {
    case "echo-cookie":
      return json(res, 401, { details: `Token ${req.headers.cookie} has expired` });
    case "html-500":
      res.writeHead(500, { "content-type": "text/html" });
      return void res.end(`<html><title>Error for ${req.headers.cookie}</title></html>`);
    case "drop":
      res.writeHead(200, { "content-type": "application/json" });
      res.write(`[{"id":1,"cookie":"${req.headers.cookie}"`);
      return void setTimeout(() => res.destroy(), 20);
    case "stall":
      res.writeHead(200, { "content-type": "application/json" });
      return void res.write("[");
    case "not-json":
      res.writeHead(200, { "content-type": "text/plain" });
      return void res.end(`cookie was ${req.headers.cookie}`);
    case "offsite":
    case "same-site": {
      const target = mode === "offsite" ? elsewhere.url : hostile.url;
      if (path.includes("landed")) return json(res, 200, []);
      res.writeHead(302, { location: `${target}${path}?landed=1` });
      return void res.end();
    }
    default:
      return json(res, 200, []);
  }
}

beforeAll(async () => {
  hostile = await startRawServer((req, res) => void hostileHandler(req, res));
  elsewhere = await startRawServer((req, res) => {
    seenElsewhere.push(req.headers.cookie);
    json(res, 200, []);
  });
});
afterAll(async () => {
  await hostile.close();
  await elsewhere.close();
});
afterEach(async () => {
  mode = "ok";
  await expectNoHangingSockets(hostile);
});

/** Everything an error can show: message, String(), stack, inspect (with its causes), JSON. */
function everythingAbout(error: unknown): string {
  const e = error as Error;
  return [e.message, String(e), e.stack, inspect(e, { depth: 10 }), JSON.stringify(e)].join("\n");
}

const clients = [
  {
    name: "DcsWebApi",
    make: (options: TransportOptions) => {
      const dcs = new DcsWebApi(`${hostile.url}/DCSWebApi`, options);
      return {
        client: dcs,
        signIn: (password: string) => dcs.signIn("user", password),
        call: () => dcs.meters(),
      };
    },
  },
  {
    name: "DcsSession",
    make: (options: TransportOptions) => {
      const dcs = new DcsSession(`${hostile.url}/DCS`, options);
      return {
        client: dcs,
        signIn: (password: string) => dcs.login("user", password),
        call: () => dcs.getMeters(),
      };
    },
  },
];

describe.each(clients)("$name never shows a secret", ({ make }) => {
  it("in any error, String(err), stack, inspect or log line, whatever the server does", async () => {
    const lines: string[] = [];
    const shown: string[] = [];
    const { client, signIn, call } = make({
      logger: (line, entry) => lines.push(line, JSON.stringify(entry)),
      timeoutMs: 300,
      retry: { backoffMs: 1 },
    });
    const refused = await signIn(`${PASSWORD}-wrong`).catch((e) => e);
    expect(refused).toBeInstanceOf(DcsAuthError);
    shown.push(everythingAbout(refused));
    await signIn(PASSWORD);
    for (const m of ["echo-cookie", "html-500", "drop", "stall", "not-json"] as const) {
      mode = m;
      const error = await call().catch((e) => e);
      expect(error, m).toBeInstanceOf(DcsError);
      shown.push(everythingAbout(error));
    }
    shown.push(inspect(client, { depth: 10 }), JSON.stringify(client), String(client));
    const all = [...shown, ...lines].join("\n");
    expect(all).not.toContain(`${PASSWORD}-wrong`);
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(COOKIE);
    expect(seenCookies.at(-1)).toContain(COOKIE); // the cookie was really in play
  });

  it("does not carry the cookie on a redirect to another origin, but does on its own", async () => {
    const { signIn, call } = make({});
    await signIn(PASSWORD);
    mode = "same-site";
    seenCookies.length = 0;
    await call();
    expect(seenCookies).toEqual([expect.stringContaining(COOKIE), expect.stringContaining(COOKIE)]);
    mode = "offsite";
    seenElsewhere.length = 0;
    await call();
    expect(seenElsewhere).toEqual([undefined]);
  });
});

describe("secrets in use are blanked out of every error", () => {
  const SECRET = 's3cr3t-"quoted"-value';
  const shown = () => {
    const error = new DcsValidationError(`m ${SECRET}`, [{ path: ["x"], message: SECRET }], {
      details: `d ${SECRET}`,
      body: { nested: [{ echo: SECRET }] },
      cause: new Error(`c ${SECRET}`),
    });
    return [everythingAbout(error), JSON.stringify(error.issues)].join("\n");
  };

  it("while kept (counted), in message, details, body, issues and cause; not after", () => {
    const forgetA = keepSecret(SECRET);
    const forgetB = keepSecret(SECRET);
    expect(shown()).not.toContain(SECRET);
    expect(shown()).not.toContain(JSON.stringify(SECRET).slice(1, -1)); // nor JSON-escaped
    expect(shown()).toContain("[redacted]");
    forgetA();
    forgetA(); // twice is harmless
    expect(shown()).not.toContain(SECRET);
    forgetB();
    expect(shown()).toContain(SECRET);
  });

  it("a session cookie is a secret from Set-Cookie until clear(), or until its jar is collected", async () => {
    const { SessionCookie } = await import("../../src/transport/cookie.js");
    const { setFlagsFromString } = await import("node:v8");
    const { runInNewContext } = await import("node:vm");
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    const visible = (value: string) => new DcsError(`x ${value}`).message.includes(value);
    const take = (jar: InstanceType<typeof SessionCookie>, value: string) =>
      jar.update(
        new Headers({ "set-cookie": `COHERENT-DCS-API=${value}; Path=/` }),
        "https://dcs.test/DCSWebApi/x",
      );
    const jar = new SessionCookie("COHERENT-DCS-API", "https://dcs.test");
    take(jar, "ck-one-111");
    expect(visible("ck-one-111")).toBe(false);
    take(jar, "ck-two-222"); // replaced: the old value is no longer in use
    expect(visible("ck-one-111")).toBe(true);
    expect(visible("ck-two-222")).toBe(false);
    jar.clear();
    expect(visible("ck-two-222")).toBe(true);
    (() => take(new SessionCookie("COHERENT-DCS-API", "https://dcs.test"), "ck-lost-333"))();
    expect(visible("ck-lost-333")).toBe(false);
    for (let i = 0; i < 50 && !visible("ck-lost-333"); i++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(visible("ck-lost-333")).toBe(true);
  });
});

describe("the CLI never prints a secret", () => {
  function run(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [CLI_BUNDLE, ...args], {
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      out += d;
    });
    child.stdin.end("");
    return new Promise<string>((resolve) => child.on("close", () => resolve(out)));
  }

  it("with --verbose, through refusals, echoed cookies and broken bodies", async () => {
    const outputs: string[] = [];
    const env = { DCS_URL: `${hostile.url}/DCSWebApi`, DCS_USERNAME: "user" };
    outputs.push(await run(["meters", "--verbose"], { ...env, DCS_PASSWORD: `${PASSWORD}-no` }));
    for (const m of ["ok", "echo-cookie", "html-500", "drop", "not-json"] as const) {
      mode = m;
      outputs.push(await run(["meters", "--verbose"], { ...env, DCS_PASSWORD: PASSWORD }));
    }
    const all = outputs.join("\n");
    expect(all).toMatch(/401/); // the runs really failed in the ways intended
    expect(all).toContain("GET /DCSWebApi/meters 200");
    expect(all).not.toContain(PASSWORD);
    expect(all).not.toContain(COOKIE);
  });
});

describe("credentials over plain http", () => {
  const forbidden = async () => {
    throw new Error("no request may be sent");
  };
  it.each([
    "http://dcs.example.org",
    "http://10.0.0.5",
    "http://127.0.0.1.example.org",
    "http://localhost.example.org",
    "http://[::ffff:127.0.0.1]",
    "http://0.0.0.0",
  ])("are refused for %s before any request", async (origin) => {
    const fetch = vi.fn(forbidden);
    const web = new DcsWebApi(`${origin}/DCSWebApi`, { fetch });
    const legacy = new DcsSession(`${origin}/DCS`, { fetch });
    for (const attempt of [web.signIn("user", PASSWORD), legacy.login("user", PASSWORD)]) {
      const error = await attempt.catch((e) => e);
      expect(error).toBeInstanceOf(DcsArgumentError);
      expect(error.message).toMatch(/plain http/);
      expect(everythingAbout(error)).not.toContain(PASSWORD);
    }
    expect(fetch).not.toHaveBeenCalled();
  });

  it("are allowed to loopback hosts and over https", async () => {
    const fetch = vi.fn(forbidden);
    for (const url of ["http://127.0.0.1:1", "http://localhost:1", "https://dcs.example.org"]) {
      await new DcsWebApi(`${url}/DCSWebApi`, { fetch, retry: false })
        .signIn("user", PASSWORD)
        .catch(() => {});
    }
    expect(fetch).toHaveBeenCalledTimes(3);
  });
});

describe("ids and query values are checked before any request", () => {
  const fetch = vi.fn(async () => {
    throw new Error("no request may be sent");
  });
  const web = new DcsWebApi("https://dcs.example.org/DCSWebApi", { fetch });
  const legacy = new DcsSession("https://dcs.example.org/DCS", { fetch });
  const day = { startTime: "2024-01-01", endTime: "2024-01-02" };

  it.each([
    "R1/../x?y=z",
    "R1?x=1",
    "R1#frag",
    "R1%2F..",
    "R1&id=R2",
    " R1",
    "R1\n",
    "R-1",
    "R1.5",
    "R99999999999",
    "VM1/../../admin",
    "",
  ])("DcsWebApi.readings refuses the id %j", async (id) => {
    await expect(web.readings(id, day)).rejects.toBeInstanceOf(DcsArgumentError);
    await expect(web.largeReadings(id, { ...day, maxWindowDays: 1 })).rejects.toBeInstanceOf(
      DcsArgumentError,
    );
  });

  it.each([
    ["periodType", { ...day, periodType: "halfHour&x=y" }],
    ["format", { ...day, format: "standard&x=y" }],
    ["startTime", { startTime: "2024-01-01&x=y", endTime: "2024-01-02" }],
    ["calibrated", { ...day, calibrated: "true&x=y" }],
  ])("DcsWebApi.readings refuses a query value smuggled into %s", async (_, options) => {
    await expect(web.readings("R1", options as never)).rejects.toBeInstanceOf(DcsArgumentError);
  });

  it.each(["1/../x?y=z", -1, 1.5, Number.NaN, 2 ** 32, "733"])(
    "DcsSession refuses the id %j for meters, virtual meters, readings and devices",
    async (id) => {
      const bad = id as number;
      await expect(legacy.getMeters(bad)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.getVms(bad)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(
        legacy.getReadings(bad, false, { start: "2024-01-01", end: "2024-01-02" }),
      ).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.getModbusDevice(bad)).rejects.toBeInstanceOf(DcsArgumentError);
    },
  );

  it.each(["00:11:22:33:44:55/../x", "00:11:22:33:44:55?x=1", "zz:11:22:33:44:55", -1])(
    "DcsSession refuses the MAC address %j",
    async (mac) => {
      await expect(legacy.getIdcs(mac as string)).rejects.toBeInstanceOf(DcsArgumentError);
      await expect(legacy.getIdcSettings(mac as string)).rejects.toBeInstanceOf(DcsArgumentError);
    },
  );

  it("DcsSession refuses query values outside their sets", async () => {
    for (const options of [
      { start: "2024-01-01", end: "2024-01-02", integrationPeriod: "day&x=y" },
      { start: "2024-01-01", end: "2024-01-02", source: "automatic&x=y" },
      { start: "2024-01-01&x=y", end: "2024-01-02" },
    ]) {
      await expect(legacy.getReadings(1, false, options as never)).rejects.toBeInstanceOf(
        DcsArgumentError,
      );
    }
  });

  afterAll(() => {
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("the simulator compares passwords in constant time", () => {
  it("compares SHA-256 digests, so both sides always have the same length", async () => {
    const digest = vi.spyOn(crypto.subtle, "digest");
    try {
      expect(await passwordsMatch("password", "password")).toBe(true);
      expect(await passwordsMatch("passwore", "password")).toBe(false);
      expect(await passwordsMatch("a-much-longer-guess-than-the-password", "password")).toBe(false);
      expect(await passwordsMatch("", "password")).toBe(false);
      expect(digest).toHaveBeenCalledTimes(8);
      for (const [algorithm] of digest.mock.calls) expect(algorithm).toBe("SHA-256");
    } finally {
      digest.mockRestore();
    }
  });

  it("constantTimeEqual is a full-length XOR fold: no early exit, refuses unequal lengths", () => {
    const a = new Uint8Array(32).fill(7);
    const first = a.slice();
    first[0] = 8;
    const last = a.slice();
    last[31] = 8;
    expect(constantTimeEqual(a, a.slice())).toBe(true);
    expect(constantTimeEqual(a, first)).toBe(false);
    expect(constantTimeEqual(a, last)).toBe(false);
    expect(constantTimeEqual(a, a.subarray(0, 31))).toBe(false);
    // Every byte is read whichever differs: count reads through a proxy.
    const reads = (other: Uint8Array) => {
      let n = 0;
      const counted = new Proxy(other, {
        get(target, key) {
          if (typeof key === "string" && /^\d+$/.test(key)) n++;
          const value = Reflect.get(target, key);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
      constantTimeEqual(a, counted);
      return n;
    };
    expect(reads(first)).toBe(32);
    expect(reads(last)).toBe(32);
  });

  it("sign-in goes through the digest comparison, for unknown users too", async () => {
    const sim = createDcsSimulator();
    const digest = vi.spyOn(crypto.subtle, "digest");
    try {
      const signIn = (username: string, password: string) =>
        sim.fetch(
          new Request("http://dcs.test/DCSWebApi/authentication/signin", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ username, password }),
          }),
        );
      expect((await signIn("user", "password")).status).toBe(200);
      expect((await signIn("user", "wrong")).status).toBe(401);
      expect((await signIn("nobody", "password")).status).toBe(401);
      expect(digest).toHaveBeenCalledTimes(6);
    } finally {
      digest.mockRestore();
    }
  });
});
