import { Retention } from "../../../modules/core";
import { DlmCreateRule, DlmRetainRule, DlmSchedule, SnapshotPolicy } from "../../../modules/dlm";
import { TerraformOutput } from "../../../modules/core/cdktf";
import { resources, synthJson } from "../../helpers";
import { ROLE_ARN, WEST_COPY, daily, onlyPolicy, stackWithRoles } from "./dlm-fixtures";

describe("SnapshotPolicy", () => {
  test("is an EBS snapshot policy on the tagged resource type, enabled by default", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    new SnapshotPolicy(stack, "Volumes", {
      description: "Volume snapshots",
      executionRole: roles,
      resourceType: "VOLUME",
      targetTags: { Backup: "yes" },
      schedules: [daily()],
    });
    // then
    const policy = onlyPolicy(stack, "Volumes");
    expect(policy.state).toBe("ENABLED");
    expect(policy.description).toBe("Volume snapshots");
    expect(policy.policy_details.policy_type).toBe("EBS_SNAPSHOT_MANAGEMENT");
    expect(policy.policy_details.resource_types).toEqual(["VOLUME"]);
    expect(policy.policy_details.target_tags).toEqual({ Backup: "yes" });
  });

  test("runs as the snapshot role of the account's DlmServiceRoles and waits for its managed policy", () => {
    const { stack, roles } = stackWithRoles();
    new SnapshotPolicy(stack, "Volumes", { description: "d", executionRole: roles, resourceType: "VOLUME", targetTags: { B: "1" }, schedules: [daily()] });
    const policy = onlyPolicy(stack, "Volumes");
    expect(policy.execution_role_arn).toBe("${aws_iam_role.DlmRoles_SnapshotRole.arn}");
    expect(policy.depends_on).toEqual(["aws_iam_role_policy_attachment.DlmRoles_SnapshotRoleManagedPolicy"]);
  });

  test("takes a role ARN as is", () => {
    const { stack } = stackWithRoles();
    new SnapshotPolicy(stack, "Volumes", { description: "d", executionRole: ROLE_ARN, resourceType: "VOLUME", targetTags: { B: "1" }, schedules: [daily()] });
    const policy = onlyPolicy(stack, "Volumes");
    expect(policy.execution_role_arn).toBe(ROLE_ARN);
    expect(policy.depends_on).toBeUndefined();
  });

  test("can be created disabled", () => {
    const { stack, roles } = stackWithRoles();
    new SnapshotPolicy(stack, "Volumes", {
      description: "d",
      executionRole: roles,
      resourceType: "VOLUME",
      targetTags: { B: "1" },
      schedules: [daily()],
      state: "DISABLED",
    });
    expect(onlyPolicy(stack, "Volumes").state).toBe("DISABLED");
  });

  test("leaves the boot volume out of INSTANCE snapshot sets when asked", () => {
    const { stack, roles } = stackWithRoles();
    new SnapshotPolicy(stack, "Sets", {
      description: "d",
      executionRole: roles,
      resourceType: "INSTANCE",
      targetTags: { B: "1" },
      schedules: [daily()],
      excludeBootVolume: true,
    });
    expect(onlyPolicy(stack, "Sets").policy_details.parameters).toEqual({ exclude_boot_volume: true });
  });

  test("emits no parameters block unless asked", () => {
    const { stack, roles } = stackWithRoles();
    new SnapshotPolicy(stack, "Volumes", { description: "d", executionRole: roles, resourceType: "VOLUME", targetTags: { B: "1" }, schedules: [daily()] });
    expect(onlyPolicy(stack, "Volumes").policy_details.parameters).toBeUndefined();
  });

  test("keeps up to four schedules in order", () => {
    const { stack, roles } = stackWithRoles();
    const schedules = [
      daily(),
      new DlmSchedule({ name: "hourly", create: DlmCreateRule.hourly(), retain: DlmRetainRule.count(24) }),
      new DlmSchedule({ name: "weekly", create: DlmCreateRule.cron("cron(0 2 ? * SUN *)"), retain: DlmRetainRule.count(4) }),
      new DlmSchedule({ name: "monthly", create: DlmCreateRule.cron("cron(0 2 1 * ? *)"), retain: DlmRetainRule.age(Retention.years(1)) }),
    ];
    new SnapshotPolicy(stack, "Volumes", { description: "d", executionRole: roles, resourceType: "VOLUME", targetTags: { B: "1" }, schedules });
    expect(onlyPolicy(stack, "Volumes").policy_details.schedule.map((s: any) => s.name)).toEqual(["daily", "hourly", "weekly", "monthly"]);
  });

  test("exposes its ARN and ID", () => {
    const { stack, roles } = stackWithRoles();
    const policy = new SnapshotPolicy(stack, "Volumes", {
      description: "d",
      executionRole: roles,
      resourceType: "VOLUME",
      targetTags: { B: "1" },
      schedules: [daily()],
    });
    new TerraformOutput(stack, "PolicyArn", { value: policy.arn });
    new TerraformOutput(stack, "PolicyId", { value: policy.policyId });
    const outputs = synthJson(stack).output;
    expect(outputs.PolicyArn.value).toBe("${aws_dlm_lifecycle_policy.Volumes.arn}");
    expect(outputs.PolicyId.value).toBe("${aws_dlm_lifecycle_policy.Volumes.id}");
  });

  test("puts its policy in the Region of the given provider", () => {
    const { stack, roles } = stackWithRoles();
    new SnapshotPolicy(stack, "West", {
      description: "d",
      executionRole: roles,
      resourceType: "VOLUME",
      targetTags: { B: "1" },
      schedules: [daily()],
      provider: stack.providerFor("us-west-2"),
      region: "us-west-2",
    });
    expect(resources(stack, "aws_dlm_lifecycle_policy").West.provider).toBe("aws.us_west_2");
  });
});

