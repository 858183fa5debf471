import * as fs from "node:fs";
import { z } from "zod";
import { RolloutConfig, checkClassOfIssue, deprecationWarnings, rolloutSchema } from "./schema";
import { checkRollout } from "./checks";
import { ConfigProblem, ConfigWarning, RolloutConfigError, jsonPath } from "./problems";
import { libraryNeeds, libraryRejects } from "../../modules/core/rules/authority";

/**
 * The message of a zod issue: a refinement's or a `.regex`'s own (attributed where the schema words it), or zod's
 * built-in one, with the unknown-keys and missing-value texts made readable.
 */
function issueMessage(i: z.core.$ZodIssue): string {
  if (i.code === "unrecognized_keys")
    return `unknown key${i.keys.length > 1 ? "s" : ""} ${i.keys.map((k) => JSON.stringify(k)).join(", ")} (check the spelling against rollout.schema.json)`;
  if (i.code === "invalid_type" && (i as { input?: unknown }).input === undefined) return "is required";
  return i.message;
}

function shapeProblems(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((i) => {
    const value = (i as { input?: unknown }).input;
    const shown = value !== undefined && typeof value !== "object" && i.code !== "unrecognized_keys" ? ` (got ${JSON.stringify(value)})` : "";
    const path = jsonPath(i.path);
    return { checkClass: checkClassOfIssue(i, path), path, message: `${issueMessage(i)}${shown}` };
  });
}

export interface ParseRolloutOptions {
  /** Receives each warning (a deprecated key, at its path). @default printed to stderr as `warning: <source>: <path>: <message>` */
  readonly onWarning?: (warning: ConfigWarning) => void;
}

/**
 * Parses and checks a rollout config: shape and types first, then the cross-account rules. Throws a
 * RolloutConfigError listing every problem; returns the config with defaults filled in. Deprecated keys are read and
 * reported as warnings, each with its path.
 */
export function parseRollout(input: unknown, source = "rollout config", options: ParseRolloutOptions = {}): RolloutConfig {
  const warn = options.onWarning ?? ((w: ConfigWarning) => console.warn(`warning: ${source}: ${w.path}: ${w.message}`));
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
    throw new RolloutConfigError(file, [
      { checkClass: "file", path: "(file)", message: `cannot be read (${(e as Error).message}): ${libraryNeeds("a readable rollout config file")}` },
    ]);
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
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const reason = (e as Error).message;
    const at = scanJson(body).errorAt ?? body.length;
    const where = lineColumn(body, at);
    const near = body.slice(at, at + 20).split("\n")[0];
    const shown = near.length > 0 ? ` near ${JSON.stringify(near)}` : " at the end of the file";
    throw new RolloutConfigError(source, [
      {
        checkClass: "file",
        path: "(file)",
        message: `is not valid JSON: line ${where.line}, column ${where.column}${shown}: ${reason.replace(/(, (\.\.\.)?".*" is not valid JSON| in JSON at position \d+.*)$/s, "")}; ${libraryNeeds("the rollout config as JSON")}`,
      },
    ]);
  }
  // JSON.parse keeps the last of two equal keys and drops the first without a word: a tag or policy given twice.
  const duplicates = scanJson(body).duplicates;
  if (duplicates.length > 0) {
    throw new RolloutConfigError(
      source,
      duplicates.map((d) => {
        const where = lineColumn(body, d.offset);
        // A key given twice is an entry listed twice: the README's "lists" rules.
        return {
          checkClass: "lists",
          path: jsonPath(d.path),
          message: `is given twice in one object (again at line ${where.line}, column ${where.column}): ${libraryRejects("a key given twice: JSON keeps only the last, so give it once")}`,
        };
      }),
    );
  }
  return value;
}

const LITERAL = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /\\(["\\/bfnrt]|u[0-9a-fA-F]{4})/y;

/** A key given twice in one object: its path and the offset of the repeat. */
interface DuplicateKey {
  readonly path: (string | number)[];
  readonly offset: number;
}

/**
 * Scans JSON text for the offset of its first syntax error (JSON.parse names a position for some errors and not for
 * others, and the wording differs between Node versions: this scanner answers the same everywhere) and for keys
 * given twice in one object.
 */
function scanJson(text: string): { errorAt?: number; duplicates: DuplicateKey[] } {
  let i = 0;
  const at: (string | number)[] = [];
  const duplicates: DuplicateKey[] = [];
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === "\\") {
        ESCAPE.lastIndex = i;
        if (!ESCAPE.test(text)) fail();
        i = ESCAPE.lastIndex;
      } else if (c < " ") fail();
      else i++;
    }
    return fail();
  };
  const list = (close: string, item: (index: number) => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (let index = 0; ; index++) {
      item(index);
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
    if (c === "{") {
      const keys = new Set<string>();
      return list("}", () => {
        ws();
        if (text[i] !== '"') fail();
        const offset = i;
        const key = str();
        if (keys.has(key)) duplicates.push({ path: [...at, key], offset });
        keys.add(key);
        ws();
        if (text[i] !== ":") fail();
        i++;
        at.push(key);
        value();
        at.pop();
      });
    }
    if (c === "[")
      return list("]", (index) => {
        at.push(index);
        value();
        at.pop();
      });
    if (c === '"') {
      str();
      return;
    }
    LITERAL.lastIndex = i;
    if (!LITERAL.test(text)) fail();
    i = LITERAL.lastIndex;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
  } catch (e) {
    if (e instanceof JsonSyntaxAt) return { errorAt: Math.min(e.offset, text.length), duplicates };
    throw e;
  }
  return { duplicates };
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
