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
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new RolloutConfigError(file, [{ path: "(file)", message: `is not valid JSON: ${(e as Error).message}` }]);
  }
  return parseRollout(json, file, options);
}
