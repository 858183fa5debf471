import { Retention } from "../../../modules/core";
import { AmiPolicy, DlmCreateRule, DlmRetainRule, DlmSchedule, DlmScheduleProps, SnapshotPolicy, SnapshotResourceType } from "../../../modules/dlm";
import { errorOf } from "../../helpers";
import { EAST_KEY, WEST_COPY, daily, onlyPolicy, stackWithRoles } from "./dlm-fixtures";

/** The synthesized schedule of a one-schedule snapshot policy. */
function snapshotSchedule(schedule: DlmSchedule, resourceType: SnapshotResourceType = "VOLUME"): any {
  const { stack, roles } = stackWithRoles();
  new SnapshotPolicy(stack, "Policy", {
    description: "d",
    executionRole: roles,
    resourceType,
    targetTags: { B: "1" },
    schedules: [schedule],
    region: "us-east-1",
  });
  return onlyPolicy(stack, "Policy").policy_details.schedule[0];
}

function snapshotPolicyError(schedule: DlmSchedule, resourceType: SnapshotResourceType = "VOLUME"): string {
  return errorOf(() => snapshotSchedule(schedule, resourceType));
}

function amiSchedule(schedule: DlmSchedule): any {
  const { stack, roles } = stackWithRoles();
  new AmiPolicy(stack, "Policy", { description: "d", executionRole: roles, targetTags: { B: "1" }, schedules: [schedule], region: "us-east-1" });
  return onlyPolicy(stack, "Policy").policy_details.schedule[0];
}

const monthly = (overrides: Partial<DlmScheduleProps> = {}) =>
  new DlmSchedule({ name: "monthly", create: DlmCreateRule.cron("cron(0 4 1 * ? *)"), retain: DlmRetainRule.count(3), ...overrides });

describe("DlmSchedule rendering", () => {
  test("leaves copy_tags unset by default, so the provider's false applies", () => {
    // given / when
    const schedule = snapshotSchedule(daily());
    // then
    expect(schedule.copy_tags).toBeUndefined();
  });

  test("renders create and retain rules", () => {
    const schedule = snapshotSchedule(daily());
    expect(schedule.create_rule).toEqual({ interval: 24, interval_unit: "HOURS", times: ["03:00"] });
    expect(schedule.retain_rule).toEqual({ interval: 7, interval_unit: "DAYS" });
  });

  test("renders a cross-Region copy encrypted with its key and kept for its own retention", () => {
    const schedule = snapshotSchedule(daily({ crossRegionCopies: [WEST_COPY] }));
    expect(schedule.cross_region_copy_rule).toEqual([
      { target: "us-west-2", encrypted: true, cmk_arn: WEST_COPY.encryptionKey, retain_rule: { interval: 30, interval_unit: "DAYS" } },
    ]);
  });

  test("renders a share rule with its unshare interval", () => {
    const schedule = snapshotSchedule(daily({ share: { accountIds: ["222222222222"], unshareAfter: Retention.weeks(2) } }));
    expect(schedule.share_rule).toEqual({ target_accounts: ["222222222222"], unshare_interval: 2, unshare_interval_unit: "WEEKS" });
  });

  test("renders fast snapshot restore by age", () => {
    const schedule = snapshotSchedule(daily({ fastRestore: { availabilityZones: ["us-east-1a"], age: Retention.days(1) } }));
    expect(schedule.fast_restore_rule).toEqual({ availability_zones: ["us-east-1a"], interval: 1, interval_unit: "DAYS" });
  });

  test("renders an archive rule by count", () => {
    const schedule = snapshotSchedule(monthly({ archive: { count: 12 } }));
    expect(schedule.archive_rule).toEqual({ archive_retain_rule: { retention_archive_tier: { count: 12 } } });
  });

  test("renders an archive rule by age on an age-based monthly schedule", () => {
    const schedule = snapshotSchedule(monthly({ retain: DlmRetainRule.age(Retention.months(2)), archive: { age: Retention.years(1) } }));
    expect(schedule.archive_rule.archive_retain_rule.retention_archive_tier).toEqual({ interval: 1, interval_unit: "YEARS" });
  });

  test("renders SSM document scripts with both stages and crash-consistent fallback", () => {
    const schedule = snapshotSchedule(daily({ scripts: { handler: "MyAppQuiesce", timeoutSeconds: 60, maxRetries: 2 } }), "INSTANCE");
    expect(schedule.create_rule.scripts).toEqual({
      execution_handler: "MyAppQuiesce",
      execution_handler_service: "AWS_SYSTEMS_MANAGER",
      stages: ["PRE", "POST"],
      execution_timeout: 60,
      maximum_retry_count: 2,
      execute_operation_on_script_failure: true,
    });
  });

  test("renders VSS scripts without stages or timeout", () => {
    const schedule = snapshotSchedule(daily({ scripts: { handler: "AWS_VSS_BACKUP" } }), "INSTANCE");
    expect(schedule.create_rule.scripts).toEqual({ execution_handler: "AWS_VSS_BACKUP", execution_handler_service: "AWS_SYSTEMS_MANAGER" });
  });

  test("renders variable tags on an INSTANCE snapshot policy", () => {
    const schedule = snapshotSchedule(daily({ variableTags: { Instance: "$(instance-id)" } }), "INSTANCE");
    expect(schedule.variable_tags).toEqual({ Instance: "$(instance-id)" });
  });

  test("renders deprecation of AMIs and of their copies on an AMI policy", () => {
    const schedule = amiSchedule(daily({ deprecate: { age: Retention.days(5) }, crossRegionCopies: [{ ...WEST_COPY, deprecateAfter: Retention.days(10) }] }));
    expect(schedule.deprecate_rule).toEqual({ interval: 5, interval_unit: "DAYS" });
    expect(schedule.cross_region_copy_rule[0].deprecate_rule).toEqual({ interval: 10, interval_unit: "DAYS" });
  });
});

