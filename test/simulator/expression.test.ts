import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression, ExpressionError } from "../../src/simulator/expression.js";

const run = (text: string, aliases: string[] = [], values: number[] = []) =>
  compileExpression(text, aliases)(values);

describe("virtual meter expressions", () => {
  it("evaluates with the usual precedence and associativity", () => {
    expect(run("1+2*3")).toBe(7);
    expect(run("(1+2)*3")).toBe(9);
    expect(run("10-4-3")).toBe(3);
    expect(run("12/3/2")).toBe(2);
    expect(run("2*3-4/2+1")).toBe(5);
  });

  it("handles unary minus and plus, decimals and exponents", () => {
    expect(run("-3+5")).toBe(2);
    expect(run("--3")).toBe(3);
    expect(run("-(2+3)*2")).toBe(-10);
    expect(run("+4")).toBe(4);
    expect(run("0.5*.5")).toBe(0.25);
    expect(run("1e3+2.5E-1")).toBe(1000.25);
  });

  it("reads aliases by position, exactly or ignoring case", () => {
    expect(run("R1+R2", ["R1", "R2"], [1.5, 2])).toBe(3.5);
    expect(run("(R1-R2)*0.5", ["R1", "R2"], [10, 4])).toBe(3);
    expect(run("r1 * A_b", ["R1", "A_b"], [3, 4])).toBe(12);
    expect(run("(V1*1.02264*39.5)/3.6", ["V1"], [3.6])).toBeCloseTo(40.39428, 10);
  });

  it("follows IEEE arithmetic for division by zero and NaN", () => {
    expect(run("1/0")).toBe(Number.POSITIVE_INFINITY);
    expect(run("A/0", ["A"], [-1])).toBe(Number.NEGATIVE_INFINITY);
    expect(run("A+1", ["A"], [Number.NaN])).toBeNaN();
  });

  it.each([
    ["", /Unexpected end/],
    ["1+", /Unexpected end/],
    ["(1+2", /Expected "\)"/],
    ["1+2)", /Unexpected token/],
    ["1 2", /Unexpected token/],
    ["R1^2", /Unexpected "\^"/],
    ["X+1", /Unknown alias "X"/],
    ["constructor", /Unknown alias/],
    ["process.exit()", /Unexpected "\."/],
  ])("rejects %j", (text, message) => {
    expect(() => compileExpression(text, ["R1"])).toThrow(ExpressionError);
    expect(() => compileExpression(text, ["R1"])).toThrow(message);
  });

  // Random expression trees: the text we print must evaluate to the value we compute directly.
  type Tree =
    | { op: "num"; value: number }
    | { op: "alias"; index: number }
    | { op: "neg"; a: Tree }
    | { op: "+" | "-" | "*" | "/"; a: Tree; b: Tree };
  const tree: fc.Arbitrary<Tree> = fc.letrec<{ tree: Tree }>((tie) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.integer({ min: 0, max: 1000 }).map((value) => ({ op: "num" as const, value: value / 8 })),
      fc.integer({ min: 0, max: 2 }).map((index) => ({ op: "alias" as const, index })),
      tie("tree").map((a) => ({ op: "neg" as const, a })),
      fc.record({
        op: fc.constantFrom("+", "-", "*", "/") as fc.Arbitrary<"+" | "-" | "*" | "/">,
        a: tie("tree"),
        b: tie("tree"),
      }),
    ),
  })).tree;
  const print = (t: Tree): string => {
    switch (t.op) {
      case "num":
        return String(t.value);
      case "alias":
        return `A${t.index}`;
      case "neg":
        return `-(${print(t.a)})`;
      default:
        return `(${print(t.a)}${t.op}${print(t.b)})`;
    }
  };
  const value = (t: Tree, v: number[]): number => {
    switch (t.op) {
      case "num":
        return t.value;
      case "alias":
        return v[t.index] as number;
      case "neg":
        return -value(t.a, v);
      case "+":
        return value(t.a, v) + value(t.b, v);
      case "-":
        return value(t.a, v) - value(t.b, v);
      case "*":
        return value(t.a, v) * value(t.b, v);
      case "/":
        return value(t.a, v) / value(t.b, v);
    }
  };

  it("evaluates any printed expression tree to the tree's value", () => {
    fc.assert(
      fc.property(
        tree,
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (t, v) => {
          expect(Object.is(run(print(t), ["A0", "A1", "A2"], v), value(t, v))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});
