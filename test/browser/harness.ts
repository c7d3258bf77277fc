/**
 * Shared pieces of the real-browser tests: Debian's Chromium driven by playwright-core (which
 * never downloads a browser of its own), a tiny static server on a loopback origin, and the
 * SDK bundled for the browser.
 */
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium, type Page } from "playwright-core";
import type { RunningDcsSimulator } from "../../src/simulator/index.js";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

/** The Chromium binary: `CHROMIUM_PATH`, else Debian's. Missing is a failure, not a skip. */
export function chromiumPath(): string {
  const path = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}; the browser tests need it: install Debian's chromium: apt-get install -y chromium, or set CHROMIUM_PATH`,
    );
  }
  return path;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** What went wrong inside a page: console errors and uncaught exceptions. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

export interface StaticServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
};

/**
 * Serves files on 127.0.0.1 at an ephemeral port: from memory (`path → content`) or from a
 * folder. Anything else is a 404.
 */
export async function serveStatic(files: Map<string, string> | string): Promise<StaticServer> {
  const server = createServer(async (req, res) => {
    let path = new URL(req.url ?? "/", "http://x").pathname;
    if (path.endsWith("/")) path += "index.html";
    let body: string | Buffer | undefined;
    if (typeof files === "string") {
      const file = normalize(join(files, path));
      if (file.startsWith(normalize(files) + sep))
        body = await readFile(file).catch(() => undefined);
    } else {
      body = files.get(path);
    }
    if (body === undefined) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    res.writeHead(200, {
      "content-type": TYPES[extname(path)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The SDK's main entry bundled for browsers, as a bundler would for a dashboard. Built from
 * src/ so the test never runs a stale dist/; `platform: "browser"` fails the build should the
 * entry ever import a Node built-in.
 */
export async function bundleSdkForBrowser(): Promise<string> {
  const result = await build({
    entryPoints: ["src/index.ts"],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "error",
  });
  return result.outputFiles[0]!.text;
}

/** A cumulative kWh register and a virtual meter of the simulator's estate, as readings ids. */
export function sampleSources(server: RunningDcsSimulator): {
  register: string;
  virtualMeter: string;
} {
  const estate = server.simulator.estate;
  const cumulative = estate.meters
    .flatMap((m) => m.registers)
    .find((r) => !r.isInstantaneous && r.unit === "kWh");
  return { register: `R${cumulative!.id}`, virtualMeter: `VM${estate.virtualMeters[0]!.id}` };
}
