/**
 * aws_dlm_lifecycle_policy: the configurations of terraform-provider-aws internal/service/dlm/lifecycle_policy_test.go,
 * through SnapshotPolicy, AmiPolicy, DefaultPolicy and CrossAccountCopyPolicy. See conformance.ts.
 */
import { Construct } from "constructs";
import { DataAwsAvailabilityZones } from "@cdktf/provider-aws/lib/data-aws-availability-zones";
import { DataAwsCallerIdentity } from "@cdktf/provider-aws/lib/data-aws-caller-identity";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { KmsKey } from "@cdktf/provider-aws/lib/kms-key";
import { SsmDocument } from "@cdktf/provider-aws/lib/ssm-document";
import { Duration, Retention } from "../../modules/core";
import {
  AmiPolicy,
  CrossAccountCopyPolicy,
  DefaultPolicy,
  DlmCreateRule,
  DlmRetainRule,
  DlmSchedule,
  DlmScheduleProps,
  SnapshotPolicy,
  SnapshotPolicyProps,
} from "../../modules/dlm";
import { ALTERNATE_REGION, compared, conformanceStack } from "./conformance";

const NAME = "tf-acc-test-conformance";
const ROLE = "${aws_iam_role.test.arn}";
const BASIC_TAGS = { "tf-acc-test": "basic" };

/** lifecyclePolicyBaseConfig: the stack and `aws_iam_role.test`, whose ARN the policy runs as. */
function base() {
  const { stack, alternate } = conformanceStack();
  const role = new IamRole(stack, "test", { name: NAME, assumeRolePolicy: "{}" });
  return { stack, alternate, role: role.arn };
}

function expectPolicy(stack: Construct, expected: Record<string, unknown>): void {
  const { actual, expected: want } = compared(stack, "aws_dlm_lifecycle_policy", expected);
  expect(actual).toEqual(want);
}

/** The schedule most configurations share: `tf-acc-basic`, every 12 hours, the newest 10 kept. */
function basicSchedule(overrides: Partial<DlmScheduleProps> = {}): DlmSchedule {
  return new DlmSchedule({ name: "tf-acc-basic", create: DlmCreateRule.every(12), retain: DlmRetainRule.count(10), ...overrides });
}
const basicScheduleJson = { name: "tf-acc-basic", create_rule: { interval: 12 }, retain_rule: { count: 10 } };

function volumes(overrides: Partial<SnapshotPolicyProps> = {}) {
  const { stack, role } = base();
  new SnapshotPolicy(stack, "Policy", {
    description: "tf-acc-basic",
    executionRole: role,
    resourceType: "VOLUME",
    targetTags: BASIC_TAGS,
    schedules: [basicSchedule()],
    ...overrides,
  });
  return stack;
}

const basicExpected = {
  description: "tf-acc-basic",
  execution_role_arn: ROLE,
  policy_details: { resource_types: ["VOLUME"], schedule: basicScheduleJson, target_tags: BASIC_TAGS },
};

