import { AwsCron } from "../../../modules/core";
import { errorOf } from "../../helpers";

describe("AwsCron", () => {
  test("accepts a daily expression and reports a one-day gap", () => {
    const cron = AwsCron.parse("cron(0 5 ? * * *)");
    expect(cron.frequency()).toEqual({ minGapMinutes: 1440, maxGapMinutes: 1440, runsPerYear: 365 });
  });

  test("reads AWS day-of-week numbers with 1 as Sunday", () => {
    // 2027-01-03 is a Sunday
    const [first] = AwsCron.parse("cron(0 5 ? * 1 *)").nextRuns(1, new Date(Date.UTC(2027, 0, 1)));
    expect(first.toISOString()).toBe("2027-01-03T05:00:00.000Z");
  });

  test("reports the worst gap of a weekday schedule across the weekend", () => {
    expect(AwsCron.parse("cron(30 2 ? * MON-FRI *)").frequency().maxGapMinutes).toBe(3 * 1440);
  });

  test("reports the longest month as the worst gap of a monthly schedule", () => {
    expect(AwsCron.parse("cron(0 5 1 * ? *)").frequency().maxGapMinutes).toBe(31 * 1440);
  });

  test("builds an expression from fields", () => {
    expect(AwsCron.of({ minute: 15, hour: 3 }).expression).toBe("cron(15 3 * * ? *)");
    expect(AwsCron.of({ minute: 0, hour: 3, weekDay: "SUN" }).expression).toBe("cron(0 3 ? * SUN *)");
  });

  test.each([
    ["0 5 * * *", "AWS rejects schedule expressions other than cron(minutes hours day-of-month month day-of-week year) here"],
    ["cron(0 5 * * ?)", "AWS rejects cron expressions without six fields inside cron(...): this one has 5"],
    ["cron(0 0 5 * * ? *)", "AWS rejects cron expressions without six fields inside cron(...): this one has 7"],
    ["cron(0 5 * * * *)", "AWS rejects cron expressions unless exactly one of day-of-month (3rd field) and day-of-week (5th field) is ?"],
    ["cron(0 5 ? * ? *)", "AWS rejects cron expressions unless exactly one of day-of-month (3rd field) and day-of-week (5th field) is ?"],
    ["cron(60 5 ? * * *)", 'minute field "60"'],
    ["cron(0 24 ? * * *)", 'hour field "24"'],
    ["cron(0 5 32 * ? *)", 'day field "32"'],
    ["cron(0 5 ? 13 * *)", 'month field "13"'],
    ["cron(0 5 ? * 8 *)", 'weekDay field "8"'],
    ["cron(0 5 ? * * 1969)", 'year field "1969"'],
  ])("refuses %s", (expression, rule) => {
    const message = errorOf(() => AwsCron.parse(expression, "Plan", "schedule"));
    expect(message).toContain(`schedule = ${JSON.stringify(expression)}`);
    expect(message).toContain(rule);
  });

  test("refuses a day that never comes", () => {
    expect(errorOf(() => AwsCron.parse("cron(0 5 31 2 ? *)"))).toContain(
      "this library rejects cron expressions the cron library cannot read, so not a usable schedule: Invalid explicit day of month definition",
    );
  });
});
