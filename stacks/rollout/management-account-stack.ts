import { Construct } from "constructs";
import { DelegatedBackupAdministrator, OrganizationBackupPolicy, BackupPolicyRule } from "../../modules/organizations";
import { backupVaultArn } from "../../modules/core";
import { BackupGlobalSettings } from "../../modules/backup";
import { AccountStack } from "../account-stack";
import { managementStackName, memberVaultName } from "../config/contracts";
import type { RolloutConfig } from "../config/schema";
import { accountStackProps } from "./common";
import { appliedPolicies, backupServiceRoleName } from "./naming";

/**
 * The management account: cross-account backup turned on in AWS Backup's global settings, the central backup
 * account registered as delegated administrator, and the Organizations backup policies of protection policies
 * deployed `via: organization-policy`, one per policy and region, attached to the member accounts that apply it.
 */
export class ManagementAccountStack extends AccountStack {
  public readonly backupPolicies: OrganizationBackupPolicy[] = [];

  constructor(scope: Construct, config: RolloutConfig) {
    const id = managementStackName();
    super(scope, id, accountStackProps(config, config.organization.managementAccountId, [config.management.region], config.management.deployRoleArn, id));
    this.addGlobalSettings();
    if (config.management.delegateBackupAdministrator) {
      new DelegatedBackupAdministrator(this, "BackupDelegatedAdministrator", {
        accountId: config.centralBackup.accountId,
        managementAccountId: config.organization.managementAccountId,
      });
    }

    for (const [name, policy] of Object.entries(config.protectionPolicies)) {
      const backup = policy.backup;
      if (!backup || backup.via !== "organization-policy") continue;
      const members = config.members.filter((m) => appliedPolicies(config, m).includes(name));
      const regions = [...new Set(members.flatMap((m) => m.regions))];
      for (const region of regions) {
        const targets = members.filter((m) => m.regions.includes(region)).map((m) => m.accountId);
        const copyActions: BackupPolicyRule["copyActions"] = [
          ...(backup.copyToCentral
            ? [
                {
                  targetVaultArn: backupVaultArn({ accountId: config.centralBackup.accountId, region, partition: "aws" }, config.centralBackup.vaultName),
                  deleteAfterDays: backup.copyToCentral.retentionDays,
                  coldStorageAfterDays: backup.copyToCentral.coldStorageAfterDays,
                },
              ]
            : []),
          ...(backup.copyToRegion && backup.copyToRegion.region !== region
            ? [
                {
                  targetVaultArn: `arn:aws:backup:${backup.copyToRegion.region}:$account:backup-vault:${memberVaultName(config)}`,
                  deleteAfterDays: backup.copyToRegion.retentionDays,
                  coldStorageAfterDays: backup.copyToRegion.coldStorageAfterDays,
                },
              ]
            : []),
        ];
        this.backupPolicies.push(
          new OrganizationBackupPolicy(this, `BackupPolicy_${name}_${region}`, {
            policyName: `${config.name}-${name}-${region}`,
            description: policy.description ?? `Backup policy ${name} in ${region}`,
            targets,
            plans: [
              {
                name: `${config.name}-${name}`,
                regions: [region],
                roleName: backupServiceRoleName(config),
                selectionTag: { key: policy.tag.key, values: [policy.tag.value] },
                windowsVss: backup.windowsVss,
                rules: [
                  {
                    name: "scheduled",
                    schedule: backup.schedule,
                    targetVaultName: memberVaultName(config),
                    startWindowMinutes: backup.startWindowMinutes,
                    completionWindowMinutes: backup.completionWindowMinutes,
                    deleteAfterDays: backup.retentionDays,
                    coldStorageAfterDays: backup.coldStorageAfterDays,
                    copyActions,
                  },
                  ...(backup.continuousBackup
                    ? [{ name: "continuous", schedule: "cron(0 * ? * * *)", targetVaultName: memberVaultName(config), continuousBackup: true, deleteAfterDays: backup.continuousBackup.retentionDays }]
                    : []),
                ],
              },
            ],
          }),
        );
      }
    }
  }

  /** Cross-account backup on: set in the management account, required for copies into the central account. */
  private addGlobalSettings(): void {
    new BackupGlobalSettings(this, "BackupGlobalSettings", { crossAccountBackup: true });
  }
}
