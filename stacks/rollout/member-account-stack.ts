import { Construct } from "constructs";
import {
  BackupAuditFramework,
  BackupPlan,
  BackupReportPlan,
  BackupServiceRole,
  BackupVault,
  IBackupVault,
  RestoreTestingPlan,
  RestoreTestingSelection,
  Schedule,
} from "../../modules/backup";
import { DefaultPolicy, DlmServiceRoles } from "../../modules/dlm";
import { ProtectionProfile } from "../../modules/profiles";
import { Duration, Retention } from "../../modules/core";
import { DataTerraformRemoteStateS3, TerraformOutput } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";
import { CENTRAL_REMOTE_STATE, CentralOutputs, MemberOutputs, centralStackName, regionSuffix, stateKey } from "../model/contracts";
import type { MemberModel, RolloutModel } from "../model/model";
import type { RolloutConfig } from "../config/schema";
import { lockOptions } from "./central-backup-account-stack";
import { accountStackProps, vaultPolicyExemptRoles } from "../model/accounts";
import { BACKUP_SERVICE_ROLE_PATH, backupServiceRoleName } from "../model/naming";

/**
 * A member account: in each region a local vault with its own key (shared with the central backup account, so its
 * copies can be decrypted there); the AWS Backup service role and the DLM roles; a ProtectionProfile per protection
 * policy and region, whose copies into the central vault read that vault's ARN from the central stack's remote
 * state; DLM default policies; audit and restore testing.
 */
export class MemberAccountStack extends AccountStack {
  public readonly vaults = new Map<string, BackupVault>();
  public readonly profiles: ProtectionProfile[] = [];
  public readonly centralState: DataTerraformRemoteStateS3;
  public readonly serviceRole: BackupServiceRole;
  public readonly dlmRoles?: DlmServiceRoles;

  constructor(scope: Construct, model: RolloutModel, member: MemberModel) {
    const config = model.config;
    const m = member.config;
    super(scope, member.stack, accountStackProps(config, m.accountId, m.regions, m.deployRoleArn, member.stack));
    const central = config.centralBackup;

    this.centralState = new DataTerraformRemoteStateS3(this, CENTRAL_REMOTE_STATE, {
      bucket: config.stateBackend.bucket,
      region: config.stateBackend.region,
      key: stateKey(config, centralStackName(config)),
      encrypt: true,
      kmsKeyId: config.stateBackend.kmsKeyArn,
      assumeRole: config.stateBackend.roleArn ? { roleArn: config.stateBackend.roleArn } : undefined,
    });
    this.centralState.overrideLogicalId(CENTRAL_REMOTE_STATE);

    for (const [region, ref] of member.vaults) {
      const vault = new BackupVault(this, `Vault_${regionSuffix(region)}`, {
        vaultName: ref.name,
        env: { accountId: m.accountId, region },
        keySharing: { accountIds: [central.accountId] },
        accessPolicy: { breakGlassRoleArns: vaultPolicyExemptRoles(config, m.accountId, m.deployRoleArn) },
        lock: ref.lock ? lockOptions(ref.lock) : undefined,
        provider: this.providerFor(region),
      });
      this.vaults.set(region, vault);
      const out = MemberOutputs.vaultArn(region);
      new TerraformOutput(this, out, { value: vault.vaultArn, description: `ARN of this account's backup vault in ${region}` }).overrideLogicalId(out);
    }

    this.serviceRole = new BackupServiceRole(this, "BackupServiceRole", {
      env: { accountId: m.accountId, region: m.regions[0] },
      roleName: backupServiceRoleName(config),
      path: BACKUP_SERVICE_ROLE_PATH,
      restores: true,
    });
    new TerraformOutput(this, MemberOutputs.backupRoleArn, { value: this.serviceRole.roleArn, description: "The AWS Backup service role" }).overrideLogicalId(
      MemberOutputs.backupRoleArn,
    );

    const usesDlm = member.placements.some((p) => p.intent.amis || p.intent.snapshots) || (config.dlmDefaultPolicies ?? []).length > 0;
    if (usesDlm) {
      this.dlmRoles = new DlmServiceRoles(this, "DlmServiceRoles", {
        env: { accountId: m.accountId, region: m.regions[0] },
        namePrefix: `${config.name}-dlm`,
        encryptionKeys: [...this.vaults.values()].map((v) => v.encryptionKey),
      });
    }

    const regionVaults = Object.fromEntries(this.vaults);
    const copyKeys = Object.fromEntries([...this.vaults].map(([r, v]) => [r, v.encryptionKey]));
    for (const p of member.placements) {
      if (!p.intent.backup && !p.intent.amis && !p.intent.snapshots) continue;
      this.profiles.push(
        new ProtectionProfile(this, `${p.policy.replace(/-/g, "_")}_${regionSuffix(p.region)}`, {
          name: `${config.name}-${p.policy}`,
          tag: p.tag,
          intent: p.intent,
          region: p.region,
          backupVault: this.vaults.get(p.region),
          backupRole: this.serviceRole,
          centralVault: p.intent.backup?.copyToCentral ? this.centralVault(config, p.region) : undefined,
          regionVaults,
          dlmRoles: this.dlmRoles,
          copyKeys,
          shareWithAccountId: central.accountId,
          provider: this.providerFor(p.region),
        }),
      );
    }
    for (const region of m.regions) {
      for (const d of config.dlmDefaultPolicies ?? []) {
        new DefaultPolicy(this, `DlmDefault_${d.resourceType.toLowerCase()}_${regionSuffix(region)}`, {
          resourceType: d.resourceType,
          executionRole: this.dlmRoles!,
          createInterval: Duration.days(d.createIntervalDays),
          retainInterval: Retention.days(d.retainIntervalDays),
          region,
          provider: this.providerFor(region),
        });
      }
    }
    this.addAuditAndRestoreTesting(config, member);
  }

