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

type RunOf<K extends Part["kind"]> = Extract<Part, { kind: K }>["run"];
/** What a binary operator makes of its operands. */
type Combine<K extends Part["kind"]> = (op: string, a: RunOf<K>, b: RunOf<K>) => Part;

const logical: Combine<"condition"> = (op, a, b) => ({
  kind: "condition",
  run: op === "||" ? (v) => a(v) || b(v) : (v) => a(v) && b(v),
});
const comparison: Combine<"value"> = (op, a, b) => {
  const compare = COMPARISON[op] as Comparison;
  return { kind: "condition", run: (v) => compare(a(v), b(v)) };
};
const arithmetic: Combine<"value"> = (op, a, b) => {
  const apply = ARITHMETIC[op] as Arithmetic;
  return { kind: "value", run: (v) => apply(a(v), b(v)) };
};

/** A recursive-descent parser, one method per precedence level, loosest first. */
class Parser {
  readonly #tokens: Token[];
  #pos = 0;

  constructor(
    readonly text: string,
    readonly aliases: readonly string[],
  ) {
    this.#tokens = tokenize(text);
  }

  parse(): CompiledExpression {
    const whole = this.#conditional();
    if (this.#peek().kind !== "end") this.#fail("Unexpected token");
    return this.#expect("value", whole, 0);
  }

  #peek(): Token {
    return this.#tokens[this.#pos] as Token;
  }

  #isOp(...values: readonly string[]): boolean {
    const t = this.#peek();
    return t.kind === "op" && values.includes(t.value);
  }

  /** Consumes and returns the current operator token. */
  #takeOp(): { value: string; at: number } {
    return this.#tokens[this.#pos++] as { value: string; at: number };
  }

  #fail(message: string, at = this.#peek().at): never {
    throw new ExpressionError(`${message} at position ${at + 1} of "${this.text}"`);
  }

  /** The part's evaluator, if it is of the kind this place needs. */
  #expect<K extends Part["kind"]>(kind: K, part: Part, at: number): RunOf<K> {
    if (part.kind === kind) return part.run as RunOf<K>;
    return this.#fail(
      kind === "value"
        ? "Here a value is needed, not a condition,"
        : "Here a condition is needed, not a value,",
      at,
    );
  }

  #aliasIndex(name: string): number {
    const exact = this.aliases.indexOf(name);
    if (exact >= 0) return exact;
    const folded = this.aliases.findIndex((a) => a.toLowerCase() === name.toLowerCase());
    if (folded >= 0) return folded;
    throw new ExpressionError(`Unknown alias "${name}" in "${this.text}"`);
  }

  // conditional := or ("?" conditional ":" conditional)?
  #conditional(): Part {
    const at = this.#peek().at;
    const test = this.#or();
    if (!this.#isOp("?")) return test;
    const c = this.#expect("condition", test, at);
    this.#pos++;
    const yesAt = this.#peek().at;
    const yes = this.#expect("value", this.#conditional(), yesAt);
    if (!this.#isOp(":")) this.#fail('Expected ":"');
    this.#pos++;
    const noAt = this.#peek().at;
    const no = this.#expect("value", this.#conditional(), noAt);
    return { kind: "value", run: (v) => (c(v) ? yes(v) : no(v)) };
  }

  /** One left-associative level: `next (op next)*`, each operand of the kind `operand`. */
  #binary<K extends Part["kind"]>(
    ops: readonly string[],
    operand: K,
    next: () => Part,
    combine: Combine<K>,
  ): Part {
    const at = this.#peek().at;
    let left = next();
    while (this.#isOp(...ops)) {
      const a = this.#expect(operand, left, at);
      const op = this.#takeOp();
      const b = this.#expect(operand, next(), op.at + op.value.length);
      left = combine(op.value, a, b);
    }
    return left;
  }

  // Arrow fields, so that each level can be handed to the one above it as its `next`.
  #or = (): Part => this.#binary(["||"], "condition", this.#and, logical);
  #and = (): Part => this.#binary(["&&"], "condition", this.#equality, logical);
  #equality = (): Part => this.#binary(["=="], "value", this.#relational, comparison);
  #relational = (): Part =>
    this.#binary(["<", "<=", ">", ">="], "value", this.#additive, comparison);
  #additive = (): Part => this.#binary(["+", "-"], "value", this.#term, arithmetic);
  #term = (): Part => this.#binary(["*", "/"], "value", this.#unary, arithmetic);

  // unary := ("-" | "+") unary | primary
  #unary = (): Part => {
    if (this.#isOp("-", "+")) {
      const op = this.#takeOp();
      const a = this.#expect("value", this.#unary(), op.at + 1);
      return op.value === "-" ? { kind: "value", run: (v) => -a(v) } : { kind: "value", run: a };
    }
    return this.#primary();
  };

  // primary := number | alias | "(" conditional ")"
  #primary(): Part {
    const t = this.#peek();
    if (t.kind === "number") {
      this.#pos++;
      const constant = t.value;
      return { kind: "value", run: () => constant };
    }
    if (t.kind === "name") {
      this.#pos++;
      if (this.#isOp("("))
        this.#fail(`"${t.value}(": virtual meter expressions have no functions`, t.at);
      const index = this.#aliasIndex(t.value);
      return { kind: "value", run: (v) => v[index] as number };
    }
    if (this.#isOp("(")) {
      this.#pos++;
      const inner = this.#conditional();
      if (!this.#isOp(")")) this.#fail('Expected ")"');
      this.#pos++;
      return inner;
    }
    return this.#fail(t.kind === "end" ? "Unexpected end" : "Unexpected token");
  }
}

/**
 * Compiles `text` for the given aliases (matched exactly, then ignoring case). Throws
 * {@link ExpressionError} on a syntax error, an unknown alias, or a condition where a value
 * belongs (or the other way round).
 */
export function compileExpression(text: string, aliases: readonly string[]): CompiledExpression {
  return new Parser(text, aliases).parse();
}