describe("SnapshotPolicy presets", () => {
  test("dailyVolumes snapshots tagged volumes daily at 03:00 and keeps them 7 days", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    SnapshotPolicy.dailyVolumes(stack, "Daily", { targetTags: { Backup: "daily" }, executionRole: roles });
    // then
    const policy = onlyPolicy(stack, "Daily");
    expect(policy.description).toBe("Daily volume snapshots kept 7 days");
    expect(policy.policy_details.schedule).toEqual([
      {
        name: "daily",
        create_rule: { interval: 24, interval_unit: "HOURS", times: ["03:00"] },
        retain_rule: { interval: 7, interval_unit: "DAYS" },
      },
    ]);
  });

  test("dailyVolumes takes copies, a share rule and fast restore", () => {
    const { stack, roles } = stackWithRoles();
    SnapshotPolicy.dailyVolumes(stack, "Daily", {
      targetTags: { Backup: "daily" },
      executionRole: roles,
      retain: Retention.days(14),
      at: "22:00",
      crossRegionCopies: [WEST_COPY],
      share: { accountIds: ["222222222222"] },
      fastRestore: { availabilityZones: ["us-east-1a"], count: 1 },
    });
    const schedule = onlyPolicy(stack, "Daily").policy_details.schedule[0];
    expect(schedule.retain_rule).toEqual({ interval: 14, interval_unit: "DAYS" });
    expect(schedule.create_rule.times).toEqual(["22:00"]);
    expect(schedule.cross_region_copy_rule[0].target).toBe("us-west-2");
    expect(schedule.share_rule.target_accounts).toEqual(["222222222222"]);
    expect(schedule.fast_restore_rule.count).toBe(1);
  });

  test("hourlyVolumes keeps the newest 24 hourly snapshots", () => {
    const { stack, roles } = stackWithRoles();
    SnapshotPolicy.hourlyVolumes(stack, "Hourly", { targetTags: { Backup: "hourly" }, executionRole: roles });
    const schedule = onlyPolicy(stack, "Hourly").policy_details.schedule[0];
    expect(schedule.create_rule).toEqual({ interval: 1, interval_unit: "HOURS" });
    expect(schedule.retain_rule).toEqual({ count: 24 });
  });
});
