/**
 * Virtual meter expressions, in the language the DCS User Guide documents for them (section
 * "Adding a Virtual Meter", Expressions): numbers, register aliases, + - * /, unary minus and
 * parentheses, and the ternary `CONDITION ? VALUE : VALUE`, whose condition compares values
 * with == < <= > >= and joins comparisons with && and ||. Nothing else: the guide documents no
 * functions and no `!=`. Parsed once into a tree of closures; never `eval`.
 *
 * Precedence, loosest first: `?:` (right to left), `||`, `&&`, `==`, `< <= > >=`, `+ -`,
 * `* /`, unary `- +`. Conditions and values are kept apart, as in the guide: a condition is
 * only allowed before `?` (or inside another condition), and a whole expression is a value.
 * Arithmetic is IEEE double: x/0 is ±Infinity, 0/0 NaN, and every comparison with NaN false.
 */

/** Evaluates a compiled expression for the aliases' values, given in alias order. */
export type CompiledExpression = (values: ArrayLike<number>) => number;

export class ExpressionError extends Error {
  override name = "ExpressionError";
}

type Token =
  | { kind: "number"; value: number; at: number }
  | { kind: "name"; value: string; at: number }
  | { kind: "op"; value: string; at: number }
  | { kind: "end"; at: number };

/** A parsed part: a value, or a condition (allowed only where a condition belongs). */
type Part =
  | { kind: "value"; run: CompiledExpression }
  | { kind: "condition"; run: (values: ArrayLike<number>) => boolean };

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Longest first, so that `>=` is not read as `>` then `=`. */
const OPERATORS = ["==", "<=", ">=", "&&", "||", "+", "-", "*", "/", "(", ")", "?", ":", "<", ">"];

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const number = NUMBER.exec(rest);
    if (number) {
      tokens.push({ kind: "number", value: Number(number[0]), at: i });
      i += number[0].length;
      continue;
    }
    const name = NAME.exec(rest);
    if (name) {
      tokens.push({ kind: "name", value: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => rest.startsWith(o));
    if (op) {
      tokens.push({ kind: "op", value: op, at: i });
      i += op.length;
      continue;
    }
    throw new ExpressionError(`Unexpected "${ch}" at position ${i + 1} of "${text}"`);
  }
  tokens.push({ kind: "end", at: text.length });
  return tokens;
}

type Arithmetic = (a: number, b: number) => number;
type Comparison = (a: number, b: number) => boolean;

const ARITHMETIC: Record<string, Arithmetic> = {
  "+": (a, b) => a + b,
  "-": (a, b) => a - b,
  "*": (a, b) => a * b,
  "/": (a, b) => a / b,
};
const COMPARISON: Record<string, Comparison> = {
  "==": (a, b) => a === b,
  "<": (a, b) => a < b,
  "<=": (a, b) => a <= b,
  ">": (a, b) => a > b,
  ">=": (a, b) => a >= b,
};

/**
 * Compiles `text` for the given aliases (matched exactly, then ignoring case). Throws
 * {@link ExpressionError} on a syntax error, an unknown alias, or a condition where a value
 * belongs (or the other way round).
 */