describe("aws_dlm_lifecycle_policy conformance (lifecycle_policy_test.go)", () => {
  test("TestAccDLMLifecyclePolicy_basic", () => {
    expectPolicy(volumes(), basicExpected);
  });

  test("TestAccDLMLifecyclePolicy_disappears", () => {
    // the configuration of _basic
    expectPolicy(volumes(), basicExpected);
  });

  test("TestAccDLMLifecyclePolicy_event", () => {
    const { stack, role } = base();
    const current = new DataAwsCallerIdentity(stack, "current");
    new CrossAccountCopyPolicy(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      sourceAccountIds: [current.accountId],
      descriptionRegex: "^.*Created for policy: policy-1234567890abcdef0.*$",
      actions: [{ name: "tf-acc-basic", copies: [{ region: ALTERNATE_REGION, retain: Retention.months(15), encrypted: false, allowUnencryptedCopies: true }] }],
    });
    expectPolicy(stack, {
      description: "tf-acc-basic",
      execution_role_arn: ROLE,
      policy_details: {
        policy_type: "EVENT_BASED_POLICY",
        action: {
          name: "tf-acc-basic",
          cross_region_copy: { encryption_configuration: {}, retain_rule: { interval: 15, interval_unit: "MONTHS" }, target: ALTERNATE_REGION },
        },
        event_source: {
          type: "MANAGED_CWE",
          parameters: {
            description_regex: "^.*Created for policy: policy-1234567890abcdef0.*$",
            event_type: "shareSnapshot",
            snapshot_owner: ["${data.aws_caller_identity.current.account_id}"],
          },
        },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_cron", () => {
    expectPolicy(volumes({ schedules: [basicSchedule({ create: DlmCreateRule.cron("cron(0 18 ? * WED *)") })] }), {
      ...basicExpected,
      policy_details: { ...basicExpected.policy_details, schedule: { ...basicScheduleJson, create_rule: { cron_expression: "cron(0 18 ? * WED *)" } } },
    });
  });

  test("TestAccDLMLifecyclePolicy_scriptsAlias", () => {
    const stack = volumes({
      resourceType: "INSTANCE",
      schedules: [basicSchedule({ scripts: { handler: "AWS_VSS_BACKUP", crashConsistentOnFailure: false, maxRetries: 3 } })],
    });
    expectPolicy(stack, {
      ...basicExpected,
      policy_details: {
        resource_types: ["INSTANCE"],
        schedule: {
          ...basicScheduleJson,
          create_rule: { interval: 12, scripts: { execute_operation_on_script_failure: false, execution_handler: "AWS_VSS_BACKUP", maximum_retry_count: 3 } },
        },
        target_tags: BASIC_TAGS,
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_scriptsSSMDocument", () => {
    const { stack, role } = base();
    const doc = new SsmDocument(stack, "Document", { name: "tf-acc-basic", documentType: "Command", content: "{}", tags: { DLMScriptsAccess: "true" } });
    doc.overrideLogicalId("test"); // aws_ssm_document.test, as in the configuration
    new SnapshotPolicy(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      resourceType: "INSTANCE",
      targetTags: BASIC_TAGS,
      schedules: [basicSchedule({ scripts: { handler: doc.arn, crashConsistentOnFailure: false, timeoutSeconds: 60, maxRetries: 3, stages: ["PRE"] } })],
    });
    expectPolicy(stack, {
      ...basicExpected,
      policy_details: {
        resource_types: ["INSTANCE"],
        schedule: {
          ...basicScheduleJson,
          create_rule: {
            interval: 12,
            scripts: {
              execute_operation_on_script_failure: false,
              execution_handler: "${aws_ssm_document.test.arn}",
              execution_timeout: 60,
              maximum_retry_count: 3,
              stages: ["PRE"],
            },
          },
        },
        target_tags: BASIC_TAGS,
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_archiveRuleCount", () => {
    const monthly = DlmCreateRule.cron("cron(5 14 3 * ? *)");
    expectPolicy(volumes({ schedules: [basicSchedule({ create: monthly, archive: { count: 10 } })] }), {
      ...basicExpected,
      policy_details: {
        ...basicExpected.policy_details,
        schedule: {
          ...basicScheduleJson,
          create_rule: { cron_expression: "cron(5 14 3 * ? *)" },
          archive_rule: { archive_retain_rule: { retention_archive_tier: { count: 10 } } },
        },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_archiveRuleInterval", () => {
    const monthly = DlmCreateRule.cron("cron(5 14 3 * ? *)");
    const stack = volumes({
      schedules: [basicSchedule({ create: monthly, retain: DlmRetainRule.age(Retention.months(12)), archive: { age: Retention.months(6) } })],
    });
    expectPolicy(stack, {
      ...basicExpected,
      policy_details: {
        ...basicExpected.policy_details,
        schedule: {
          name: "tf-acc-basic",
          create_rule: { cron_expression: "cron(5 14 3 * ? *)" },
          archive_rule: { archive_retain_rule: { retention_archive_tier: { interval: 6, interval_unit: "MONTHS" } } },
          retain_rule: { interval: 12, interval_unit: "MONTHS" },
        },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_retainInterval", () => {
    expectPolicy(volumes({ schedules: [basicSchedule({ retain: DlmRetainRule.age(Retention.days(1)) })] }), {
      ...basicExpected,
      policy_details: { ...basicExpected.policy_details, schedule: { ...basicScheduleJson, retain_rule: { interval_unit: "DAYS", interval: 1 } } },
    });
  });

  /** An AMI policy on INSTANCE with the basic schedule and target tags. */
  function amis(props: { schedule?: DlmSchedule; noReboot?: boolean }) {
    const { stack, role } = base();
    new AmiPolicy(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      targetTags: BASIC_TAGS,
      noReboot: props.noReboot,
      schedules: [props.schedule ?? basicSchedule()],
    });
    return stack;
  }
  const amiDetails = { resource_types: ["INSTANCE"], policy_type: "IMAGE_MANAGEMENT", target_tags: BASIC_TAGS };

  test("TestAccDLMLifecyclePolicy_deprecate", () => {
    expectPolicy(amis({ schedule: basicSchedule({ deprecate: { count: 10 } }) }), {
      ...basicExpected,
      policy_details: { ...amiDetails, schedule: { ...basicScheduleJson, deprecate_rule: { count: 10 } } },
    });
  });

  test("TestAccDLMLifecyclePolicy_parameters_instance", () => {
    expectPolicy(amis({ noReboot: false }), {
      ...basicExpected,
      policy_details: { ...amiDetails, parameters: { no_reboot: false }, schedule: basicScheduleJson },
    });
  });

  test("TestAccDLMLifecyclePolicy_variableTags", () => {
    expectPolicy(amis({ schedule: basicSchedule({ variableTags: { instance_id: "$(instance-id)" } }) }), {
      ...basicExpected,
      policy_details: { ...amiDetails, schedule: { ...basicScheduleJson, variable_tags: { instance_id: "$(instance-id)" } } },
    });
  });

  test("TestAccDLMLifecyclePolicy_parameters_volume", () => {
    expectPolicy(volumes({ resourceType: "INSTANCE", excludeBootVolume: true }), {
      ...basicExpected,
      policy_details: {
        resource_types: ["INSTANCE"],
        policy_type: "EBS_SNAPSHOT_MANAGEMENT",
        parameters: { exclude_boot_volume: true },
        schedule: basicScheduleJson,
        target_tags: BASIC_TAGS,
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_defaultPolicy", () => {
    const { stack, role } = base();
    DefaultPolicy.forVolumes(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      createInterval: Duration.days(5),
      policyLanguage: "SIMPLIFIED",
    });
    expectPolicy(stack, {
      description: "tf-acc-basic",
      execution_role_arn: ROLE,
      default_policy: "VOLUME",
      policy_details: { create_interval: 5, resource_type: "VOLUME", policy_language: "SIMPLIFIED" },
    });
  });

  test("TestAccDLMLifecyclePolicy_defaultPolicyExclusions", () => {
    const { stack, role } = base();
    DefaultPolicy.forVolumes(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      createInterval: Duration.days(5),
      policyLanguage: "SIMPLIFIED",
      exclusions: { bootVolumes: false, tags: { test: "exclude" }, volumeTypes: ["gp2"] },
    });
    expectPolicy(stack, {
      description: "tf-acc-basic",
      execution_role_arn: ROLE,
      default_policy: "VOLUME",
      policy_details: {
        create_interval: 5,
        resource_type: "VOLUME",
        policy_language: "SIMPLIFIED",
        exclusions: { exclude_boot_volumes: false, exclude_tags: { test: "exclude" }, exclude_volume_types: ["gp2"] },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_fastRestore", () => {
    const { stack, role } = base();
    const available = new DataAwsAvailabilityZones(stack, "available", {
      state: "available",
      filter: [{ name: "opt-in-status", values: ["opt-in-not-required"] }],
    });
    new SnapshotPolicy(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      resourceType: "VOLUME",
      targetTags: BASIC_TAGS,
      schedules: [basicSchedule({ fastRestore: { availabilityZones: available.names, count: 10 } })],
    });
    expectPolicy(stack, {
      ...basicExpected,
      policy_details: {
        ...basicExpected.policy_details,
        policy_type: "EBS_SNAPSHOT_MANAGEMENT",
        schedule: { ...basicScheduleJson, fast_restore_rule: { availability_zones: "${data.aws_availability_zones.available.names}", count: 10 } },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_shareRule", () => {
    const { stack, role } = base();
    const current = new DataAwsCallerIdentity(stack, "current");
    new SnapshotPolicy(stack, "Policy", {
      description: "tf-acc-basic",
      executionRole: role,
      resourceType: "VOLUME",
      targetTags: BASIC_TAGS,
      schedules: [basicSchedule({ share: { accountIds: [current.accountId] } })],
    });
    expectPolicy(stack, {
      ...basicExpected,
      policy_details: {
        ...basicExpected.policy_details,
        policy_type: "EBS_SNAPSHOT_MANAGEMENT",
        schedule: { ...basicScheduleJson, share_rule: { target_accounts: ["${data.aws_caller_identity.current.account_id}"] } },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_full", () => {
    const full = (p: {
      description: string;
      roleSuffix?: string;
      state: "ENABLED" | "DISABLED";
      hours: number;
      at: string;
      count: number;
      tag: string;
      copyTags: boolean;
    }) => {
      const { stack, role } = base();
      new SnapshotPolicy(stack, "Policy", {
        description: p.description,
        executionRole: `${role}${p.roleSuffix ?? ""}`,
        state: p.state,
        resourceType: "VOLUME",
        targetTags: { "tf-acc-test": p.tag },
        schedules: [
          new DlmSchedule({
            name: p.description,
            create: DlmCreateRule.every(p.hours, p.at),
            retain: DlmRetainRule.count(p.count),
            tagsToAdd: { "tf-acc-test-added": p.tag },
            copyTags: p.copyTags,
          }),
        ],
      });
      expectPolicy(stack, {
        description: p.description,
        execution_role_arn: `${ROLE}${p.roleSuffix ?? ""}`,
        state: p.state,
        policy_details: {
          resource_types: ["VOLUME"],
          schedule: {
            name: p.description,
            create_rule: { interval: p.hours, interval_unit: "HOURS", times: [p.at] },
            retain_rule: { count: p.count },
            tags_to_add: { "tf-acc-test-added": p.tag },
            copy_tags: p.copyTags,
          },
          target_tags: { "tf-acc-test": p.tag },
        },
      });
    };
    full({ description: "tf-acc-full", state: "ENABLED", hours: 12, at: "21:42", count: 10, tag: "full", copyTags: false });
    full({
      description: "tf-acc-full-updated",
      roleSuffix: "-doesnt-exist",
      state: "DISABLED",
      hours: 24,
      at: "09:42",
      count: 100,
      tag: "full-updated",
      copyTags: true,
    });
  });

  test("TestAccDLMLifecyclePolicy_crossRegionCopyRule", () => {
    const withCopy = (copy: "unencrypted" | "encrypted" | "none") => {
      const { stack, role, alternate } = base();
      const key = copy === "encrypted" ? new KmsKey(stack, "key", { provider: alternate, description: NAME, enableKeyRotation: true }) : undefined;
      const copies =
        copy === "none"
          ? undefined
          : copy === "unencrypted"
            ? [{ region: ALTERNATE_REGION, encrypted: false, allowUnencryptedCopies: true, retain: Retention.months(15) }]
            : [{ region: ALTERNATE_REGION, encrypted: true, encryptionKey: key!.arn, copyTags: true, retain: Retention.days(30) }];
      new SnapshotPolicy(stack, "Policy", {
        description: NAME,
        executionRole: role,
        resourceType: "VOLUME",
        targetTags: { Name: NAME },
        schedules: [new DlmSchedule({ name: NAME, create: DlmCreateRule.every(12), retain: DlmRetainRule.count(10), crossRegionCopies: copies })],
      });
      return stack;
    };
    const schedule = { name: NAME, create_rule: { interval: 12 }, retain_rule: { count: 10 } };
    const expected = (rule?: Record<string, unknown>) => ({
      description: NAME,
      execution_role_arn: ROLE,
      policy_details: { resource_types: ["VOLUME"], schedule: rule ? { ...schedule, cross_region_copy_rule: rule } : schedule, target_tags: { Name: NAME } },
    });
    expectPolicy(withCopy("unencrypted"), expected({ target: ALTERNATE_REGION, encrypted: false, retain_rule: { interval: 15, interval_unit: "MONTHS" } }));
    expectPolicy(
      withCopy("encrypted"),
      expected({
        target: ALTERNATE_REGION,
        encrypted: true,
        cmk_arn: "${aws_kms_key.key.arn}",
        copy_tags: true,
        retain_rule: { interval: 30, interval_unit: "DAYS" },
      }),
    );
    expectPolicy(withCopy("none"), expected());
  });

  test("TestAccDLMLifecyclePolicy_crossRegionCopyRuleImageManagement", () => {
    const { stack, role } = base();
    new AmiPolicy(stack, "Policy", {
      description: NAME,
      executionRole: role,
      targetTags: { Name: NAME },
      schedules: [
        new DlmSchedule({
          name: NAME,
          create: DlmCreateRule.every(12),
          retain: DlmRetainRule.count(10),
          crossRegionCopies: [{ region: ALTERNATE_REGION, encrypted: false, allowUnencryptedCopies: true, retain: Retention.days(15) }],
        }),
      ],
    });
    expectPolicy(stack, {
      description: NAME,
      execution_role_arn: ROLE,
      policy_details: {
        policy_type: "IMAGE_MANAGEMENT",
        resource_types: ["INSTANCE"],
        schedule: {
          name: NAME,
          create_rule: { interval: 12 },
          retain_rule: { count: 10 },
          cross_region_copy_rule: { target_region: ALTERNATE_REGION, encrypted: false, retain_rule: { interval: 15, interval_unit: "DAYS" } },
        },
        target_tags: { Name: NAME },
      },
    });
  });

  test("TestAccDLMLifecyclePolicy_tags", () => {
    const steps: Record<string, string>[] = [{ key1: "value1" }, { key1: "value1updated", key2: "value2" }, { key2: "value2" }];
    for (const tags of steps) {
      const { stack, role } = base();
      new SnapshotPolicy(stack, "Policy", {
        description: NAME,
        executionRole: role,
        resourceType: "VOLUME",
        targetTags: { test: "true" },
        tags,
        schedules: [new DlmSchedule({ name: "test", create: DlmCreateRule.every(12), retain: DlmRetainRule.count(10) })],
      });
      expectPolicy(stack, {
        description: NAME,
        execution_role_arn: ROLE,
        policy_details: {
          resource_types: ["VOLUME"],
          schedule: { name: "test", create_rule: { interval: 12 }, retain_rule: { count: 10 } },
          target_tags: { test: "true" },
        },
        tags,
      });
    }
  });
});
