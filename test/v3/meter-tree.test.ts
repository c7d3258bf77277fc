/**
 * `metersFromGroup` on any tree: pythondcspro's `get_meters_from_group` without its shared
 * default list, and without a limit on depth.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DcsArgumentError, type MeterGroup, metersFromGroup } from "../../src/index.js";

let nextId = 1;
const meter = fc.integer({ min: 0, max: 999 }).map((n) => ({ id: nextId++, name: `M${n}` }));
const { group } = fc.letrec<{ group: MeterGroup }>((tie) => ({
  group: fc.record(
    {
      id: fc.nat(),
      name: fc.string(),
      hasMeters: fc.boolean(),
      meters: fc.array(meter, { maxLength: 4 }),
      meterGroups: fc.array(tie("group"), { maxLength: 3, depthIdentifier: "tree" }),
    },
    { requiredKeys: ["id", "name"] },
  ),
}));

/** The plain recursive reading of a tree: its meters, then each sub-group's. */
const reference = (g: MeterGroup): unknown[] => [
  ...(g.meters ?? []),
  ...(g.meterGroups ?? []).flatMap(reference),
];

describe("metersFromGroup", () => {
  it("gives every meter of the tree once, in tree order, and leaves the tree as it was", () => {
    fc.assert(
      fc.property(group, (tree) => {
        const before = structuredClone(tree);
        const meters = metersFromGroup(tree);
        expect(meters).toEqual(reference(tree));
        expect(metersFromGroup(tree)).toEqual(meters); // a new list each time, never shared
        expect(metersFromGroup(tree)).not.toBe(meters);
        expect(tree).toEqual(before);
      }),
      { numRuns: 300, seed: 18 },
    );
  });

  it("walks a tree deeper than the call stack", () => {
    let tree: MeterGroup = { id: 0, name: "leaf", meters: [{ id: 1, name: "deep" }] };
    for (let i = 0; i < 200_000; i++) tree = { id: i + 1, name: "g", meterGroups: [tree] };
    expect(metersFromGroup(tree)).toEqual([{ id: 1, name: "deep" }]);
  });

  it("refuses what is not a group", () => {
    for (const bad of [undefined, null, "root", 0]) {
      expect(() => metersFromGroup(bad as never)).toThrow(DcsArgumentError);
    }
  });
});
