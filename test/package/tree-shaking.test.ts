/**
 * What a browser app pays for: bundling `DcsWebApi` from the built package (dist/, as users get
 * it) must leave out the legacy `DcsSession`, the simulator and anything from Node. Since
 * dist/index.js is one file, this checks the bundler's output text for strings that only the
 * left-out code contains, with a control bundle proving those strings are detectable.
 */
import { resolve } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const DIST = resolve("dist/index.js");
const BROWSER_ENTRY = resolve("test/package/fixtures/browser-entry.js");

/** String literals only the legacy v3 client (src/v3/session.ts) contains. */
const LEGACY_MARKERS = ["/api/registerReadings/list", "/api/account/login", "/api/ModbusDevices"];
/** String literals only the simulator contains (its estate names and its socket server). */
const SIMULATOR_MARKERS = ["Halls of Residence", "Active Energy (import)", "node:http"];

/** Bundles `entry` (a file path, or `{ source }` code) the way a browser app's bundler would. */
async function bundle(
  entry: string | { source: string },
): Promise<{ text: string; metafile: Metafile }> {
  const result = await build({
    ...(typeof entry === "string"
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.source, resolveDir: process.cwd(), loader: "js" as const } }),
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    metafile: true,
    write: false,
    logLevel: "silent",
  });
  return { text: result.outputFiles[0]!.text, metafile: result.metafile };
}

describe("tree shaking of the browser entry (dist/index.js)", () => {
  it("a DcsWebApi bundle holds no legacy client, no simulator and nothing from node:", async () => {
    const { text, metafile } = await bundle(BROWSER_ENTRY);

    expect(text).toContain("/readings"); // the client itself is there
    for (const marker of [...LEGACY_MARKERS, ...SIMULATOR_MARKERS]) {
      expect(text, marker).not.toContain(marker);
    }
    expect(text).not.toMatch(/["'`]node:/);

    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((input) => input.endsWith("dist/index.js"))).toBe(true);
    expect(inputs.filter((input) => /^node:|simulator|dist\/chunk-/.test(input))).toEqual([]);
  });

  it("control: the same markers are found when DcsSession is used", async () => {
    const { text } = await bundle({
      source: `import { DcsSession } from ${JSON.stringify(DIST)}; console.log(new DcsSession("https://x/DCS"));`,
    });
    for (const marker of LEGACY_MARKERS) expect(text, marker).toContain(marker);
  });

  it("control: the simulator markers are found in the simulator's own bundle", async () => {
    const { text } = await bundle({
      source:
        `import { createDcsSimulator } from ${JSON.stringify(resolve("dist/simulator.js"))};` +
        ` console.log(createDcsSimulator());`,
    });
    for (const marker of SIMULATOR_MARKERS.filter((m) => !m.startsWith("node:"))) {
      expect(text, marker).toContain(marker);
    }
  });
});
