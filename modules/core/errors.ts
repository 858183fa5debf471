import { formatProblem, isUnresolved } from "./private/errors";
import { libraryNeeds, rejects, RuleAuthority } from "./rules/authority";
import type { ValidationProblem } from "./validation-problem";
export type { ValidationProblem };
export type { RuleAuthority };

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
 * Collects the checks of one construct (or one config object) and throws them together.
 * Each check is skipped when its value is an unresolved token. Every rule text says whose rule it is: build it with
 * `awsRejects`, `terraformRejects`, `libraryNeeds` and their siblings, or `secureDefaultRule`.
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

  /** The value, when set, is an integer in [min, max]; `by` is whose bound it is (mostly AWS's). */
  intInRange(field: string, value: number | undefined, min: number, max: number, unit = "", by: RuleAuthority = "aws"): this {
    if (value === undefined) return this;
    const u = unit ? ` ${unit}` : "";
    const ok = Number.isInteger(value) && value >= min && value <= max;
    return this.check(ok, field, value, rejects(by, `anything but a whole number from ${min} to ${max}${u}`));
  }

  /** The value is set; the default rule says this library's props need it (give an `awsRejects` rule where AWS does). */
  required(field: string, value: unknown, rule = libraryNeeds("a value here")): this {
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
