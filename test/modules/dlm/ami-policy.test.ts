import { Retention } from "../../../modules/core";
import { AmiPolicy, DlmCreateRule, DlmRetainRule, DlmSchedule } from "../../../modules/dlm";
import { errorOf } from "../../helpers";
import { EAST_KEY, WEST_KEY, daily, onlyPolicy, stackWithRoles } from "./dlm-fixtures";

describe("AmiPolicy", () => {
  test("is an IMAGE_MANAGEMENT policy on INSTANCE that leaves no_reboot to AWS unless asked", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    new AmiPolicy(stack, "Amis", { description: "AMIs", executionRole: roles, targetTags: { Ami: "yes" }, schedules: [daily()] });
    // then
    const details = onlyPolicy(stack, "Amis").policy_details;
    expect(details.policy_type).toBe("IMAGE_MANAGEMENT");
    expect(details.resource_types).toEqual(["INSTANCE"]);
    // no parameters block unless asked: AWS applies its own no_reboot default, as with the provider
    expect(details.parameters).toBeUndefined();
  });

  test("reboots instances first when noReboot is false", () => {
    const { stack, roles } = stackWithRoles();
    new AmiPolicy(stack, "Amis", { description: "AMIs", executionRole: roles, targetTags: { Ami: "yes" }, schedules: [daily()], noReboot: false });
    expect(onlyPolicy(stack, "Amis").policy_details.parameters).toEqual({ no_reboot: false });
  });

  test("runs as the AMI role of the account's DlmServiceRoles", () => {
    const { stack, roles } = stackWithRoles();
    new AmiPolicy(stack, "Amis", { description: "AMIs", executionRole: roles, targetTags: { Ami: "yes" }, schedules: [daily()] });
    const policy = onlyPolicy(stack, "Amis");
    expect(policy.execution_role_arn).toBe("${aws_iam_role.DlmRoles_AmiRole.arn}");
    expect(policy.depends_on).toEqual(["aws_iam_role_policy_attachment.DlmRoles_AmiRoleManagedPolicy"]);
  });

  test("deprecates AMIs by count on a count-based schedule", () => {
    const { stack, roles } = stackWithRoles();
    const weekly = new DlmSchedule({
      name: "weekly",
      create: DlmCreateRule.cron("cron(0 1 ? * SAT *)"),
      retain: DlmRetainRule.count(4),
      deprecate: { count: 2 },
    });
    new AmiPolicy(stack, "Amis", { description: "AMIs", executionRole: roles, targetTags: { Ami: "yes" }, schedules: [weekly] });
    expect(onlyPolicy(stack, "Amis").policy_details.schedule[0].deprecate_rule).toEqual({ count: 2 });
  });
});

describe("AmiPolicy.dailyWithCrossRegionCopy", () => {
  test("creates daily AMIs kept 7 days and copies each to the DR Region with target_region and the DR key", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", {
      targetTags: { Ami: "daily" },
      drRegion: "us-west-2",
      drKeyArn: WEST_KEY,
      retain: Retention.days(7),
      executionRole: roles,
    });
    // then
    const schedule = onlyPolicy(stack, "Dr").policy_details.schedule[0];
    expect(schedule.retain_rule).toEqual({ interval: 7, interval_unit: "DAYS" });
    expect(schedule.cross_region_copy_rule).toEqual([
      { target_region: "us-west-2", encrypted: true, cmk_arn: WEST_KEY, retain_rule: { interval: 7, interval_unit: "DAYS" } },
    ]);
  });

  test("deprecates AMIs and their copies when asked, and keeps copies for their own time", () => {
    const { stack, roles } = stackWithRoles();
    AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", {
      targetTags: { Ami: "daily" },
      drRegion: "us-west-2",
      drKeyArn: WEST_KEY,
      retain: Retention.days(7),
      copyRetain: Retention.days(30),
      deprecateAfter: Retention.days(5),
      executionRole: roles,
    });
    const schedule = onlyPolicy(stack, "Dr").policy_details.schedule[0];
    expect(schedule.deprecate_rule).toEqual({ interval: 5, interval_unit: "DAYS" });
    expect(schedule.cross_region_copy_rule[0].retain_rule).toEqual({ interval: 30, interval_unit: "DAYS" });
    expect(schedule.cross_region_copy_rule[0].deprecate_rule).toEqual({ interval: 5, interval_unit: "DAYS" });
  });

  test("refuses a DR key of the source Region", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() =>
      AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", { targetTags: { Ami: "daily" }, drRegion: "us-west-2", drKeyArn: EAST_KEY, executionRole: roles }),
    );
    expect(message).toContain("is a key of us-east-1, but the copy goes to us-west-2");
  });

  test("refuses deprecating after longer than the AMIs are kept", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() =>
      AmiPolicy.dailyWithCrossRegionCopy(stack, "Dr", {
        targetTags: { Ami: "daily" },
        drRegion: "us-west-2",
        drKeyArn: WEST_KEY,
        retain: Retention.days(7),
        deprecateAfter: Retention.days(8),
        executionRole: roles,
      }),
    );
    expect(message).toContain('deprecate.age = "8 days": AWS rejects a deprecate age longer than the retention (7 days)');
  });

  test("keeps copies of AMIs for a retention given in other units", () => {
    const { stack, roles } = stackWithRoles();
    const schedule = daily({ crossRegionCopies: [{ region: "us-west-2", encryptionKey: WEST_KEY, retain: Retention.months(1) }] });
    new AmiPolicy(stack, "Amis", { description: "AMIs", executionRole: roles, targetTags: { Ami: "yes" }, schedules: [schedule] });
    expect(onlyPolicy(stack, "Amis").policy_details.schedule[0].cross_region_copy_rule[0].retain_rule).toEqual({ interval: 1, interval_unit: "MONTHS" });
  });
});
