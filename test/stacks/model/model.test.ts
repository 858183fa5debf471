import { buildRolloutModel, MemberModel, Placement, RolloutModel } from "../../../stacks/model/model";
import { CONTINUOUS_BACKUP_SCHEDULE } from "../../../stacks/model/plans";
import { rawRollout, rollout } from "../../rollout-helpers";
import { Duration, Retention } from "../../../modules/core";

function modelOf(name: "default" | "reference" | "govcloud" = "default", change?: (raw: any) => void): RolloutModel {
  const raw = rawRollout(name);
  change?.(raw);
  return buildRolloutModel(rollout(raw));
}

function member(model: RolloutModel, name: string): MemberModel {
  const m = model.members.find((x) => x.name === name);
  if (!m) throw new Error(`no member ${name}`);
  return m;
}

function placement(m: MemberModel, policy: string, region: string): Placement {
  const p = m.placements.find((x) => x.policy === policy && x.region === region);
  if (!p) throw new Error(`no placement ${policy} ${region} in ${m.name}`);
  return p;
}

/** Every string in a value that looks like an ARN. */
function arnsIn(value: unknown, seen = new Set<unknown>()): string[] {
  if (typeof value === "string") return /^arn:/.test(value) ? [value] : [];
  if (typeof value !== "object" || value === null || seen.has(value)) return [];
  seen.add(value);
  const children = value instanceof Map ? [...value.values()] : Object.values(value);
  return children.flatMap((c) => arnsIn(c, seen));
}

describe("rollout model: names", () => {
  const model = modelOf();

  test("each account has its stack name", () => {
    expect([model.management.stack, model.central.stack, ...model.members.map((m) => m.stack)]).toEqual([
      "management",
      "central-backup",
      "member-payments",
      "member-analytics",
    ]);
  });

  test("a placement's plan and selection are named after the rollout and the protection policy", () => {
    // given
    const p = placement(member(model, "payments"), "standard", "us-east-1");
    // then
    expect(p.name).toBe("example-org-standard");
    expect(p.plan!.name).toBe("example-org-standard");
    expect(p.plan!.selection).toEqual({ name: "example-org-standard-by-tag", tag: { key: "backup", value: "standard" } });
  });

  test("the backup service role has its name, path and ARN", () => {
    expect(member(model, "payments").backupServiceRole).toEqual({
      name: "AWSBackup-example-org",
      path: "/service-role/",
      arn: "arn:aws:iam::333333333333:role/service-role/AWSBackup-example-org",
    });
  });

  test("Organizations backup policies are named per protection policy and region and target the members that apply them", () => {
    expect(model.management.backupPolicies.map((p) => [p.policyName, p.targets])).toEqual([
      ["example-org-compliance-us-east-1", ["333333333333", "444444444444"]],
      ["example-org-compliance-us-west-2", ["333333333333", "444444444444"]],
    ]);
  });
});

describe("rollout model: accounts and their stack wiring", () => {
  test("the deploy role is the rollout's deployRoleName unless the account names its own", () => {
    // given
    const model = modelOf("default", (raw) => (raw.members[1].deployRoleArn = "arn:aws:iam::444444444444:role/AnalyticsDeploy"));
    // then
    expect(member(model, "payments").deployRoleArn).toBe("arn:aws:iam::333333333333:role/BackupDrDeploy");
    expect(member(model, "analytics").deployRoleArn).toBe("arn:aws:iam::444444444444:role/AnalyticsDeploy");
  });

  test("vault policies exempt the break-glass role, then the deploy role", () => {
    const central = modelOf("reference").central;
    expect(central.breakGlassRoleArn).toBe("arn:aws:iam::100000000002:role/BreakGlassRecovery");
    expect(central.vaultPolicyExemptRoleArns).toEqual(["arn:aws:iam::100000000002:role/BreakGlassRecovery", "arn:aws:iam::100000000002:role/TerraformDeploy"]);
    expect([...central.vaults.values()].map((v) => v.deletionExemptRoleArns)).toEqual([central.vaultPolicyExemptRoleArns, central.vaultPolicyExemptRoleArns]);
  });

  test("the stack props pin the account, list its regions, assume the deploy role, tag with rollout and stack, and make no cross-stack references", () => {
    const m = member(modelOf(), "analytics");
    expect(m.stackProps).toEqual({
      accountId: "444444444444",
      primaryRegion: "us-east-1",
      additionalRegions: ["us-west-2"],
      deployRoleArn: "arn:aws:iam::444444444444:role/BackupDrDeploy",
      backend: { bucket: "example-org-terraform-state", region: "us-east-1", keyPrefix: "backup-dr" },
      defaultTags: { CostCenter: "platform", BackupDrRollout: "example-org", BackupDrStack: "member-analytics" },
      crossStackReferences: false,
    });
  });

  test("members read the central stack's state at its key", () => {
    expect(member(modelOf("reference"), "web").centralState).toEqual({
      bucket: "reference-tf-state",
      region: "eu-west-1",
      key: "dr/reference/backup-vault-account.tfstate",
      kmsKeyArn: "arn:aws:kms:eu-west-1:100000000001:key/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
      roleArn: undefined,
    });
  });
});

