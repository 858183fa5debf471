/** Problems in a rollout config, each at the JSON path of the value to change. */
import type { ConfigCheckClass } from "./check-classes";

/** A finding in a rollout config that does not refuse it (a deprecated key), at a JSON path such as `members[1].accountId`. */
export interface ConfigWarning {
  /** The JSON path of the value to change. */
  readonly path: string;
  /** What is wrong with it and how to change it. */
  readonly message: string;
}

/** One problem in a rollout config, at a JSON path such as `members[1].accountId`. */
export interface ConfigProblem extends ConfigWarning {
  /** The class of checks that found it (the README lists the classes with the rules of each). */
  readonly checkClass: ConfigCheckClass;
}

/** A rollout config that cannot be used; lists every problem found, each with its path. */
export class RolloutConfigError extends Error {
  constructor(
    public readonly source: string,
    public readonly problems: readonly ConfigProblem[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? "" : "s"} in the rollout config:\n${problems.map((p) => `  - ${p.path}: ${p.message}`).join("\n")}`,
    );
    this.name = "RolloutConfigError";
  }
}

/** Renders a path of keys and indexes as `a.b[2].c`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return "(root)";
  return path.map((k, i) => (typeof k === "number" ? `[${k}]` : i === 0 ? String(k) : `.${String(k)}`)).join("");
}

/** The problems without repeats (same path and message), in their first order. */
export function dedupeProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const k = `${p.path}\u0000${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
