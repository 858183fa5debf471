/**
 * Problems found while building stacks from a config, moved to the JSON path of the value that caused them. The config
 * checks refuse what they know of before anything is built; whatever a construct still refuses (or a crash while
 * building) is reported here at a config path too, never as a construct path or a stack trace.
 */
import { ValidationError, ValidationProblem } from "../../modules/core/errors";
import { formatFinding } from "../../modules/core/private/errors";
import { libraryRejects } from "../../modules/core/rules/authority";
import { relocateProblem } from "./checks";
import { ConfigProblem, RolloutConfigError, jsonPath, dedupeProblems } from "./problems";
import type { RolloutConfig } from "./schema";
import { centralStackName, managementStackName, memberStackName } from "./stack-names";

/** The part of the config a construct path was built from, as keys from the root. */
function scopeOf(config: RolloutConfig, constructPath: string): (string | number)[] | undefined {
  const [stack, child = ""] = constructPath.split("/").filter((s) => s !== "" && s !== "App");
  if (stack === undefined) return undefined;
  const policyAt = (prefix: string) => {
    for (const name of Object.keys(config.protectionPolicies)) {
      const id = name.replace(/-/g, "_");
      if (child === `${prefix}${id}` || child.startsWith(`${prefix}${id}_`)) return ["protectionPolicies", name];
    }
    return undefined;
  };
  if (stack === managementStackName()) return policyAt("BackupPolicy_") ?? ["management"];
  if (stack === centralStackName(config)) return ["centralBackup"];
  const i = config.members.findIndex((m) => memberStackName(m) === stack);
  if (i < 0) return undefined;
  const policy = policyAt("");
  if (policy) return policy;
  if (child.startsWith("RestoreTesting")) return ["restoreTesting"];
  const dlmDefault = /^DlmDefault_([a-z]+)_/.exec(child);
  if (dlmDefault) {
    const k = (config.dlmDefaultPolicies ?? []).findIndex((d) => d.resourceType.toLowerCase() === dlmDefault[1]);
    if (k >= 0) return ["dlmDefaultPolicies", k];
  }
  return ["members", i];
}

/** A literal to look for in the config: strings and numbers as given, value types by their days. */
function literalOf(value: unknown): string | number | undefined {
  if (typeof value === "string" || typeof value === "number") return value;
  const days = (value as { toDays?: () => unknown } | undefined)?.toDays;
  if (typeof days === "function") {
    try {
      const d = days.call(value);
      return typeof d === "number" ? d : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** Paths under `scope` whose value equals `literal`; a cron expression also matches the config's `cron(...)` text. */
function pathsHolding(config: RolloutConfig, scope: (string | number)[], literal: string | number): (string | number)[][] {
  let root: unknown = config;
  for (const k of scope) root = (root as Record<string | number, unknown> | undefined)?.[k];
  const out: (string | number)[][] = [];
  const walk = (v: unknown, path: (string | number)[]) => {
    if (v === literal) out.push(path);
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(root, [...scope]);
  return out;
}

/** One construct problem at the config path of the value that caused it (or of the config object it came from). */
function problemAt(config: RolloutConfig, p: ValidationProblem, scopeHint?: (string | number)[]): ConfigProblem {
  const scope = scopeOf(config, p.where) ?? scopeHint;
  const literal = literalOf(p.value);
  const found = literal === undefined || literal === "" ? [] : pathsHolding(config, scope ?? [], literal);
  const detail = formatFinding(p);
  if (found.length > 0) {
    // The same value may sit in several places: prefer the one whose key is the construct's field, and name the others.
    const fieldKey = p.field
      .split(/[.[\]]/)
      .filter((k) => k !== "")
      .pop();
    const best = found.find((f) => String(f[f.length - 1]) === fieldKey) ?? found[0];
    const others = found.filter((f) => f !== best).map((f) => jsonPath(f));
    const also = others.length === 0 ? "" : ` (the same value is also at ${others.slice(0, 3).join(", ")}${others.length > 3 ? ", ..." : ""})`;
    return relocateProblem(config, {
      checkClass: "construct",
      path: jsonPath(best),
      message: `${JSON.stringify(literal)}: ${p.rule}${p.fix ? `. Fix: ${p.fix}` : ""}${also}`,
    });
  }
  return relocateProblem(config, { checkClass: "construct", path: scope ? jsonPath(scope) : "(root)", message: `cannot be built: ${detail}` });
}

/**
 * The error to report for an error thrown while building stacks from `config`: a RolloutConfigError whose problems
 * name config paths. Errors that are not about the config (programming errors) are returned unchanged.
 */
export function configErrorOf(config: RolloutConfig, error: unknown, source = "rollout config"): unknown {
  // A check that ran without knowing the file (the objectives, while building) gets its name here.
  if (error instanceof RolloutConfigError)
    return error.source === "rollout config" && source !== error.source ? new RolloutConfigError(source, error.problems) : error;
  if (error instanceof ValidationError) return new RolloutConfigError(source, dedupeProblems(error.problems.map((p) => problemAt(config, p))));
  // Two constructs of one name: the config listed something twice that no check caught.
  const clash = error instanceof Error ? /There is already a Construct with name '([^']*)' in \S+ \[([^\]]*)\]/.exec(error.message) : null;
  if (clash) {
    const scope = scopeOf(config, `${clash[2]}/${clash[1]}`) ?? scopeOf(config, clash[2]);
    return new RolloutConfigError(source, [
      // Two constructs of one name come from a list entry given twice: the README's "lists" rules.
      {
        checkClass: "lists",
        path: scope ? jsonPath(scope) : "(root)",
        message: `lists something twice: two resources would get the name ${clash[1]}: ${libraryRejects("two resources of one name")}`,
      },
    ]);
  }
  return error;
}
