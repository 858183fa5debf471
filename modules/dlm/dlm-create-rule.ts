import { DlmLifecyclePolicyPolicyDetailsScheduleCreateRule } from "@cdktf/provider-aws/lib/dlm-lifecycle-policy";
import { AwsCron, CronFields, CronFrequency, Validator } from "../core";
import { awsRejects, libraryRejects } from "../core/rules/authority";

/** The fields of a create rule, as the DLM API has them: a cron expression, or an interval with an optional start time. */
export interface DlmCreateRuleOptions {
  /** An AWS cron expression, `cron(minutes hours day-of-month month day-of-week year)`, in UTC. Conflicts with `interval`. */
  readonly cron?: string | AwsCron;
  /** Hours between two snapshots: 1, 2, 3, 4, 6, 8, 12 or 24. Conflicts with `cron`. */
  readonly interval?: number;
  /** The unit of `interval`; DLM takes only HOURS (weekly and monthly schedules need `cron`). @default "HOURS" */
  readonly intervalUnit?: string;
  /** The first run of the day, `HH:MM` in UTC; at most one. Only with `interval`. @default chosen by AWS */
  readonly times?: readonly string[];
}

/** Intervals, in hours, the DLM API accepts. @see https://docs.aws.amazon.com/dlm/latest/APIReference/API_CreateRule.html */
export const DLM_INTERVAL_HOURS: readonly number[] = [1, 2, 3, 4, 6, 8, 12, 24];

const TIME = /^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$/;
const HOUR_MINUTES = 60;
const YEAR_MINUTES = 366 * 24 * 60;

/**
 * When a DLM schedule creates snapshots or AMIs: a cron expression or a fixed interval in hours, never both.
 * A cron schedule must fire no more often than hourly and at least once a year.
 * @see https://docs.aws.amazon.com/dlm/latest/APIReference/API_CreateRule.html
 */
export class DlmCreateRule {
  /** A cron schedule, e.g. `DlmCreateRule.cron("cron(0 3 ? * SUN *)")` for 03:00 UTC every Sunday. */
  static cron(expression: string | AwsCron): DlmCreateRule {
    return new DlmCreateRule({ cron: expression });
  }

  /** A cron schedule from fields, e.g. `DlmCreateRule.cronOf({ hour: 3, day: 1 })` for 03:00 UTC on the 1st. */
  static cronOf(fields: CronFields): DlmCreateRule {
    return new DlmCreateRule({ cron: AwsCron.of(fields, "DlmCreateRule", "cron") });
  }

  /** Every `hours` hours (1, 2, 3, 4, 6, 8, 12 or 24), optionally starting at `at` (`HH:MM` UTC). */
  static every(hours: number, at?: string): DlmCreateRule {
    return new DlmCreateRule({ interval: hours, times: at === undefined ? undefined : [at] });
  }

  /** Once a day at `at` (`HH:MM` UTC). */
  static daily(at = "03:00"): DlmCreateRule {
    return DlmCreateRule.every(24, at);
  }

  /** Every hour. */
  static hourly(): DlmCreateRule {
    return DlmCreateRule.every(1);
  }

  /** A create rule from its API fields; checks that exactly one of `cron` and `interval` is set. */
  static of(options: DlmCreateRuleOptions): DlmCreateRule {
    return new DlmCreateRule(options);
  }

  /** The cron schedule, when the rule is cron-based. */
  public readonly cron?: AwsCron;
  /** Hours between runs, when the rule is interval-based. */
  public readonly interval?: number;
  /** The start time, when given. */
  public readonly times?: readonly string[];

  private constructor(options: DlmCreateRuleOptions) {
    const where = "DlmCreateRule";
    const v = new Validator(where);
    const hasCron = options.cron !== undefined;
    const hasInterval = options.interval !== undefined;
    v.check(
      hasCron !== hasInterval,
      "cron/interval",
      { cron: options.cron?.toString(), interval: options.interval },
      hasCron
        ? awsRejects("a create rule with both a cron expression and an interval (and the provider would silently drop the interval unit)")
        : awsRejects("a create rule with neither a cron expression nor an interval"),
      "use DlmCreateRule.cron(...) or DlmCreateRule.every(hours, at)",
    );
    if (hasCron) {
      v.check(
        options.times === undefined,
        "times",
        options.times,
        awsRejects("start times with a cron expression: they go with an interval"),
        "put the time of day into the cron expression",
      );
      v.check(
        options.intervalUnit === undefined,
        "intervalUnit",
        options.intervalUnit,
        awsRejects("an interval unit with a cron expression: it goes with an interval"),
      );
    }
    if (hasInterval) {
      v.check(
        DLM_INTERVAL_HOURS.includes(options.interval!),
        "interval",
        options.interval,
        awsRejects(`intervals other than ${DLM_INTERVAL_HOURS.join(", ")} hours`),
        "weekly, monthly or yearly schedules need a cron expression",
      );
      const unit = options.intervalUnit ?? "HOURS";
      v.check(
        unit === "HOURS",
        "intervalUnit",
        unit,
        awsRejects("interval units other than HOURS"),
        "weekly, monthly or yearly schedules need a cron expression",
      );
      const times = options.times ?? [];
      v.check(times.length <= 1, "times", options.times, awsRejects("more than one start time per create rule"));
      times.forEach((t, i) => v.matches(`times[${i}]`, t, TIME, awsRejects("start times other than a time of day HH:MM (24-hour clock, UTC)"), 'e.g. "03:00"'));
    }
    v.throwIfAny();

    if (hasCron) {
      const cron = typeof options.cron === "string" ? AwsCron.parse(options.cron, where, "cron") : options.cron!;
      const f = cron.frequency();
      const c = new Validator(where);
      c.check(
        cron.fields.year === "*",
        "cron",
        cron.expression,
        libraryRejects(`a year field other than "*" (here "${cron.fields.year}"): a schedule that stops firing leaves its resources unprotected`),
        'use "*" as the year',
      );
      c.check(
        f.minGapMinutes >= HOUR_MINUTES,
        "cron",
        cron.expression,
        awsRejects(`DLM schedules that fire more often than once an hour: this one fires every ${f.minGapMinutes} minutes at times`),
      );
      c.check(
        f.runsPerYear >= 1 && f.maxGapMinutes <= YEAR_MINUTES,
        "cron",
        cron.expression,
        awsRejects("DLM schedules that fire less often than once a year"),
      );
      c.throwIfAny();
      this.cron = cron;
    } else {
      this.interval = options.interval;
      this.times = options.times && options.times.length > 0 ? [...options.times] : undefined;
    }
  }

  /** How often the rule fires: shortest and longest gap between runs, and runs per year. */
  frequency(): CronFrequency {
    if (this.cron) return this.cron.frequency();
    const gap = this.interval! * 60;
    return { minGapMinutes: gap, maxGapMinutes: gap, runsPerYear: Math.floor((365 * 24) / this.interval!) };
  }

  /** Mean days between runs. */
  meanGapDays(): number {
    return 365 / this.frequency().runsPerYear;
  }

  /** @internal The provider block; `scripts` are added by the schedule. */
  _render(): DlmLifecyclePolicyPolicyDetailsScheduleCreateRule {
    if (this.cron) return { cronExpression: this.cron.expression };
    return { interval: this.interval, intervalUnit: "HOURS", times: this.times ? [...this.times] : undefined };
  }

  toString(): string {
    return this.cron ? this.cron.expression : `every ${this.interval}h${this.times ? ` from ${this.times[0]} UTC` : ""}`;
  }
}
