import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileExpression, ExpressionError } from "../../src/simulator/readings/expression.js";

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

  it("evaluates the vendor's examples: the ternary operator, comparisons, && and ||", () => {
    const e = (text: string, x: number) => run(text, ["ELECT1"], [x]);
    expect(run("(ELECT1+ELECT2)*1.5", ["ELECT1", "ELECT2"], [1, 3])).toBe(6);
    expect(run("(A*B+C*D)/100", ["A", "B", "C", "D"], [10, 20, 30, 40])).toBe(14);
    expect(e("ELECT1 >= 0 ? ELECT1 : 0", 5)).toBe(5);
    expect(e("ELECT1 >= 0 ? ELECT1 : 0", -5)).toBe(0);
    expect(e("(ELECT1 < 1000 || ELECT1 > 3000) ? 0 : 1000", 999)).toBe(0);
    expect(e("(ELECT1 < 1000 || ELECT1 > 3000) ? 0 : 1000", 1000)).toBe(1000);
    expect(e("(ELECT1 < 1000 || ELECT1 > 3000) ? 0 : 1000", 3001)).toBe(0);
    expect(e("ELECT1 >= 0 ? ELECT1 : -ELECT1", -2.5)).toBe(2.5);
    expect(e("ELECT1 == 0 ? 1 : 2", 0)).toBe(1);
    expect(e("ELECT1 <= 0 && ELECT1 > -1 ? 1 : 2", -0.5)).toBe(1);
  });

  it("binds && tighter than ||, comparisons tighter than both, the ternary loosest", () => {
    const abc = (text: string, v: number[]) => run(text, ["A", "B", "C"], v);
    expect(abc("A > 0 || B > 0 && C > 0 ? 1 : 0", [1, 0, 0])).toBe(1);
    expect(abc("A > 0 && B > 0 || C > 0 ? 1 : 0", [0, 0, 1])).toBe(1);
    expect(abc("A + 1 > B * 2 ? A : B", [4, 2, 0])).toBe(4);
    expect(abc("A > 0 ? 1 : 2 + 3", [0, 0, 0])).toBe(5);
    expect(abc("A > 0 ? 1 : B > 0 ? 2 : 3", [0, 1, 0])).toBe(2);
    expect(abc("A > 0 ? B > 0 ? 1 : 2 : 3", [1, 0, 0])).toBe(2);
    expect(abc("(A > 0 ? 10 : 20) * 2", [1, 0, 0])).toBe(20);
  });

  it("compares NaN as IEEE does: every comparison with it is false", () => {
    expect(run("A >= 0 ? A : 0", ["A"], [Number.NaN])).toBe(0);
    expect(run("A < 0 || A == A ? 1 : 2", ["A"], [Number.NaN])).toBe(2);
  });

  it.each([
    ["R1 > 0", /a value is needed, not a condition/],
    ["(R1 > 0) + 1", /a value is needed, not a condition/],
    ["R1 ? 1 : 2", /a condition is needed, not a value/],
    ["R1 > 0 ? R1 > 1 : 0", /a value is needed, not a condition/],
    ["R1 && R1 > 0 ? 1 : 0", /a condition is needed, not a value/],
    ["1 < R1 < 3 ? 1 : 0", /a value is needed, not a condition/],
    ["R1 > 0 == R1 > 1 ? 1 : 0", /a value is needed, not a condition/],
    ["R1 > 0 ? 1", /Expected ":"/],
    ["R1 != 0 ? 1 : 0", /Unexpected "!"/],
    ["R1 = 0 ? 1 : 0", /Unexpected "="/],
    ["R1 & R1", /Unexpected "&"/],
    ["abs(R1)", /no functions/],
  ])("rejects %j", (text, message) => {
    expect(() => compileExpression(text, ["R1"])).toThrow(ExpressionError);
    expect(() => compileExpression(text, ["R1"])).toThrow(message);
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

  // Trees with the whole grammar, printed with as few parentheses as precedence allows: the
  // parser must read the text back as the same tree.
  type Num =
    | { op: "num"; value: number }
    | { op: "alias"; index: number }
    | { op: "neg"; a: Num }
    | { op: "+" | "-" | "*" | "/"; a: Num; b: Num }
    | { op: "?"; c: Cond; a: Num; b: Num };
  type Cond =
    | { op: "==" | "<" | "<=" | ">" | ">="; a: Num; b: Num }
    | { op: "&&" | "||"; a: Cond; b: Cond };
  const arithmetic = ["+", "-", "*", "/"] as const;
  const comparisons = ["==", "<", "<=", ">", ">="] as const;
  const full = fc.letrec<{ num: Num; cond: Cond }>((tie) => ({
    num: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.integer({ min: 0, max: 40 }).map((value) => ({ op: "num" as const, value: value / 4 })),
      fc.integer({ min: 0, max: 2 }).map((index) => ({ op: "alias" as const, index })),
      tie("num").map((a) => ({ op: "neg" as const, a: a as Num })),
      fc
        .record({ op: fc.constantFrom(...arithmetic), a: tie("num"), b: tie("num") })
        .map((t) => t as Num),
      fc
        .record({ op: fc.constant("?" as const), c: tie("cond"), a: tie("num"), b: tie("num") })
        .map((t) => t as Num),
    ),
    cond: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc
        .record({ op: fc.constantFrom(...comparisons), a: tie("num"), b: tie("num") })
        .map((t) => t as Cond),
      fc
        .record({
          op: fc.constantFrom("&&" as const, "||" as const),
          a: tie("cond"),
          b: tie("cond"),
        })
        .map((t) => t as Cond),
    ),
  }));
  const PRECEDENCE: Record<string, number> = {
    "?": 1,
    "||": 2,
    "&&": 3,
    "==": 4,
    "<": 5,
    "<=": 5,
    ">": 5,
    ">=": 5,
    "+": 6,
    "-": 6,
    "*": 7,
    "/": 7,
    neg: 8,
    num: 9,
    alias: 9,
  };
  const printMinimal = (t: Num | Cond, min = 0): string => {
    const p = PRECEDENCE[t.op] as number;
    let text: string;
    switch (t.op) {
      case "num":
        text = String(t.value);
        break;
      case "alias":
        text = `A${t.index}`;
        break;
      case "neg":
        text = `-${printMinimal(t.a, p)}`;
        break;
      case "?":
        text = `${printMinimal(t.c, p + 1)} ? ${printMinimal(t.a, p)} : ${printMinimal(t.b, p)}`;
        break;
      case "==":
      case "<":
      case "<=":
      case ">":
      case ">=":
        text = `${printMinimal(t.a, p + 1)} ${t.op} ${printMinimal(t.b, p + 1)}`;
        break;
      default: // left-associative
        text = `${printMinimal(t.a, p)} ${t.op} ${printMinimal(t.b, p + 1)}`;
    }
    return p < min ? `(${text})` : text;
  };
  const numberOf = (t: Num, v: number[]): number => {
    switch (t.op) {
      case "num":
        return t.value;
      case "alias":
        return v[t.index] as number;
      case "neg":
        return -numberOf(t.a, v);
      case "?":
        return truthOf(t.c, v) ? numberOf(t.a, v) : numberOf(t.b, v);
      case "+":
        return numberOf(t.a, v) + numberOf(t.b, v);
      case "-":
        return numberOf(t.a, v) - numberOf(t.b, v);
      case "*":
        return numberOf(t.a, v) * numberOf(t.b, v);
      case "/":
        return numberOf(t.a, v) / numberOf(t.b, v);
    }
  };
  const truthOf = (t: Cond, v: number[]): boolean => {
    switch (t.op) {
      case "&&":
        return truthOf(t.a, v) && truthOf(t.b, v);
      case "||":
        return truthOf(t.a, v) || truthOf(t.b, v);
      case "==":
        return numberOf(t.a, v) === numberOf(t.b, v);
      case "<":
        return numberOf(t.a, v) < numberOf(t.b, v);
      case "<=":
        return numberOf(t.a, v) <= numberOf(t.b, v);
      case ">":
        return numberOf(t.a, v) > numberOf(t.b, v);
      case ">=":
        return numberOf(t.a, v) >= numberOf(t.b, v);
    }
  };

  it("reads any tree of the whole grammar, printed with the fewest parentheses, as that tree", () => {
    fc.assert(
      fc.property(
        full.num,
        // Small values, so that comparisons go both ways and == is sometimes true.
        fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 3, maxLength: 3 }),
        (t, v) => {
          const text = printMinimal(t);
          expect(Object.is(run(text, ["A0", "A1", "A2"], v), numberOf(t, v)), text).toBe(true);
        },
      ),
      { numRuns: 500, seed: 20240601 },
    );
  });

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
