import { Construct } from "constructs";
import {
  BackupAuditFramework,
  BackupPlan,
  BackupReportPlan,
  BackupRuleProps,
  BackupSelection,
  BackupServiceRole,
  BackupVault,
  CopyActionProps,
  IBackupVault,
  RestoreTestingPlan,
  RestoreTestingSelection,
  Schedule,
} from "../../modules/backup";
import { DataTerraformRemoteStateS3, TerraformOutput } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";
import { CENTRAL_REMOTE_STATE, CentralOutputs, MemberOutputs, centralStackName, memberStackName, memberVaultName, regionSuffix, stateKey } from "../config/contracts";
import type { BackupIntent, MemberConfig, ProtectionPolicy, RolloutConfig } from "../config/schema";
import { lockOptions } from "./central-backup-account-stack";
import { accountStackProps, vaultPolicyExemptRoles } from "./common";
import { appliedPolicies, backupServiceRoleName } from "./naming";
import { addMemberDlm } from "./member-dlm";

/**
 * A member account: in each region a local vault with its own key (shared with the central backup account, so
 * copies can be decrypted there); the AWS Backup service role; for each protection policy deployed by stacks a
 * plan per region with copy actions into the central vault of that region, read from the central stack's remote
 * state; tag selections; DLM policies; audit and restore testing.
 */
export class MemberAccountStack extends AccountStack {
  public readonly vaults = new Map<string, BackupVault>();
  public readonly plans: BackupPlan[] = [];
  public readonly centralState: DataTerraformRemoteStateS3;
  public readonly serviceRole: BackupServiceRole;

  constructor(scope: Construct, config: RolloutConfig, member: MemberConfig) {
    const id = memberStackName(member);
    super(scope, id, accountStackProps(config, member.accountId, member.regions, member.deployRoleArn, id));
    const central = config.centralBackup;
    const primary = member.regions[0];

    this.centralState = new DataTerraformRemoteStateS3(this, CENTRAL_REMOTE_STATE, {
      bucket: config.stateBackend.bucket,
      region: config.stateBackend.region,
      key: stateKey(config, centralStackName(config)),
      encrypt: true,
      kmsKeyId: config.stateBackend.kmsKeyArn,
      assumeRole: config.stateBackend.roleArn ? { roleArn: config.stateBackend.roleArn } : undefined,
    });
    this.centralState.overrideLogicalId(CENTRAL_REMOTE_STATE);

    for (const region of member.regions) {
      const vault = new BackupVault(this, `Vault_${regionSuffix(region)}`, {
        vaultName: memberVaultName(config),
        env: { accountId: member.accountId, region },
        keySharing: { accountIds: [central.accountId] },
        accessPolicy: { breakGlassRoleArns: vaultPolicyExemptRoles(config, member.accountId, member.deployRoleArn) },
        lock: member.vaultLock ? lockOptions(member.vaultLock) : undefined,
        provider: this.providerFor(region),
      });
      this.vaults.set(region, vault);
      const out = MemberOutputs.vaultArn(region);
      new TerraformOutput(this, out, { value: vault.vaultArn, description: `ARN of this account's backup vault in ${region}` }).overrideLogicalId(out);
    }

    this.serviceRole = new BackupServiceRole(this, "BackupServiceRole", {
      env: { accountId: member.accountId, region: primary },
      roleName: backupServiceRoleName(config),
      restores: true,
    });
    new TerraformOutput(this, MemberOutputs.backupRoleArn, { value: this.serviceRole.roleArn, description: "The AWS Backup service role" }).overrideLogicalId(MemberOutputs.backupRoleArn);

    const applied = appliedPolicies(config, member).map((name) => [name, config.protectionPolicies[name]] as [string, ProtectionPolicy]);
    for (const [name, policy] of applied) {
      if (policy.backup && policy.backup.via === "member-stacks") {
        for (const region of member.regions) this.addBackupPlan(config, name, policy, policy.backup, region);
      }
    }
    addMemberDlm(this, config, member, applied);
    this.addAuditAndRestoreTesting(config, member);
  }

  /** The central vault of a region, as member stacks see it: its ARN read from remote state, its lock from config. */
  centralVault(config: RolloutConfig, region: string): IBackupVault {
    const central = config.centralBackup;
    const lock = central.vaultLock;
    return {
      vaultName: central.vaultName,
      vaultArn: this.centralState.getString(CentralOutputs.vaultArn(region)),
      env: { accountId: central.accountId, region, partition: "aws" },
      lockBounds: lock ? { minDays: lock.minRetentionDays, maxDays: lock.maxRetentionDays, source: `${centralStackName(config)} vault lock` } : undefined,
    };
  }

