import { defineConfig } from "vitest/config";
import LongFilesFirst from "./test/sequencer.js";

/**
 * Tests that use a build run in projects of their own, whose global setup makes that build.
 * Vitest runs a project's global setup only when the run has a test of that project, so a run
 * of unit tests (`npx vitest run test/core`) waits for no build.
 */
/** Tests of the built package, as users get it (`dist/`): test/package/build-dist.ts. */
const USES_DIST = ["test/package/**/*.test.ts", "test/examples/**/*.test.ts"];
/** Tests that spawn the `dcs` command (they import `CLI_BUNDLE`): test/cli/build-cli.ts. */
const USES_CLI = [
  "test/cli/cli.test.ts",
  "test/cli/sync.test.ts",
  "test/cli/dcs-layouts.test.ts",
  "test/cli/groups.test.ts",
  "test/cli/import.test.ts",
  "test/reliability/security.test.ts",
  "test/browser/dashboard.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // Vitest's default on 2 cores is one worker, yet many tests wait (on timeouts, stalls and
    // backoffs of the fault matrix, on child processes, on Chromium): on the 2-core machine
    // two workers kept the cores 67% busy and took 88 s, three 78 s, four 72 s (80-87% busy).
    maxWorkers: 4,
    sequence: { sequencer: LongFilesFirst },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...USES_DIST, ...USES_CLI],
          // The unit files share a worker's modules rather than each importing src/ (and zod,
          // and the simulator) again in a fresh one: that import was about a third of their
          // time. They leave no state behind them: every test that swaps the platform's fetch
          // or a global puts it back, and the command line, which imports src/node.ts (and so
          // switches to node:http), runs through test/cli/run-dcs.ts, which switches back.
          isolate: false,
          typecheck: {
            enabled: true,
            include: ["test/**/*.test-d.ts"],
            tsconfig: "./test/tsconfig.type-tests.json",
          },
        },
      },
      {
        extends: true,
        test: { name: "dist", include: USES_DIST, globalSetup: ["test/package/build-dist.ts"] },
      },
      {
        extends: true,
        test: { name: "cli", include: USES_CLI, globalSetup: ["test/cli/build-cli.ts"] },
      },
    ],
  },
});
