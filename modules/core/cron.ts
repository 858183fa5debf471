import { CronExpressionParser } from "cron-parser";
import { ValidationError, Validator } from "./errors";
import { awsRejects, libraryRejects } from "./rules/authority";

/** The fields of an AWS cron expression, as written inside `cron(...)`. */
export interface CronFields {
  /** Minutes, 0-59. @default "0" */
  readonly minute?: string | number;
  /** Hours, 0-23 (UTC unless the schedule has a timezone). @default "*" */
  readonly hour?: string | number;
  /** Day of month, 1-31, `L`, `W`. @default "*" when weekDay is "?", else "?" */
  readonly day?: string | number;
  /** Month, 1-12 or JAN-DEC. @default "*" */
  readonly month?: string | number;
  /** Day of week, 1-7 (1 = Sunday) or SUN-SAT, `L`, `#`. @default "?" */
  readonly weekDay?: string | number;
  /** Year, 1970-2199. @default "*" */
  readonly year?: string | number;
}

const MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC";
const DAYS = "SUN|MON|TUE|WED|THU|FRI|SAT";

function listOf(item: string): RegExp {
  const range = `(${item})(-(${item}))?(\\/\\d{1,2})?`;
  return new RegExp(`^(\\*(\\/\\d{1,2})?|${range}(,${range})*)$`, "i");
}

