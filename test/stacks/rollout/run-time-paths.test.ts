import { rawRollout, readStacks, rollout, synthRollout } from "../../rollout-helpers";
import { errorOf } from "../../helpers";

describe("run-time paths of the default rollout", () => {
  const stacks = readStacks(synthRollout(rollout()));
  const member = stacks["member-payments"];

  test("each member region has a workload key the central account may copy with, as the EBS default key", () => {
    // then
    const keys = Object.entries(member.resource.aws_kms_key).filter(([id]) => id.startsWith("WorkloadKey_"));
    expect(keys.length).toBeGreaterThan(0);
    for (const [, key] of keys) {
      const policy = JSON.parse((key as any).policy);
      expect(policy.Statement.find((s: any) => s.Sid === "CopyAccountUsesKeyForCopies").Principal).toEqual({ AWS: "arn:aws:iam::222222222222:root" });
    }
    expect(Object.keys(member.resource.aws_ebs_default_kms_key).length).toBe(keys.length);
  });

  test("member vault policies let only the central account copy recovery points back", () => {
    // then
    for (const p of Object.values(member.resource.aws_backup_vault_policy)) {
      const copyIn = JSON.parse((p as any).policy).Statement.find((s: any) => s.Action === "backup:CopyIntoBackupVault");
      expect(copyIn).toEqual({
        Sid: "AllowCopyIntoFromAccounts",
        Effect: "Allow",
        Principal: { AWS: ["arn:aws:iam::222222222222:root"] },
        Action: "backup:CopyIntoBackupVault",
        Resource: "*",
      });
    }
  });
});

describe("workload key config", () => {
  test("the EBS default key can be turned off per member", () => {
    // given
    const raw = rawRollout();
    raw.members[0].workloadKeys = { ebsDefault: false };
    // when
    const stacks = readStacks(synthRollout(rollout(raw)));
    // then
    expect(stacks[`member-${raw.members[0].name}`].resource.aws_ebs_default_kms_key).toBeUndefined();
  });

  test("refuses a named workload key of another account", () => {
    // given
    const raw = rawRollout();
    raw.members[0].workloadKeys = {
      existingKeyArns: { [raw.members[0].regions[0]]: ["arn:aws:kms:us-east-1:999999999999:key/1234abcd-12ab-34cd-56ef-1234567890ab"] },
    };
    // when / then
    expect(errorOf(() => rollout(raw))).toContain(`this library needs a key of account ${raw.members[0].accountId}`);
  });

  test("refuses an alias where a key ARN is expected", () => {
    const raw = rawRollout();
    raw.members[0].workloadKeys = { existingKeyArns: { [raw.members[0].regions[0]]: ["arn:aws:kms:us-east-1:333333333333:alias/aws/rds"] } };
    expect(errorOf(() => rollout(raw))).toContain("this library needs a KMS key ARN (not an alias)");
  });
});

describe("air-gapped central vaults", () => {
  test("the central vaults become logically air-gapped vaults with the lock's bounds, keeping key and policy", () => {
    // given
    const raw = rawRollout();
    raw.centralBackup.airGapped = true;
    // when
    const central = readStacks(synthRollout(rollout(raw)))["central-backup"];
    // then
    expect(central.resource.aws_backup_vault).toBeUndefined();
    expect(central.resource.aws_backup_vault_lock_configuration).toBeUndefined();
    for (const v of Object.values(central.resource.aws_backup_logically_air_gapped_vault))
      expect(v).toMatchObject({ name: "org-central-backup", min_retention_days: 7, max_retention_days: 400 });
    expect(Object.keys(central.resource.aws_backup_vault_policy).length).toBeGreaterThan(0);
  });

  test("refuses air-gapped without a maximum retention", () => {
    // given
    const raw = rawRollout();
    raw.centralBackup.airGapped = true;
    delete raw.centralBackup.vaultLock.maxRetentionDays;
    // when / then
    expect(errorOf(() => rollout(raw))).toContain(
      "AWS rejects a logically air-gapped vault without a minimum retention of at least 7 days and a maximum: with airGapped, give vaultLock.minRetentionDays (at least 7) and vaultLock.maxRetentionDays",
    );
  });
});
