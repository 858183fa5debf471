import { Retention, Validator } from "../core";
import { checkCountOrAge, renderCountOrAge } from "./private/dlm-retain-rule";
import type { DlmCountOrAge } from "./dlm-count-or-age";
export type { DlmCountOrAge };

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
