import { Duration, DurationUnit } from "../duration";
import { Validator } from "../errors";
import { awsRejects, libraryNeeds } from "../rules/authority";

/**
 * The whole number of `unit` a duration stands for, for an AWS field that counts in that unit. Records a problem and
 * returns undefined for anything else: not a Duration, not a whole number of the unit, or a token given in another unit.
 */
export function durationIn(v: Validator, field: string, value: unknown, unit: DurationUnit, service = "AWS"): number | undefined {
  const name = unit.toLowerCase();
  // The factory that makes a duration in this unit: Duration.minutes, Duration.hours or Duration.days.
  const factory = `Duration.${name}`;
  if (!(value instanceof Duration)) {
    v.check(false, field, value, libraryNeeds("a Duration"), `e.g. ${factory}(1)`);
    return undefined;
  }
  const n = value.in(unit);
  if (n !== undefined) return n;
  if (value.isUnresolved()) {
    // The value is a token: report it as text so the check is not skipped as "unresolved".
    v.check(
      false,
      field,
      value.toString(),
      libraryNeeds(`a token amount given in ${name}: ${service} counts this window in ${name}, and a token cannot be converted before Terraform resolves it`),
      `use ${factory}(token)`,
    );
  } else {
    v.check(
      false,
      field,
      value,
      awsRejects(`windows other than whole ${name} here (${service} counts this window in ${name})`),
      `give a whole number of ${name}, e.g. ${factory}(n)`,
    );
  }
  return undefined;
}
