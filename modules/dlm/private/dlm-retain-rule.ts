import { Retention, Validator } from "../../core";
import type { DlmCountOrAge } from "../dlm-count-or-age";
import { awsRejects, libraryNeeds } from "../../core/rules/authority";

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
    hasCount ? awsRejects(`${what} with both a count and an age`) : awsRejects(`${what} with neither a count nor an age`),
    "give count (how many to keep) or age (e.g. Retention.days(7))",
  );
  if (hasCount) v.intInRange(`${field}.count`, rule!.count, 1, 1000, "", "aws");
  if (hasAge) {
    v.check(rule!.age instanceof Retention, `${field}.age`, rule!.age, libraryNeeds("a Retention, e.g. Retention.days(7)"));
    if (rule!.age instanceof Retention) {
      v.check(rule!.age.toDays() <= DLM_MAX_DAYS, `${field}.age`, rule!.age, awsRejects("ages longer than 100 years (36500 days, 1200 months, 5200 weeks)"));
    }
  }
  return v;
}

/** The provider fields of a count-or-age rule. */
export function renderCountOrAge(rule: DlmCountOrAge): { count?: number; interval?: number; intervalUnit?: string } {
  return rule.count !== undefined ? { count: rule.count } : { interval: rule.age!.amount, intervalUnit: rule.age!.unit };
}
