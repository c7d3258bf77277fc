/**
 * The order test files start in. Vitest's own sequencer runs the projects one after another
 * (cli, dist, unit), longest first within each, so the longest unit file started some 40 s in
 * and made the run's tail. Here the known long files start first whatever their project, so
 * the two workers end together; every other file keeps Vitest's order.
 */
import { BaseSequencer, type TestSpecification } from "vitest/node";

/** Longest first: each takes 10-25 s, the next longest under 6 s. */
const LONG = [
  "test/cli/cli.test.ts",
  "test/reliability/fault-matrix.fetch.test.ts",
  "test/reliability/fault-matrix.node-http.test.ts",
  "test/browser/dashboard.test.ts",
  "test/cli/sync.test.ts",
];

export default class LongFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (file: TestSpecification) => {
      const index = LONG.findIndex((name) => file.moduleId.endsWith(`/${name}`));
      return index === -1 ? LONG.length : index;
    };
    return sorted
      .map((file, i) => ({ file, i }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.i - b.i)
      .map(({ file }) => file);
  }
}
