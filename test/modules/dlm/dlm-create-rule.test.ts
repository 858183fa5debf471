import { AwsCron } from "../../../modules/core";
import { DlmCreateRule } from "../../../modules/dlm";

describe("DlmCreateRule", () => {
  test("renders a daily rule as a 24-hour interval with one start time", () => {
    // given
    const rule = DlmCreateRule.daily("02:30");
    // when
    const rendered = rule._render();
    // then
    expect(rendered).toEqual({ interval: 24, intervalUnit: "HOURS", times: ["02:30"] });
  });

  test("renders an interval without a start time without times", () => {
    expect(DlmCreateRule.every(6)._render()).toEqual({ interval: 6, intervalUnit: "HOURS", times: undefined });
  });

  test("renders a cron rule as the expression only", () => {
    expect(DlmCreateRule.cron("cron(0 3 ? * SUN *)")._render()).toEqual({ cronExpression: "cron(0 3 ? * SUN *)" });
  });

  test("builds a cron rule from fields", () => {
    expect(DlmCreateRule.cronOf({ hour: 4, day: 1 }).cron!.expression).toBe("cron(0 4 1 * ? *)");
  });

  test("accepts an AwsCron made elsewhere", () => {
    const cron = AwsCron.parse("cron(15 1 ? * MON-FRI *)");
    expect(DlmCreateRule.cron(cron).cron).toBe(cron);
  });

  test("accepts an hourly cron schedule", () => {
    expect(DlmCreateRule.cron("cron(0 * * * ? *)").frequency().minGapMinutes).toBe(60);
  });

  test("reports the frequency of an interval", () => {
    expect(DlmCreateRule.every(12).frequency()).toEqual({ minGapMinutes: 720, maxGapMinutes: 720, runsPerYear: 730 });
  });

  test("reports the mean gap of a monthly schedule in days", () => {
    expect(DlmCreateRule.cron("cron(0 4 1 * ? *)").meanGapDays()).toBeCloseTo(365 / 12, 5);
  });

  test("describes itself for error messages", () => {
    expect(DlmCreateRule.daily("03:00").toString()).toBe("every 24h from 03:00 UTC");
    expect(DlmCreateRule.hourly().toString()).toBe("every 1h");
  });
});
