import { Duration, Retention } from "../../../modules/core";
import { Token } from "../../../modules/core/cdktf";
import { AmiDailyWithCopyOptions, AmiPolicy, DefaultPolicy, DlmCreateRule, DlmRetainRule, DlmSchedule, SnapshotPolicy } from "../../../modules/dlm";
import { errorOf, synthJson } from "../../helpers";
import { warningsIn } from "../warnings";
import { WEST_KEY, stackWithRoles } from "./dlm-fixtures";

/** The resources a stack with the account's DLM roles synthesizes. */
function resourcesOf(build: (s: ReturnType<typeof stackWithRoles>) => void): unknown {
  const s = stackWithRoles();
  build(s);
  return synthJson(s.stack).resource;
}

/** Warnings without the construct path prefix. */
function messages(warnings: string[]): string[] {
  return warnings.map((w) => w.replace(/^\[.*?\] /, ""));
}

describe("AmiPolicy.dailyWithCrossRegionCopy: deprecated day counts", () => {
  const common = (roles: ReturnType<typeof stackWithRoles>["roles"]): AmiDailyWithCopyOptions => ({
    targetTags: { Ami: "daily" },
    drRegion: "us-west-2",
    drKeyArn: WEST_KEY,
    executionRole: roles,
  });

  test("synthesize the same policy as Retention values", () => {
    const old = resourcesOf(({ stack, roles }) =>
      AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", { ...common(roles), retainDays: 7, copyRetainDays: 30, deprecateAfterDays: 5 }),
    );
    const current = resourcesOf(({ stack, roles }) =>
      AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", {
        ...common(roles),
        retain: Retention.days(7),
        copyRetain: Retention.days(30),
        deprecateAfter: Retention.days(5),
      }),
    );
    expect(old).toEqual(current);
  });

  test("warn on the policy, once per deprecated option", () => {
    const { stack, roles } = stackWithRoles();
    const policy = AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", { ...common(roles), retainDays: 7, copyRetainDays: 30, deprecateAfterDays: 5 });
    expect(messages(warningsIn(policy))).toEqual([
      "retainDays = 7: retainDays is deprecated and will be removed in the next minor version. Fix: use retain: Retention.days(7)",
      "copyRetainDays = 30: copyRetainDays is deprecated and will be removed in the next minor version. Fix: use copyRetain: Retention.days(30)",
      "deprecateAfterDays = 5: deprecateAfterDays is deprecated and will be removed in the next minor version. Fix: use deprecateAfter: Retention.days(5)",
    ]);
  });

  test("refuse an option given in both forms, naming both", () => {
    const { stack, roles } = stackWithRoles();
    const msg = errorOf(() => AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", { ...common(roles), retain: Retention.days(7), retainDays: 7 }));
    expect(msg).toContain("test/Dr: retain = ");
    expect(msg).toContain("the deprecated retainDays, which it replaces, not both");
  });

  test("keep the retention's own unit, as DLM takes it", () => {
    const { stack, roles } = stackWithRoles();
    AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", { ...common(roles), retain: Retention.weeks(2) });
    const policy = synthJson(stack).resource.aws_dlm_lifecycle_policy.Dr;
    expect(policy.description).toBe("Daily AMIs kept 2 weeks with copies in us-west-2");
    expect(policy.policy_details.schedule[0].retain_rule).toEqual({ interval: 2, interval_unit: "WEEKS" });
  });
});

describe("SnapshotPolicy.dailyVolumes: deprecated retainDays", () => {
  test("synthesizes the same policy as a Retention, with a warning", () => {
    // given
    const old = stackWithRoles();
    // when
    const policy = SnapshotPolicy.dailyVolumes(old.stack, "Daily", { targetTags: { Backup: "daily" }, executionRole: old.roles, retainDays: 14 });
    // then
    const current = resourcesOf(({ stack, roles }) =>
      SnapshotPolicy.dailyVolumes(stack, "Daily", { targetTags: { Backup: "daily" }, executionRole: roles, retain: Retention.days(14) }),
    );
    expect(synthJson(old.stack).resource).toEqual(current);
    expect(messages(warningsIn(policy))).toEqual([
      "retainDays = 14: retainDays is deprecated and will be removed in the next minor version. Fix: use retain: Retention.days(14)",
    ]);
  });
});

describe("DefaultPolicy: deprecated interval day counts", () => {
  test("synthesize the same policy as a Duration and a Retention, with a warning per option", () => {
    const old = stackWithRoles();
    const policy = DefaultPolicy.forVolumes(old.stack, "Volumes", { executionRole: old.roles, createIntervalDays: 2, retainIntervalDays: 14 });
    const current = resourcesOf(({ stack, roles }) =>
      DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, createInterval: Duration.days(2), retainInterval: Retention.weeks(2) }),
    );
    expect(synthJson(old.stack).resource).toEqual(current);
    expect(messages(warningsIn(policy))).toEqual([
      "createIntervalDays = 2: createIntervalDays is deprecated and will be removed in the next minor version. Fix: use createInterval: Duration.days(2)",
      "retainIntervalDays = 14: retainIntervalDays is deprecated and will be removed in the next minor version. Fix: use retainInterval: Retention.days(14)",
    ]);
  });

  test("refuse an interval given in both forms, naming both", () => {
    const { stack, roles } = stackWithRoles();
    const msg = errorOf(() => DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, createInterval: Duration.days(1), createIntervalDays: 1 }));
    expect(msg).toContain("the deprecated createIntervalDays, which it replaces, not both");
  });

  test("refuse a retain interval in months: default policies count days", () => {
    const { stack, roles } = stackWithRoles();
    const msg = errorOf(() => DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, retainInterval: Retention.months(1) }));
    expect(msg).toContain(
      'retainInterval = "1 months": AWS rejects retentions other than whole days here (A DLM default policy counts retention in days, and months have no fixed number of days)',
    );
  });
});

describe("DLM schedules with a retention that is a token", () => {
  const tokenDays = () => Retention.days(Token.asNumber("${var.archive_days}"));

  test("an archive age that is a token is left to Terraform", () => {
    expect(
      () =>
        new DlmSchedule({
          name: "monthly",
          create: DlmCreateRule.cron("cron(0 4 1 * ? *)"),
          retain: DlmRetainRule.age(Retention.months(3)),
          archive: { age: tokenDays() },
        }),
    ).not.toThrow();
  });

  test("a deprecate age is not compared with a retention that is a token", () => {
    expect(
      () =>
        new DlmSchedule({
          name: "daily",
          create: DlmCreateRule.daily("03:00"),
          retain: DlmRetainRule.age(tokenDays()),
          deprecate: { age: Retention.days(5) },
        }),
    ).not.toThrow();
  });

  test("a literal archive age under 90 days is still refused", () => {
    const msg = errorOf(
      () =>
        new DlmSchedule({
          name: "monthly",
          create: DlmCreateRule.cron("cron(0 4 1 * ? *)"),
          retain: DlmRetainRule.age(Retention.months(3)),
          archive: { age: Retention.days(30) },
        }),
    );
    expect(msg).toContain('archive.age = "30 days": AWS rejects archive-tier retentions shorter than 90 days');
  });
});