  /** The backup plans of this account. */
  get plans(): BackupPlan[] {
    return this.profiles.flatMap((p) => (p.plan ? [p.plan] : []));
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

  private addAuditAndRestoreTesting(config: RolloutConfig, member: MemberModel): void {
    const m = member.config;
    const primary = m.regions[0];
    const primaryPlans = this.plans.filter((p) => p.vaults().some((v) => v.env.region === primary));
    const audit = config.centralBackup.audit;
    if (audit && primaryPlans.length > 0) {
      const framework = new BackupAuditFramework(this, "AuditFramework", {
        frameworkName: `${config.name}_${m.name}`.replace(/-/g, "_"),
        description: `Backup controls derived from the plans of ${m.name}`,
        plans: primaryPlans,
        deletionAllowedRoleArns: [vaultPolicyExemptRoles(config, m.accountId, m.deployRoleArn)[0]],
      });
      BackupReportPlan.controlCompliance(this, "AuditReport", {
        framework,
        reportPlanName: `${config.name}_${m.name}_controls`.replace(/-/g, "_"),
        s3BucketName: audit.reportBucket,
        s3KeyPrefix: `${audit.reportPrefix ?? "backup-audit"}/${m.name}`,
      });
    }
    const rt = config.restoreTesting;
    if (rt && primaryPlans.length > 0) {
      const plan = new RestoreTestingPlan(this, "RestoreTesting", {
        planName: `${config.name}_${m.name}`.replace(/-/g, "_"),
        schedule: Schedule.cron(rt.schedule),
        recoveryPointSelection: { includeVaults: [this.vaults.get(primary)!], selectionWindow: Duration.days(rt.selectionWindowDays) },
      });
      for (const type of rt.resourceTypes) {
        new RestoreTestingSelection(this, `RestoreTesting_${type}`, {
          selectionName: `${type}_tagged`.replace(/[^a-zA-Z0-9_]/g, "_"),
          plan,
          protectedResourceType: type,
          role: this.serviceRole,
          protectedResourceConditions: { stringEquals: [{ key: `aws:ResourceTag/${rt.tag.key}`, value: rt.tag.value }] },
          validationWindow: Duration.hours(rt.validationWindowHours),
        });
      }
    }
  }
}
