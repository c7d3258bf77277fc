/**
 * Virtual meter expressions such as `R1+R2` or `(A-B)*0.5`: numbers, aliases, + - * /, unary
 * minus and parentheses. Parsed once into a tree of closures; never `eval`.
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

const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

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
    if ("+-*/()".includes(ch)) {
      tokens.push({ kind: "op", value: ch, at: i });
      i++;
      continue;
    }
    throw new ExpressionError(`Unexpected "${ch}" at position ${i + 1} of "${text}"`);
  }
  tokens.push({ kind: "end", at: text.length });
  return tokens;
}

/**
 * Compiles `text` for the given aliases (matched exactly, then ignoring case). Throws
 * {@link ExpressionError} on a syntax error or an unknown alias.
 */
export function compileExpression(text: string, aliases: readonly string[]): CompiledExpression {
  const tokens = tokenize(text);
  let pos = 0;
  const peek = (): Token => tokens[pos] as Token;
  const isOp = (value: string) => {
    const t = peek();
    return t.kind === "op" && t.value === value;
  };
  const fail = (message: string): never => {
    throw new ExpressionError(`${message} at position ${peek().at + 1} of "${text}"`);
  };

  const aliasIndex = (name: string): number => {
    const exact = aliases.indexOf(name);
    if (exact >= 0) return exact;
    const folded = aliases.findIndex((a) => a.toLowerCase() === name.toLowerCase());
    if (folded >= 0) return folded;
    throw new ExpressionError(`Unknown alias "${name}" in "${text}"`);
  };

  // expr := term (("+" | "-") term)*
  const expr = (): CompiledExpression => {
    let left = term();
    while (isOp("+") || isOp("-")) {
      const op = (tokens[pos++] as { value: string }).value;
      const a = left;
      const b = term();
      left = op === "+" ? (v) => a(v) + b(v) : (v) => a(v) - b(v);
    }
    return left;
  };
  // term := unary (("*" | "/") unary)*
  const term = (): CompiledExpression => {
    let left = unary();
    while (isOp("*") || isOp("/")) {
      const op = (tokens[pos++] as { value: string }).value;
      const a = left;
      const b = unary();
      left = op === "*" ? (v) => a(v) * b(v) : (v) => a(v) / b(v);
    }
    return left;
  };
  // unary := ("-" | "+") unary | primary
  const unary = (): CompiledExpression => {
    if (isOp("-")) {
      pos++;
      const a = unary();
      return (v) => -a(v);
    }
    if (isOp("+")) {
      pos++;
      return unary();
    }
    return primary();
  };
  // primary := number | alias | "(" expr ")"
  const primary = (): CompiledExpression => {
    const t = peek();
    if (t.kind === "number") {
      pos++;
      const value = t.value;
      return () => value;
    }
    if (t.kind === "name") {
      pos++;
      const index = aliasIndex(t.value);
      return (v) => v[index] as number;
    }
    if (isOp("(")) {
      pos++;
      const inner = expr();
      if (!isOp(")")) fail('Expected ")"');
      pos++;
      return inner;
    }
    return fail(t.kind === "end" ? "Unexpected end" : "Unexpected token");
  };

  const compiled = expr();
  if (peek().kind !== "end") fail("Unexpected token");
  return compiled;
}
