import { Retention } from "../../../modules/core";
import { DlmRetainRule } from "../../../modules/dlm";

describe("DlmRetainRule", () => {
  test("renders a count-based rule as count only", () => {
    // given / when
    const rule = DlmRetainRule.count(24);
    // then
    expect(rule.isCountBased).toBe(true);
    expect(rule._render()).toEqual({ count: 24 });
  });

  test("renders an age-based rule as interval and unit", () => {
    const rule = DlmRetainRule.age(Retention.months(3));
    expect(rule.isCountBased).toBe(false);
    expect(rule._render()).toEqual({ interval: 3, intervalUnit: "MONTHS" });
  });

  test("days(n) is an age in days", () => {
    expect(DlmRetainRule.days(14)._render()).toEqual({ interval: 14, intervalUnit: "DAYS" });
  });

  test("accepts exactly 100 years", () => {
    expect(DlmRetainRule.age(Retention.years(100)).age!.toDays()).toBe(36500);
  });

  test("accepts 1000 snapshots", () => {
    expect(DlmRetainRule.count(1000).count).toBe(1000);
  });
});
