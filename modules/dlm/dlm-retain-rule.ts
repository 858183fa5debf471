import { Retention, Validator } from "../core";

/** Keep the newest `count` snapshots or AMIs, or keep each one for `age`; exactly one of the two. */
export interface DlmCountOrAge {
  /** How many to keep, 1-1000. Conflicts with `age`. */
  readonly count?: number;
  /** How long to keep each one. Conflicts with `count`. */
  readonly age?: Retention;
}

/** The longest period DLM accepts in a retain, deprecate or fast-restore rule: 100 years. */
export const DLM_MAX_DAYS = 36500;

/**
 * Adds the checks of a count-or-age rule: exactly one of the two, count 1-1000, age at most 100 years.
 * Used by retain, fast-restore, archive and deprecate rules, which share the grammar.
 */
export function checkCountOrAge(v: Validator, field: string, rule: DlmCountOrAge | undefined, what: string): Validator {
  const hasCount = rule?.count !== undefined;
  const hasAge = rule?.age !== undefined;
  v.check(
    hasCount !== hasAge,
    field,
    rule === undefined ? undefined : { count: rule.count, age: rule.age?.toString() },
    hasCount ? `${what} has a count or an age, not both` : `${what} needs a count or an age`,
    "give count (how many to keep) or age (e.g. Retention.days(7))",
  );
  if (hasCount) v.intInRange(`${field}.count`, rule!.count, 1, 1000);
  if (hasAge) {
    v.check(rule!.age instanceof Retention, `${field}.age`, rule!.age, "must be a Retention, e.g. Retention.days(7)");
    if (rule!.age instanceof Retention) {
      v.check(rule!.age.toDays() <= DLM_MAX_DAYS, `${field}.age`, rule!.age, "may be at most 100 years (36500 days, 1200 months, 5200 weeks)");
    }
  }
  return v;
}

/**
 * How long a schedule keeps what it creates: the newest `count` (1-1000) or each one for an age. The kind cannot be
 * switched after the policy is created (count-based and age-based schedules are different things to DLM).
 * @see https://docs.aws.amazon.com/dlm/latest/APIReference/API_RetainRule.html
 */
export class DlmRetainRule {
  /** Keep the newest `n` (1-1000). */
  static count(n: number): DlmRetainRule {
    return new DlmRetainRule({ count: n });
  }

  /** Keep each one for this long. */
  static age(retention: Retention): DlmRetainRule {
    return new DlmRetainRule({ age: retention });
  }

  /** Keep each one for `n` days. */
  static days(n: number): DlmRetainRule {
    return new DlmRetainRule({ age: Retention.days(n) });
  }

  /** A retain rule from its fields; checks that exactly one of `count` and `age` is set. */
  static of(rule: DlmCountOrAge): DlmRetainRule {
    return new DlmRetainRule(rule);
  }

  public readonly count?: number;
  public readonly age?: Retention;

  private constructor(rule: DlmCountOrAge) {
    checkCountOrAge(new Validator("DlmRetainRule"), "retain", rule, "a retain rule").throwIfAny();
    this.count = rule.count;
    this.age = rule.age;
  }

  /** True for a count-based rule. */
  get isCountBased(): boolean {
    return this.count !== undefined;
  }

  /** @internal */
  _render(): { count?: number; interval?: number; intervalUnit?: string } {
    return renderCountOrAge(this);
  }

  toString(): string {
    return this.count !== undefined ? `newest ${this.count}` : `${this.age}`;
  }
}

/** The provider fields of a count-or-age rule. */
export function renderCountOrAge(rule: DlmCountOrAge): { count?: number; interval?: number; intervalUnit?: string } {
  return rule.count !== undefined ? { count: rule.count } : { interval: rule.age!.amount, intervalUnit: rule.age!.unit };
}