  private addBackupPlan(config: RolloutConfig, name: string, policy: ProtectionPolicy, b: BackupIntent, region: string): void {
    const vault = this.vaults.get(region)!;
    const provider = this.providerFor(region);
    const copyActions: CopyActionProps[] = [];
    if (b.copyToCentral) {
      copyActions.push({ destination: this.centralVault(config, region), lifecycle: { deleteAfterDays: b.copyToCentral.retentionDays, coldStorageAfterDays: b.copyToCentral.coldStorageAfterDays } });
    }
    if (b.copyToRegion && b.copyToRegion.region !== region) {
      copyActions.push({ destination: this.vaults.get(b.copyToRegion.region)!, lifecycle: { deleteAfterDays: b.copyToRegion.retentionDays, coldStorageAfterDays: b.copyToRegion.coldStorageAfterDays } });
    }
    const schedule = Schedule.cron(b.schedule, { timezone: b.timezone });
    const rules: BackupRuleProps[] = [
      {
        ruleName: "scheduled",
        targetVault: vault,
        schedule,
        startWindowMinutes: b.startWindowMinutes,
        completionWindowMinutes: b.completionWindowMinutes,
        lifecycle: { deleteAfterDays: b.retentionDays, coldStorageAfterDays: b.coldStorageAfterDays },
        recoveryPointTags: { ProtectionPolicy: name },
        copyActions,
      },
    ];
    if (b.continuousBackup) {
      rules.push({
        ruleName: "continuous",
        targetVault: vault,
        schedule: Schedule.hourly(1),
        continuousBackup: true,
        lifecycle: { deleteAfterDays: b.continuousBackup.retentionDays },
        recoveryPointTags: { ProtectionPolicy: name },
      });
    }
    const id = `Plan_${name.replace(/-/g, "_")}_${regionSuffix(region)}`;
    const plan = new BackupPlan(this, id, { planName: `${config.name}-${name}`, rules, windowsVss: b.windowsVss, provider });
    this.plans.push(plan);
    BackupSelection.byTag(this, `${id}_Selection`, {
      selectionName: `${name}-by-tag`,
      plan,
      role: this.serviceRole,
      key: policy.tag.key,
      value: policy.tag.value,
      provider,
    });
  }

  private addAuditAndRestoreTesting(config: RolloutConfig, member: MemberConfig): void {
    const primary = member.regions[0];
    const primaryPlans = this.plans.filter((p) => p.vaults().some((v) => v.env.region === primary));
    const audit = config.centralBackup.audit;
    if (audit && primaryPlans.length > 0) {
      const framework = new BackupAuditFramework(this, "AuditFramework", {
        frameworkName: `${config.name}_${member.name}`.replace(/-/g, "_"),
        description: `Backup controls derived from the plans of ${member.name}`,
        plans: primaryPlans,
        deletionAllowedRoleArns: [vaultPolicyExemptRoles(config, member.accountId, member.deployRoleArn)[0]],
      });
      BackupReportPlan.controlCompliance(this, "AuditReport", {
        framework,
        reportPlanName: `${config.name}_${member.name}_controls`.replace(/-/g, "_"),
        s3BucketName: audit.reportBucket,
        s3KeyPrefix: `${audit.reportPrefix ?? "backup-audit"}/${member.name}`,
      });
    }
    const rt = config.restoreTesting;
    if (rt && primaryPlans.length > 0) {
      const plan = new RestoreTestingPlan(this, "RestoreTesting", {
        planName: `${config.name}_${member.name}`.replace(/-/g, "_"),
        schedule: Schedule.cron(rt.schedule),
        recoveryPointSelection: { includeVaults: [this.vaults.get(primary)!], selectionWindowDays: rt.selectionWindowDays },
      });
      for (const type of rt.resourceTypes) {
        new RestoreTestingSelection(this, `RestoreTesting_${type}`, {
          selectionName: `${type}_tagged`.replace(/[^a-zA-Z0-9_]/g, "_"),
          plan,
          protectedResourceType: type,
          role: this.serviceRole,
          protectedResourceConditions: { stringEquals: [{ key: `aws:ResourceTag/${rt.tag.key}`, value: rt.tag.value }] },
          validationWindowHours: rt.validationWindowHours,
        });
      }
    }
  }
}