describe("DlmSchedule rules beyond the constraints table", () => {
  test("refuses a copy into the policy's own Region", () => {
    const message = snapshotPolicyError(daily({ crossRegionCopies: [{ region: "us-east-1", encryptionKey: EAST_KEY, retain: Retention.days(7) }] }));
    expect(message).toContain('schedules[0].crossRegionCopies[0].region = "us-east-1": AWS rejects a cross-Region copy into the policy\'s own Region');
  });

  test("refuses two copies into one Region", () => {
    expect(errorOf(() => daily({ crossRegionCopies: [WEST_COPY, WEST_COPY] }))).toContain(
      'crossRegionCopies = ["us-west-2","us-west-2"]: this library rejects a Region listed twice',
    );
  });

  test("refuses a copy without a retention", () => {
    const message = errorOf(() => daily({ crossRegionCopies: [{ region: "us-west-2", encryptionKey: WEST_COPY.encryptionKey } as never] }));
    expect(message).toContain("crossRegionCopies[0].retain = (not set): this library needs it: how long the copies are kept in the target Region");
  });

  test("refuses deprecating copies for longer than they are kept", () => {
    const message = errorOf(() => daily({ crossRegionCopies: [{ ...WEST_COPY, deprecateAfter: Retention.days(31) }] }));
    expect(message).toContain('crossRegionCopies[0].deprecateAfter = "31 days": AWS rejects deprecating copies later than the copy retention (30 days)');
  });

  test("refuses fast restore in another Region's Availability Zone", () => {
    const message = snapshotPolicyError(daily({ fastRestore: { availabilityZones: ["us-west-2a"], count: 1 } }));
    expect(message).toContain(
      'schedules[0].fastRestore.availabilityZones[0] = "us-west-2a": AWS rejects Availability Zones outside the policy\'s Region us-east-1',
    );
  });

  test("refuses fast restore on an AMI policy", () => {
    const message = errorOf(() => amiSchedule(daily({ fastRestore: { availabilityZones: ["us-east-1a"], count: 1 } })));
    expect(message).toContain("AWS rejects fast snapshot restore on AMI policies: it applies only to snapshot policies");
  });

  test("refuses scripts on a VOLUME snapshot policy", () => {
    expect(snapshotPolicyError(daily({ scripts: { handler: "AWS_VSS_BACKUP" } }))).toContain(
      'schedules[0].scripts = "AWS_VSS_BACKUP": AWS rejects pre and post scripts on policies other than snapshot policies that target INSTANCE',
    );
  });

  test("refuses scripts on an AMI policy", () => {
    expect(errorOf(() => amiSchedule(daily({ scripts: { handler: "AWS_VSS_BACKUP" } })))).toContain(
      "AWS rejects pre and post scripts on policies other than snapshot policies that target INSTANCE",
    );
  });

  test("refuses stages for VSS", () => {
    expect(errorOf(() => daily({ scripts: { handler: "AWS_VSS_BACKUP", stages: ["PRE"] } }))).toContain(
      'scripts.stages = ["PRE"]: AWS rejects stages for VSS backups (AWS_VSS_BACKUP)',
    );
  });

  test("refuses a script timeout of 5 seconds", () => {
    expect(errorOf(() => daily({ scripts: { handler: "MyDoc", timeoutSeconds: 5 } }))).toContain(
      "scripts.timeoutSeconds = 5: AWS rejects anything but a whole number from 10 to 120 seconds",
    );
  });

  test("refuses 4 script retries", () => {
    expect(errorOf(() => daily({ scripts: { handler: "MyDoc", maxRetries: 4 } }))).toContain(
      "scripts.maxRetries = 4: AWS rejects anything but a whole number from 0 to 3",
    );
  });

  test("refuses a handler that is neither VSS nor an SSM document", () => {
    expect(errorOf(() => daily({ scripts: { handler: "run my script" } }))).toContain(
      'scripts.handler = "run my script": AWS rejects handlers other than AWS_VSS_BACKUP, an SSM document name (3-128 of letters, digits, _',
    );
  });

  test("refuses an SSM document of another Region", () => {
    const doc = "arn:aws:ssm:us-west-2:111111111111:document/Quiesce";
    expect(snapshotPolicyError(daily({ scripts: { handler: doc } }), "INSTANCE")).toContain(
      `schedules[0].scripts.handler = "${doc}": AWS rejects an SSM document of another Region (us-west-2): the policy runs in us-east-1`,
    );
  });

  test("refuses a crash-consistent fallback without a PRE script", () => {
    expect(errorOf(() => daily({ scripts: { handler: "MyDoc", stages: ["POST"], crashConsistentOnFailure: true } }))).toContain(
      "scripts.crashConsistentOnFailure = true: AWS rejects crashConsistentOnFailure without a PRE script: it applies only when a PRE script runs",
    );
  });

  test("refuses variable tags on a VOLUME snapshot policy", () => {
    expect(snapshotPolicyError(daily({ variableTags: { Instance: "$(instance-id)" } }))).toContain(
      "AWS rejects variable tags on policies other than AMI policies and snapshot policies on INSTANCE",
    );
  });

  test("refuses a variable tag value DLM does not fill in", () => {
    expect(errorOf(() => daily({ variableTags: { Owner: "$(owner)" } }))).toContain(
      'variableTags.Owner = "$(owner)": AWS rejects variable tag values other than $(instance-id), $(timestamp)',
    );
  });

  test("refuses tags to add under the aws: prefix", () => {
    expect(errorOf(() => daily({ tagsToAdd: { "aws:created-by": "dlm" } }))).toContain("AWS rejects tag keys starting with aws:");
  });

  test("refuses deprecating more AMIs than are kept", () => {
    expect(errorOf(() => monthly({ deprecate: { count: 4 } }))).toContain("deprecate.count = 4: AWS rejects a deprecate count above the retain count (3)");
  });

  test("refuses an age-based deprecate rule on a count-based schedule", () => {
    expect(errorOf(() => monthly({ deprecate: { age: Retention.days(3) } }))).toContain(
      "AWS rejects a count-based schedule deprecating by age: it deprecates by count (deprecate.count)",
    );
  });

  test("refuses something other than a DlmCreateRule", () => {
    expect(errorOf(() => daily({ create: { interval: 24 } as never }))).toContain('create = {"interval":24}: this library needs a DlmCreateRule');
  });
});