/** Per-field grammar of AWS cron; `?`, `L`, `W` and `#` only where AWS allows them. */
const FIELD_RULES: ReadonlyArray<{ name: keyof CronFields; pattern: RegExp; rule: string }> = [
  { name: "minute", pattern: listOf("[0-5]?\\d"), rule: "minutes 0-59 with , - * /" },
  { name: "hour", pattern: listOf("[01]?\\d|2[0-3]"), rule: "hours 0-23 with , - * /" },
  { name: "day", pattern: /^(\?|L|([1-9]|[12]\d|3[01])W|LW|.+)$/i, rule: "day of month 1-31 with , - * ? / L W" },
  { name: "month", pattern: listOf(`0?[1-9]|1[0-2]|${MONTHS}`), rule: "month 1-12 or JAN-DEC with , - * /" },
  { name: "weekDay", pattern: /^(\?|[1-7]L|(${DAYS})L|[1-7]#[1-5]|(${DAYS})#[1-5]|L|.+)$/i, rule: "day of week 1-7 or SUN-SAT with , - * ? / L #" },
  { name: "year", pattern: listOf("19[7-9]\\d|2[01]\\d\\d"), rule: "year 1970-2199 with , - * /" },
];
const DAY_LIST = listOf("0?[1-9]|[12]\\d|3[01]");
const WEEKDAY_LIST = listOf(`[1-7]|${DAYS}`);

/** How often an expression fires, computed from its real run times over two years. */
export interface CronFrequency {
  /** Shortest time between two runs, in minutes. */
  readonly minGapMinutes: number;
  /** Longest time between two runs, in minutes: the worst-case recovery point objective of the schedule. */
  readonly maxGapMinutes: number;
  /** Number of runs in the first of the two sampled years. */
  readonly runsPerYear: number;
}

const frequencyCache = new Map<string, CronFrequency>();
const SAMPLE_START = Date.UTC(2027, 0, 1);
const SAMPLE_END = Date.UTC(2029, 0, 1);
const DAY_MS = 86_400_000;

/**
 * An AWS cron expression: `cron(minutes hours day-of-month month day-of-week year)`, six fields,
 * one of day-of-month and day-of-week `?`. Validated once, when it is made.
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html#eb-cron-expressions
 */
export class AwsCron {
  /** Parses `cron(...)` text. `where` and `field` name the input in error messages. */
  static parse(expression: string, where = "cron", field = "expression"): AwsCron {
    const m = /^cron\((.*)\)$/.exec(expression?.trim?.() ?? "");
    const v = new Validator(where);
    if (!m) {
      v.check(
        false,
        field,
        expression,
        awsRejects("schedule expressions other than cron(minutes hours day-of-month month day-of-week year) here"),
        'e.g. "cron(0 5 ? * * *)" for 05:00 UTC every day',
      );
      v.throwIfAny();
    }
    const parts = m![1].trim().split(/\s+/);
    if (parts.length !== 6) {
      v.check(
        false,
        field,
        expression,
        awsRejects(`cron expressions without six fields inside cron(...): this one has ${parts.length}`),
        'AWS cron has a year field and no seconds field, e.g. "cron(0 5 ? * * *)"',
      );
      v.throwIfAny();
    }
    const [minute, hour, day, month, weekDay, year] = parts;
    return new AwsCron({ minute, hour, day, month, weekDay, year }, where, field, expression);
  }

  /** Builds an expression from fields; unset fields take the usual defaults (every day at minute 0 of every hour). */
  static of(fields: CronFields, where = "cron", field = "schedule"): AwsCron {
    const weekDay = fields.weekDay ?? "?";
    const day = fields.day ?? (String(weekDay) === "?" ? "*" : "?");
    return new AwsCron(
      { minute: fields.minute ?? 0, hour: fields.hour ?? "*", day, month: fields.month ?? "*", weekDay, year: fields.year ?? "*" },
      where,
      field,
    );
  }

  /** The expression as AWS expects it: `cron(...)`. */
  public readonly expression: string;
  public readonly fields: Required<{ [K in keyof CronFields]: string }>;

  private constructor(fields: CronFields, where: string, field: string, original?: string) {
    const f = {
      minute: String(fields.minute),
      hour: String(fields.hour),
      day: String(fields.day),
      month: String(fields.month),
      weekDay: String(fields.weekDay),
      year: String(fields.year),
    };
    this.fields = f;
    this.expression = `cron(${f.minute} ${f.hour} ${f.day} ${f.month} ${f.weekDay} ${f.year})`;
    const shown = original ?? this.expression;
    const v = new Validator(where);
    for (const r of FIELD_RULES) {
      v.check(r.pattern.test(f[r.name]), field, shown, awsRejects(`the ${r.name} field "${f[r.name]}" in cron: it takes ${r.rule}`));
    }
    if (f.day !== "?" && !/^(L|LW|([1-9]|[12]\d|3[01])W)$/i.test(f.day)) {
      v.check(DAY_LIST.test(f.day), field, shown, awsRejects(`the day field "${f.day}" in cron: it takes day of month 1-31 with , - * ? / L W`));
    }
    if (f.weekDay !== "?" && !/^([1-7]|SUN|MON|TUE|WED|THU|FRI|SAT)?(L|#[1-5])$/i.test(f.weekDay)) {
      v.check(
        WEEKDAY_LIST.test(f.weekDay),
        field,
        shown,
        awsRejects(`the weekDay field "${f.weekDay}" in cron: it takes day of week 1-7 or SUN-SAT with , - * ? / L #`),
      );
    }
    v.check(
      (f.day === "?") !== (f.weekDay === "?"),
      field,
      shown,
      awsRejects("cron expressions unless exactly one of day-of-month (3rd field) and day-of-week (5th field) is ?"),
      'use "?" in the field you do not restrict, e.g. "cron(0 5 ? * MON *)" or "cron(0 5 1 * ? *)"',
    );
    v.throwIfAny();
    // Let the cron library confirm the expression yields run times (catches e.g. day 31 of February only). AWS accepts
    // such an expression and never runs it: refusing it is this library's choice.
    let runs: CronFrequency | undefined;
    try {
      runs = this.sample();
    } catch (e) {
      v.check(false, field, shown, libraryRejects(`cron expressions the cron library cannot read, so not a usable schedule: ${(e as Error).message}`));
    }
    v.throwIfAny();
    v.check(runs !== undefined, field, shown, libraryRejects("cron expressions that never fire, so not a usable schedule (e.g. day 31 of February)"));
    v.throwIfAny();
  }

  /** Run times after `from` (UTC unless a timezone is given), ignoring the year field. */
  nextRuns(count: number, from: Date = new Date(SAMPLE_START), timezone?: string): Date[] {
    const it = CronExpressionParser.parse(this.toStandard(), { currentDate: from, tz: timezone ?? "UTC" });
    return it.take(count).map((d) => d.toDate());
  }

  /**
   * Shortest and longest gap between runs and runs per year, over two whole sampled years.
   * Days are matched by the cron library; times of day are the product of the hour and minute sets,
   * so the cost is one check per day rather than one iteration per run.
   */
  frequency(): CronFrequency {
    const runs = this.sample();
    if (runs === undefined) {
      throw new ValidationError({ where: "AwsCron", field: "expression", value: this.expression, rule: libraryRejects("cron expressions that never fire") });
    }
    return runs;
  }

  /** The frequency, or undefined when the expression never fires. */
  private sample(): CronFrequency | undefined {
    const key = this.toStandard();
    const cached = frequencyCache.get(key);
    if (cached) return cached;
    const parsed = CronExpressionParser.parse(key, { tz: "UTC" });
    const minutes = [...parsed.fields.minute.values].map(Number).sort((a, b) => a - b);
    const hours = [...parsed.fields.hour.values].map(Number).sort((a, b) => a - b);
    const times = hours.flatMap((h) => minutes.map((m) => h * 60 + m));
    const [, , dom, month, dow] = key.split(" ");
    const days = CronExpressionParser.parse(`0 0 ${dom} ${month} ${dow}`, { tz: "UTC" });
    let minGap = Number.POSITIVE_INFINITY;
    for (let i = 1; i < times.length; i++) minGap = Math.min(minGap, times[i] - times[i - 1]);
    let maxGap = times.length > 1 ? times.reduce((g, t, i) => (i === 0 ? g : Math.max(g, t - times[i - 1])), 0) : 0;
    let runsPerYear = 0;
    let prevDay: number | undefined;
    const yearEnd = Date.UTC(2028, 0, 1);
    for (let day = SAMPLE_START; day < SAMPLE_END; day += DAY_MS) {
      if (!days.includesDate(new Date(day))) continue;
      if (day < yearEnd) runsPerYear += times.length;
      if (prevDay !== undefined) {
        const between = ((day - prevDay) / DAY_MS) * 1440 - times[times.length - 1] + times[0];
        minGap = Math.min(minGap, between);
        maxGap = Math.max(maxGap, between);
      }
      prevDay = day;
    }
    if (prevDay === undefined) return undefined;
    if (!Number.isFinite(minGap)) minGap = maxGap = (SAMPLE_END - SAMPLE_START) / 60_000;
    const result = { minGapMinutes: minGap, maxGapMinutes: maxGap, runsPerYear };
    frequencyCache.set(key, result);
    return result;
  }

  /** The expression in the five-field form the cron library reads: AWS days of week 1-7 become 0-6. */
  private toStandard(): string {
    const f = this.fields;
    const dow = f.weekDay === "?" ? "*" : f.weekDay.replace(/\d/g, (d, offset: number, s: string) => (s[offset - 1] === "#" ? d : String(Number(d) - 1)));
    // The cron library has no W (nearest weekday): for frequency, the named day itself is within two days of it.
    const dom = f.day === "?" ? "*" : f.day.replace(/^LW$/i, "L").replace(/^(\d+)W$/i, "$1");
    return `${f.minute} ${f.hour} ${dom} ${f.month} ${dow}`;
  }

  toString(): string {
    return this.expression;
  }
}
