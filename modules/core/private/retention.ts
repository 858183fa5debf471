import { Validator } from "../errors";
import { Retention } from "../retention";
import { awsRejects, libraryNeeds } from "../rules/authority";

/**
 * The whole number of days a retention stands for, for a service that counts retention in days (AWS Backup). Records a
 * problem and returns undefined for anything else: not a Retention, months or years (no fixed length), or a token given
 * in weeks (its days are unknown until Terraform resolves it).
 */
export function retentionInDays(v: Validator, field: string, value: unknown, service = "AWS Backup"): number | undefined {
  if (!(value instanceof Retention)) {
    v.check(false, field, value, libraryNeeds("a Retention"), "e.g. Retention.days(35)");
    return undefined;
  }
  const days = value.exactDays();
  if (days !== undefined) return days;
  if (value.isUnresolved()) {
    // The value is a token: report it as text so the check is not skipped as "unresolved".
    v.check(
      false,
      field,
      value.toString(),
      libraryNeeds(`a token amount given in days: ${service} counts retention in days, and a token cannot be converted before Terraform resolves it`),
      "use Retention.days(token)",
    );
  } else {
    v.check(
      false,
      field,
      value,
      awsRejects(`retentions other than whole days here (${service} counts retention in days, and ${value.unit.toLowerCase()} have no fixed number of days)`),
      `give the days, e.g. Retention.days(${value.unit === "YEARS" ? 365 * value.amount : 30 * value.amount}) if that is what you mean`,
    );
  }
  return undefined;
}