describe("rollout model: vaults and locks", () => {
  test("a compliance lock becomes construct lock options with its grace period and acknowledgement", () => {
    // given
    const vault = modelOf().central.vaults.get("us-west-2")!;
    // then
    expect(vault.arn).toBe("arn:aws:backup:us-west-2:222222222222:backup-vault:org-central-backup");
    expect(vault.lock).toEqual({
      mode: "compliance",
      minRetention: Retention.days(7),
      maxRetention: Retention.days(400),
      changeableFor: Duration.days(3),
      acknowledgeIrreversible: true,
    });
  });

  test("a governance lock has no grace period, and its bounds name the stack that sets it", () => {
    const vault = modelOf("reference").central.vaults.get("eu-central-1")!;
    expect(vault.lock).toEqual({ mode: "governance", minRetention: Retention.days(14), maxRetention: Retention.days(120) });
    expect(vault.lockBounds).toEqual({ minDays: 14, maxDays: 120, source: "backup-vault-account vault lock" });
  });

  test("an unlocked vault has no lock options", () => {
    expect(member(modelOf("reference"), "data").vaults.get("eu-west-1")!.lock).toBeUndefined();
  });

  test("member vault keys are shared with the central account, which alone may copy back; central keys and copy-in with the organization", () => {
    const model = modelOf();
    expect(member(model, "payments").vaults.get("us-east-1")).toMatchObject({
      name: "example-org-local",
      arn: "arn:aws:backup:us-east-1:333333333333:backup-vault:example-org-local",
      keySharing: { accountIds: ["222222222222"] },
      allowCopyInto: { accountIds: ["222222222222"] },
      customerManagedKey: true,
      deletionDenied: true,
    });
    expect(model.central.vaults.get("us-east-1")).toMatchObject({
      keySharing: { organizationId: "o-a1b2c3d4e5" },
      allowCopyInto: { organizationId: "o-a1b2c3d4e5" },
    });
  });
});

describe("rollout model: plan specs", () => {
  const model = modelOf();

  test("the scheduled rule carries schedule, windows, retention and copies to the central vault, then to the other region", () => {
    // given
    const plan = placement(member(model, "payments"), "standard", "us-east-1").plan!;
    // then
    const [scheduled] = plan.rules;
    expect(scheduled).toMatchObject({
      name: "scheduled",
      schedule: "cron(0 5 ? * * *)",
      startWindowMinutes: 60,
      completionWindowMinutes: 1440,
      retentionDays: 35,
      continuousBackup: false,
      recoveryPointTags: { ProtectionProfile: "example-org-standard" },
    });
    expect(scheduled.targetVault.arn).toBe("arn:aws:backup:us-east-1:333333333333:backup-vault:example-org-local");
    expect(scheduled.copies.map((c) => [c.kind, c.vault.arn, c.retentionDays])).toEqual([
      ["central-account", "arn:aws:backup:us-east-1:222222222222:backup-vault:org-central-backup", 35],
      ["other-region", "arn:aws:backup:us-west-2:333333333333:backup-vault:example-org-local", 14],
    ]);
  });

  test("continuous backup is a second rule with the one continuous schedule, no windows and no copies", () => {
    const plan = placement(member(model, "payments"), "standard", "us-east-1").plan!;
    expect(plan.rules[1]).toMatchObject({ name: "continuous", schedule: CONTINUOUS_BACKUP_SCHEDULE, retentionDays: 14, continuousBackup: true, copies: [] });
    expect(plan.rules[1].startWindowMinutes).toBeUndefined();
    expect(CONTINUOUS_BACKUP_SCHEDULE).toBe("cron(0 * * * ? *)");
  });

  test("in the copy region itself there is no copy to the other region", () => {
    const plan = placement(member(model, "payments"), "standard", "us-west-2").plan!;
    expect(plan.rules[0].copies.map((c) => c.kind)).toEqual(["central-account"]);
  });

  test("a placement deployed by an Organizations policy has the same plan as that policy, but for its own account", () => {
    // given
    const own = placement(member(model, "payments"), "compliance", "us-east-1").plan!;
    const policy = model.management.backupPolicies.find((p) => p.region === "us-east-1")!.plan;
    // then
    expect(own.deployedBy).toBe("organization-policy");
    expect(policy.deployedBy).toBe("organization-policy");
    const shape = (p: typeof policy) => p.rules.map((r) => [r.name, r.schedule, r.retentionDays, r.coldStorageAfterDays, r.copies.map((c) => c.retentionDays)]);
    expect(shape(policy)).toEqual(shape(own));
    expect(own.role.arn).toBe("arn:aws:iam::333333333333:role/service-role/AWSBackup-example-org");
    expect(policy.role.arn).toBe("arn:aws:iam::$account:role/service-role/AWSBackup-example-org");
  });

  test("an Organizations policy names a member's own vault of another region through $account", () => {
    // given
    const gov = modelOf("govcloud");
    // when
    const plan = gov.management.backupPolicies.find((p) => p.region === "us-gov-west-1")!.plan;
    // then
    expect(plan.rules[0].copies.map((c) => c.vault.arn)).toEqual([
      "arn:aws-us-gov:backup:us-gov-west-1:700000000002:backup-vault:gov-central-backup",
      "arn:aws-us-gov:backup:us-gov-east-1:$account:backup-vault:gov-org-local",
    ]);
    expect(plan.rules[1].schedule).toBe(CONTINUOUS_BACKUP_SCHEDULE);
  });

  test("AMI and snapshot-only placements have no plan", () => {
    expect(placement(member(model, "analytics"), "fast-ec2-dr", "us-east-1").plan).toBeUndefined();
  });
});

describe("rollout model: partition", () => {
  test("a commercial rollout is in partition aws", () => {
    expect(modelOf().partition).toBe("aws");
  });

  test("every ARN of a GovCloud rollout's model is in partition aws-us-gov", () => {
    // given
    const model = modelOf("govcloud");
    // when
    const arns = arnsIn({ ...model, config: undefined });
    // then
    expect(model.partition).toBe("aws-us-gov");
    expect(arns.length).toBeGreaterThan(20);
    expect(arns.filter((a) => !a.startsWith("arn:aws-us-gov:"))).toEqual([]);
  });
});
