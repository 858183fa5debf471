import { Token } from "./cdktf";

/** What was wrong with one input: the field, the value given, the rule it breaks and, where known, the fix. */
export interface ValidationProblem {
  /** Where the value came from: a construct path or a JSON path. */
  readonly where: string;
  /** The field (prop or config key) that holds the bad value. */
  readonly field: string;
  /** The value that was given. */
  readonly value: unknown;
  /** The rule the value breaks, in words. */
  readonly rule: string;
  /** How to fix it, when there is one obvious fix. */
  readonly fix?: string;
}

function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (value === undefined) return "(not set)";
  try {
    const s = JSON.stringify(value);
    return s.length > 200 ? `${s.slice(0, 197)}...` : s;
  } catch {
    return String(value);
  }
}

/** Renders one problem as a single line: `<where>: <field> = <value>: <rule>. Fix: <fix>`. */
export function formatProblem(p: ValidationProblem): string {
  return `${p.where}: ${formatFinding(p)}`;
}

/** Renders a problem without its origin, for messages attached to a construct: `<field> = <value>: <rule>. Fix: <fix>`. */
export function formatFinding(p: Omit<ValidationProblem, "where">): string {
  return `${p.field} = ${show(p.value)}: ${p.rule}${p.fix ? `. Fix: ${p.fix}` : ""}`;
}

/** Thrown at synth time for an input that AWS or Terraform would reject later, or that would silently misbehave. */
export class ValidationError extends Error {
  public readonly problems: readonly ValidationProblem[];

  constructor(problems: ValidationProblem | readonly ValidationProblem[]) {
    const list = Array.isArray(problems) ? (problems as readonly ValidationProblem[]) : [problems as ValidationProblem];
    super(list.length === 1 ? formatProblem(list[0]) : `${list.length} problems:\n${list.map((p) => `  - ${formatProblem(p)}`).join("\n")}`);
    this.name = "ValidationError";
    this.problems = list;
  }
}

/**
 * True when the value is (or contains) an unresolved token: such values are judged by Terraform, not here. Value types
 * (`Retention`, `Duration`) answer for themselves through their `isUnresolved()`.
 */
export function isUnresolved(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return Token.isUnresolved(value) || value.some(isUnresolved);
  const own = (value as { isUnresolved?: unknown }).isUnresolved;
  if (typeof own === "function") return own.call(value) === true;
  return Token.isUnresolved(value);
}

/**
 * Collects the checks of one construct (or one config object) and throws them together.
 * Each check is skipped when its value is an unresolved token.
 */
export class Validator {
  private readonly problems: ValidationProblem[] = [];

  constructor(private readonly where: string) {}

  /** Records a problem unless `ok` is true or the value is an unresolved token. */
  check(ok: boolean, field: string, value: unknown, rule: string, fix?: string): this {
    if (!ok && !isUnresolved(value)) this.problems.push({ where: this.where, field, value, rule, fix });
    return this;
  }

  /** The value, when set, matches the pattern. */
  matches(field: string, value: string | undefined, pattern: RegExp, rule: string, fix?: string): this {
    if (value === undefined) return this;
    return this.check(pattern.test(value), field, value, rule, fix);
  }

  /** The value, when set, is an integer in [min, max]. */
  intInRange(field: string, value: number | undefined, min: number, max: number, unit = ""): this {
    if (value === undefined) return this;
    const u = unit ? ` ${unit}` : "";
    return this.check(Number.isInteger(value) && value >= min && value <= max, field, value, `must be a whole number from ${min} to ${max}${u}`);
  }

  /** The value is set. */
  required(field: string, value: unknown, rule = "is required"): this {
    return this.check(value !== undefined && value !== null && value !== "", field, value, rule);
  }

  get ok(): boolean {
    return this.problems.length === 0;
  }

  /** Throws the collected problems, if any. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw new ValidationError(this.problems);
  }
}
