import { AwsCron, CronFields, CronFrequency, Validator } from "../core";
import { BACKUP_MIN_GAP_MINUTES, scheduleFrequencyRule } from "../core/rules/schedules";
import { timeZoneRule } from "../core/rules/time-zone";
import { awsRejects, libraryNeeds } from "../core/rules/authority";

/** Options every schedule preset takes. */
export interface ScheduleOptions {
  /** IANA time zone the hours and minutes are read in, e.g. `Europe/Berlin`. @default UTC */
  readonly timezone?: string;
}

/** A day of the week, as AWS cron writes it. */
export type WeekDay = "SUN" | "MON" | "TUE" | "WED" | "THU" | "FRI" | "SAT";

/** Hour intervals that divide a day evenly, so an hourly schedule has the same gap every time. */
export const HOURLY_INTERVALS: readonly number[] = [1, 2, 3, 4, 6, 8, 12];

const WEEK_DAYS: readonly string[] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
// One list of time zones for the rollout config and Schedule, so the two never disagree.
export { isIanaTimeZone } from "../core/rules/time-zone";

/**
 * When an AWS Backup plan rule or restore testing plan runs: an AWS cron expression (validated by `AwsCron`) and an
 * optional IANA time zone. AWS Backup runs a schedule at most once an hour.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
 */
export class Schedule {
  /** Every `everyHours` hours (1, 2, 3, 4, 6, 8 or 12), at `minute` past the hour. */
  static hourly(everyHours: number, minute = 0, options: ScheduleOptions = {}): Schedule {
    const v = new Validator("Schedule.hourly");
    v.check(
      HOURLY_INTERVALS.includes(everyHours),
      "everyHours",
      everyHours,
      libraryNeeds(`one of ${HOURLY_INTERVALS.join(", ")} here (an interval that divides a day evenly)`),
      "use Schedule.cron for other patterns",
    );
    checkMinute(v, minute);
    v.throwIfAny();
    return new Schedule(AwsCron.of({ minute, hour: everyHours === 1 ? "*" : `0/${everyHours}` }, "Schedule.hourly"), options, "Schedule.hourly");
  }

  /** Every day at `hour`:`minute`. */
  static daily(hour: number, minute = 0, options: ScheduleOptions = {}): Schedule {
    const v = new Validator("Schedule.daily");
    checkHour(v, hour);
    checkMinute(v, minute);
    v.throwIfAny();
    return new Schedule(AwsCron.of({ minute, hour }, "Schedule.daily"), options, "Schedule.daily");
  }

  /** Every week on `day` at `hour`:`minute`. */
  static weekly(day: WeekDay, hour: number, minute = 0, options: ScheduleOptions = {}): Schedule {
    const v = new Validator("Schedule.weekly");
    v.check(WEEK_DAYS.includes(day), "day", day, libraryNeeds(`one of ${WEEK_DAYS.join(", ")}`));
    checkHour(v, hour);
    checkMinute(v, minute);
    v.throwIfAny();
    return new Schedule(AwsCron.of({ minute, hour, weekDay: day }, "Schedule.weekly"), options, "Schedule.weekly");
  }

  /** Every month on `dayOfMonth` (1-28, or "L" for the last day) at `hour`:`minute`. */
  static monthly(dayOfMonth: number | "L", hour: number, minute = 0, options: ScheduleOptions = {}): Schedule {
    const v = new Validator("Schedule.monthly");
    v.check(
      dayOfMonth === "L" || (Number.isInteger(dayOfMonth) && dayOfMonth >= 1 && dayOfMonth <= 28),
      "dayOfMonth",
      dayOfMonth,
      libraryNeeds('a day from 1 to 28 or "L" (the last day): days 29-31 do not occur in every month, so some months would have no backup'),
    );
    checkHour(v, hour);
    checkMinute(v, minute);
    v.throwIfAny();
    return new Schedule(AwsCron.of({ minute, hour, day: dayOfMonth }, "Schedule.monthly"), options, "Schedule.monthly");
  }

  /** An AWS cron expression written out: `cron(minutes hours day-of-month month day-of-week year)`. */
  static cron(expression: string, options: ScheduleOptions = {}): Schedule {
    return new Schedule(AwsCron.parse(expression, "Schedule.cron", "expression"), options, "Schedule.cron");
  }

  /** An AWS cron expression built from its fields. */
  static expression(fields: CronFields, options: ScheduleOptions = {}): Schedule {
    return new Schedule(AwsCron.of(fields, "Schedule.expression", "fields"), options, "Schedule.expression");
  }

  /** The `cron(...)` expression. */
  public readonly expression: string;
  /** The IANA time zone, when one was given. */
  public readonly timezone?: string;
  /** The parsed expression. */
  public readonly cron: AwsCron;

  private constructor(cron: AwsCron, options: ScheduleOptions, where: string) {
    const v = new Validator(where);
    if (options.timezone !== undefined) {
      const zone = timeZoneRule(options.timezone);
      v.check(zone === undefined, "timezone", options.timezone, zone ?? "");
    }
    const frequency = scheduleFrequencyRule(cron, { minGapMinutes: BACKUP_MIN_GAP_MINUTES, service: "AWS Backup" });
    v.check(frequency === undefined, "expression", cron.expression, frequency ?? "");
    v.throwIfAny();
    this.cron = cron;
    this.expression = cron.expression;
    this.timezone = options.timezone;
  }

  /** Shortest and longest gap between runs and runs per year. */
  frequency(): CronFrequency {
    return this.cron.frequency();
  }

  /** Worst-case recovery point objective of the schedule: the longest gap between two runs, in minutes. */
  rpoMinutes(): number {
    return this.cron.frequency().maxGapMinutes;
  }

  toString(): string {
    return this.timezone ? `${this.expression} (${this.timezone})` : this.expression;
  }
}

function checkHour(v: Validator, hour: number): void {
  v.check(Number.isInteger(hour) && hour >= 0 && hour <= 23, "hour", hour, awsRejects("cron hours other than whole numbers from 0 to 23"));
}

function checkMinute(v: Validator, minute: number): void {
  v.check(Number.isInteger(minute) && minute >= 0 && minute <= 59, "minute", minute, awsRejects("cron minutes other than whole numbers from 0 to 59"));
}
