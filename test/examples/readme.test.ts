/**
 * The README as a user reads it: the Quick start runs as written on this Node (20+, no
 * TypeScript), against the simulator; the ids the examples use exist in the simulator; and
 * every text names the environment variables the way the `dcs` command reads them.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningDcsSimulator, startDcsSimulator } from "../../src/simulator/index.js";

const readme = readFileSync("README.md", "utf8");
let server: RunningDcsSimulator;

beforeAll(async () => {
  server = await startDcsSimulator({ port: 0 });
});
afterAll(() => server?.close());

/** The text of the README section under `## heading`, up to the next `## `. */
function section(heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThan(0);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

const codeBlocks = (text: string) =>
  [...text.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], code: m[2]! }));

describe("README", () => {
  it("Quick start: the JavaScript runs as written on this Node, against the simulator", async () => {
    const script = codeBlocks(section("Quick start")).find((b) => b.lang === "js");
    expect(script, "a ```js block in the Quick start").toBeDefined();
    // Inside the package folder, `import "coherent-dcs"` resolves to the build, as for a user.
    mkdirSync(".tmp", { recursive: true });
    const file = join(".tmp", "readme-quick-start.mjs");
    writeFileSync(file, script!.code);
    const result = await new Promise<{ code: number; stdout: string; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [file],
        {
          env: {
            PATH: process.env.PATH,
            DCS_URL: server.webApiUrl,
            DCS_USERNAME: "user",
            DCS_PASSWORD: "password",
          },
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      ),
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout.match(/^2024-01-01T\d\d:\d\d:00\.000Z /gm)).toHaveLength(48);
  });

  it("the ids in the Quick start, the dcs command and the Examples exist in the simulator", () => {
    const estate = server.simulator.estate;
    const known = new Set([
      ...estate.meters.flatMap((m) => m.registers.map((r) => `R${r.id}`)),
      ...estate.virtualMeters.map((v) => `VM${v.id}`),
    ]);
    const text = ["Quick start", "The `dcs` command", "Examples"]
      .map(section)
      .join("\n")
      .replace(/(expression|alias): "[^"]*"/g, ""); // a virtual meter's aliases are not ids
    const used = [...new Set(text.match(/\b(R|VM)\d+\b/g))];
    expect(used.length).toBeGreaterThanOrEqual(2);
    expect(used.filter((id) => !known.has(id))).toEqual([]);
  });

  it("names the variables as the dcs command reads them: DCS_USERNAME, never DCS_USER", () => {
    const files = [
      "README.md",
      ...["examples/node", "examples/deno"].flatMap((dir) =>
        readdirSync(dir).map((name) => join(dir, name)),
      ),
    ];
    for (const file of files) expect(readFileSync(file, "utf8"), file).not.toMatch(/\bDCS_USER\b/);
  });
});
