import { Duration, Retention } from "../../../modules/core";
import { DefaultPolicy } from "../../../modules/dlm";
import { errorOf } from "../../helpers";
import { onlyPolicy, stackWithRoles } from "./dlm-fixtures";

describe("DefaultPolicy", () => {
  test("forVolumes is the VOLUME default policy: daily snapshots kept 7 days, tags not copied unless asked", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles });
    // then
    const policy = onlyPolicy(stack, "Volumes");
    expect(policy.default_policy).toBe("VOLUME");
    expect(policy.description).toBe("Default policy for EBS volumes");
    expect(policy.policy_details).toEqual({ resource_type: "VOLUME", create_interval: 1, retain_interval: 7, extend_deletion: false });
  });

  test("forInstances is the INSTANCE default policy", () => {
    const { stack, roles } = stackWithRoles();
    DefaultPolicy.forInstances(stack, "Instances", {
      executionRole: roles,
      createInterval: Duration.days(2),
      retainInterval: Retention.days(14),
      extendDeletion: true,
      copyTags: false,
    });
    const policy = onlyPolicy(stack, "Instances");
    expect(policy.default_policy).toBe("INSTANCE");
    expect(policy.policy_details).toEqual({ resource_type: "INSTANCE", create_interval: 2, retain_interval: 14, copy_tags: false, extend_deletion: true });
  });

  test("has no target tags, schedules, resource_types or policy_type", () => {
    const { stack, roles } = stackWithRoles();
    DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles });
    const details = onlyPolicy(stack, "Volumes").policy_details;
    for (const key of ["target_tags", "schedule", "resource_types", "policy_type"]) expect(details[key]).toBeUndefined();
  });

  test("renders volume exclusions", () => {
    const { stack, roles } = stackWithRoles();
    DefaultPolicy.forVolumes(stack, "Volumes", {
      executionRole: roles,
      exclusions: { bootVolumes: true, volumeTypes: ["st1", "sc1"], tags: { NoBackup: "true" } },
    });
    expect(onlyPolicy(stack, "Volumes").policy_details.exclusions).toEqual({
      exclude_boot_volumes: true,
      exclude_volume_types: ["st1", "sc1"],
      exclude_tags: { NoBackup: "true" },
    });
  });

  test("runs as the snapshot role", () => {
    const { stack, roles } = stackWithRoles();
    DefaultPolicy.forInstances(stack, "Instances", { executionRole: roles });
    expect(onlyPolicy(stack, "Instances").execution_role_arn).toBe("${aws_iam_role.DlmRoles_SnapshotRole.arn}");
  });

  test("refuses a retain interval not longer than the create interval", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() =>
      DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, createInterval: Duration.days(7), retainInterval: Retention.days(7) }),
    );
    expect(message).toContain(
      'retainInterval = "7 days": AWS rejects a retain interval not longer than the create interval (7 days): at least one snapshot is always kept',
    );
  });

  test("refuses boot-volume and volume-type exclusions on the INSTANCE policy", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() =>
      DefaultPolicy.forInstances(stack, "Instances", { executionRole: roles, exclusions: { bootVolumes: true, volumeTypes: ["gp2"] } }),
    );
    expect(message).toContain("exclusions.bootVolumes = true: AWS rejects boot-volume exclusions on default policies for INSTANCE");
    expect(message).toContain('exclusions.volumeTypes = ["gp2"]: AWS rejects volume-type exclusions on default policies for INSTANCE');
  });

  test("refuses an unknown volume type", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() => DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, exclusions: { volumeTypes: ["gp4"] } }));
    expect(message).toContain('exclusions.volumeTypes[0] = "gp4": AWS rejects volume types other than standard, gp2, gp3, io1, io2, st1, sc1');
  });

  test("refuses the AMI role", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() => DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles.amiRole }));
    expect(message).toContain(
      "this library rejects the role for AMI policies here: this policy needs the role with service-role/AWSDataLifecycleManagerServiceRole",
    );
  });
});

describe("DefaultPolicy policy language", () => {
  test("writes policy_language when given", () => {
    // given / when
    const { stack, roles } = stackWithRoles();
    DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, policyLanguage: "SIMPLIFIED" });
    // then
    expect(onlyPolicy(stack, "Volumes").policy_details.policy_language).toBe("SIMPLIFIED");
  });

  test("refuses STANDARD, which AWS rejects on default policies", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(() => DefaultPolicy.forVolumes(stack, "Volumes", { executionRole: roles, policyLanguage: "STANDARD" as never }));
    expect(message).toContain('policyLanguage = "STANDARD": AWS rejects a default policy in any policy language but SIMPLIFIED');
  });
});