export function compileExpression(text: string, aliases: readonly string[]): CompiledExpression {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const isOp = (...values: string[]) => {
    const t = peek();
    return t.kind === "op" && values.includes(t.value);
  };
  /** Consumes and returns the current operator token. */
  const takeOp = () => tokens[pos++] as { value: string; at: number };
  const fail = (message: string, at = peek().at): never => {
    throw new ExpressionError(`${message} at position ${at + 1} of "${text}"`);
  };
  const value = (part: Part, at: number): CompiledExpression =>
    part.kind === "value" ? part.run : fail("Here a value is needed, not a condition,", at);
  const condition = (part: Part, at: number) =>
    part.kind === "condition" ? part.run : fail("Here a condition is needed, not a value,", at);

  const aliasIndex = (name: string): number => {
    const exact = aliases.indexOf(name);
    if (exact >= 0) return exact;
    const folded = aliases.findIndex((a) => a.toLowerCase() === name.toLowerCase());
    if (folded >= 0) return folded;
    throw new ExpressionError(`Unknown alias "${name}" in "${text}"`);
  };

  // conditional := or ("?" conditional ":" conditional)?
  const conditional = (): Part => {
    const at = peek().at;
    const test = or();
    if (!isOp("?")) return test;
    const c = condition(test, at);
    pos++;
    const yesAt = peek().at;
    const yes = value(conditional(), yesAt);
    if (!isOp(":")) fail('Expected ":"');
    pos++;
    const noAt = peek().at;
    const no = value(conditional(), noAt);
    return { kind: "value", run: (v) => (c(v) ? yes(v) : no(v)) };
  };
  // or := and ("||" and)*;  and := equality ("&&" equality)*
  const logical = (op: "||" | "&&", next: () => Part) => (): Part => {
    const at = peek().at;
    let left = next();
    while (isOp(op)) {
      const a = condition(left, at);
      const opAt = takeOp().at;
      const b = condition(next(), opAt + op.length);
      left = {
        kind: "condition",
        run: op === "||" ? (v) => a(v) || b(v) : (v) => a(v) && b(v),
      };
    }
    return left;
  };
  // equality := relational ("==" relational)*;  relational := additive (("<" | ...) additive)*
  const comparing = (ops: string[], next: () => Part) => (): Part => {
    const at = peek().at;
    let left = next();
    while (isOp(...ops)) {
      const a = value(left, at);
      const op = takeOp();
      const b = value(next(), op.at + op.value.length);
      const compare = COMPARISON[op.value] as Comparison;
      left = { kind: "condition", run: (v) => compare(a(v), b(v)) };
    }
    return left;
  };
  // additive := term (("+" | "-") term)*;  term := unary (("*" | "/") unary)*
  const arithmetic = (ops: string[], next: () => Part) => (): Part => {
    const at = peek().at;
    let left = next();
    while (isOp(...ops)) {
      const a = value(left, at);
      const op = takeOp();
      const b = value(next(), op.at + op.value.length);
      const apply = ARITHMETIC[op.value] as Arithmetic;
      left = { kind: "value", run: (v) => apply(a(v), b(v)) };
    }
    return left;
  };
  // unary := ("-" | "+") unary | primary
  const unary = (): Part => {
    if (isOp("-", "+")) {
      const op = takeOp();
      const a = value(unary(), op.at + 1);
      return op.value === "-" ? { kind: "value", run: (v) => -a(v) } : { kind: "value", run: a };
    }
    return primary();
  };
  // primary := number | alias | "(" conditional ")"
  const primary = (): Part => {
    const t = peek();
    if (t.kind === "number") {
      pos++;
      const constant = t.value;
      return { kind: "value", run: () => constant };
    }
    if (t.kind === "name") {
      pos++;
      if (isOp("(")) fail(`"${t.value}(": virtual meter expressions have no functions`, t.at);
      const index = aliasIndex(t.value);
      return { kind: "value", run: (v) => v[index] as number };
    }
    if (isOp("(")) {
      pos++;
      const inner = conditional();
      if (!isOp(")")) fail('Expected ")"');
      pos++;
      return inner;
    }
    return fail(t.kind === "end" ? "Unexpected end" : "Unexpected token");
  };

  const term = arithmetic(["*", "/"], unary);
  const additive = arithmetic(["+", "-"], term);
  const relational = comparing(["<", "<=", ">", ">="], additive);
  const equality = comparing(["=="], relational);
  const and = logical("&&", equality);
  const or = logical("||", and);

  const whole = conditional();
  if (peek().kind !== "end") fail("Unexpected token");
  return value(whole, 0);
}
