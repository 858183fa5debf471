import { Duration } from "../duration";
import type { Validator } from "../errors";
import { completionWindowRule, MIN_START_WINDOW_MINUTES } from "../rules/lifecycle";
import { DeprecatedPropUse, pickRenamed } from "./deprecation";
import { durationIn } from "./duration";
import { isUnresolved } from "./errors";
import { awsRejects } from "../rules/authority";

/** A backup rule's windows as its props give them: the Duration fields, or their deprecated minute counts. */
export interface GivenBackupWindows {
  readonly startWindow?: Duration;
  readonly startWindowMinutes?: number;
  readonly completionWindow?: Duration;
  readonly completionWindowMinutes?: number;
}

/**
 * Resolves and checks a backup rule's start and completion windows, in minutes, for the backup rule construct and the
 * Organizations policy document alike: deprecated minute counts recorded in `uses`, the start window at least AWS's
 * minimum, the completion window longer than the start window. `field` turns a prop name into the caller's field path.
 * A window is undefined when it could not be read (the problem is recorded).
 */
export function resolveBackupWindows(
  v: Validator,
  uses: DeprecatedPropUse[],
  field: (name: string) => string,
  given: GivenBackupWindows,
  defaults: { readonly startMinutes: number; readonly completionMinutes: number },
): { start?: number; completion?: number } {
  const startPick = pickRenamed(v, uses, {
    field: field("startWindow"),
    value: given.startWindow,
    oldField: field("startWindowMinutes"),
    oldValue: given.startWindowMinutes,
    fromOld: Duration.minutes,
  });
  const completionPick = pickRenamed(v, uses, {
    field: field("completionWindow"),
    value: given.completionWindow,
    oldField: field("completionWindowMinutes"),
    oldValue: given.completionWindowMinutes,
    fromOld: Duration.minutes,
  });
  const start = startPick.value === undefined ? defaults.startMinutes : durationIn(v, startPick.field, startPick.value, "MINUTES", "AWS Backup");
  const completion =
    completionPick.value === undefined ? defaults.completionMinutes : durationIn(v, completionPick.field, completionPick.value, "MINUTES", "AWS Backup");
  if (start !== undefined)
    v.check(
      start >= MIN_START_WINDOW_MINUTES,
      startPick.field,
      startPick.given ?? start,
      awsRejects(`start windows shorter than ${MIN_START_WINDOW_MINUTES} minutes (AWS Backup)`),
    );
  if (start !== undefined && completion !== undefined && !isUnresolved(start))
    v.check(completion > start, completionPick.field, completionPick.given ?? completion, completionWindowRule(start, completion) ?? "");
  return { start, completion };
}
