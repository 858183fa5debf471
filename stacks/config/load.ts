import * as fs from "node:fs";
import { z } from "zod";
import { RolloutConfig, deprecationWarnings, rolloutSchema } from "./schema";
import { checkRollout } from "./checks";
import { ConfigProblem, RolloutConfigError, jsonPath } from "./problems";

function shapeProblems(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((i) => {
    let message = i.message;
    if (i.code === "unrecognized_keys")
      message = `unknown key${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => JSON.stringify(k)).join(", ")} (check the spelling against rollout.schema.json)`;
    if (i.code === "invalid_type" && (i as { input?: unknown }).input === undefined) message = "is required";
    const value = (i as { input?: unknown }).input;
    const shown = value !== undefined && typeof value !== "object" && i.code !== "unrecognized_keys" ? ` (got ${JSON.stringify(value)})` : "";
    return { path: jsonPath(i.path), message: `${message}${shown}` };
  });
}

export interface ParseRolloutOptions {
  /** Receives each warning (a deprecated key, at its path). @default printed to stderr as `warning: <source>: <path>: <message>` */
  readonly onWarning?: (warning: ConfigProblem) => void;
}

/**
 * Parses and checks a rollout config: shape and types first, then the cross-account rules. Throws a
 * RolloutConfigError listing every problem; returns the config with defaults filled in. Deprecated keys are read and
 * reported as warnings, each with its path.
 */
export function parseRollout(input: unknown, source = "rollout config", options: ParseRolloutOptions = {}): RolloutConfig {
  const warn = options.onWarning ?? ((w: ConfigProblem) => console.warn(`warning: ${source}: ${w.path}: ${w.message}`));
  deprecationWarnings(input).forEach(warn);
  const parsed = rolloutSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) throw new RolloutConfigError(source, shapeProblems(parsed.error));
  const problems = checkRollout(parsed.data);
  if (problems.length > 0) throw new RolloutConfigError(source, problems);
  return parsed.data;
}

/** Reads a rollout config file (JSON) and parses it. */
export function loadRolloutFile(file: string, options: ParseRolloutOptions = {}): RolloutConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new RolloutConfigError(file, [{ path: "(file)", message: `cannot be read: ${(e as Error).message}` }]);
  }
  return parseRollout(parseJsonText(text, file), file, options);
}

/**
 * Parses JSON text; a syntax error is a RolloutConfigError at `(file)` whose message names the line and column
 * (1-based) where parsing stopped, so an editor can jump there.
 */
export function parseJsonText(text: string, source: string): unknown {
  // A byte order mark is not JSON, but editors write one; it is not the user's mistake.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    const reason = (e as Error).message;
    const at = jsonErrorOffset(body);
    const where = lineColumn(body, at);
    const near = body.slice(at, at + 20).split("\n")[0];
    const shown = near.length > 0 ? ` near ${JSON.stringify(near)}` : " at the end of the file";
    throw new RolloutConfigError(source, [
      {
        path: "(file)",
        message: `is not valid JSON: line ${where.line}, column ${where.column}${shown}: ${reason.replace(/ in JSON at position \d+.*$/, "")}`,
      },
    ]);
  }
}

const LITERAL = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/**
 * The offset of the first JSON syntax error in `text` (JSON.parse names a position for some errors and not for
 * others, and the wording differs between Node versions: this scanner answers the same everywhere).
 */
function jsonErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const str = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail();
        i = ESCAPE.lastIndex;
      } else if (c < " ") fail();
      else i++;
    }
    fail();
  };
  const list = (close: string, item: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      ws();
      if (text[i] === ",") i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{")
      return list("}", () => {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value();
      });
    if (c === "[") return list("]", value);
    if (c === '"') return str();
    LITERAL.lastIndex = i;
    if (!LITERAL.test(text)) fail();
    i = LITERAL.lastIndex;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return Math.min(e.offset, text.length);
    throw e;
  }
  return text.length;
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

/** 1-based line and column of an offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}
