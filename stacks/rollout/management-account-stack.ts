import { Construct } from "constructs";
import { DelegatedBackupAdministrator, OrganizationBackupPolicy, BackupPolicyRule } from "../../modules/organizations";
import { BackupGlobalSettings } from "../../modules/backup";
import { Duration, Retention } from "../../modules/core";
import { AccountStack } from "../account-stack";
import type { Placement, RolloutModel } from "../model/model";
import { accountStackProps } from "../model/accounts";
import { BACKUP_SERVICE_ROLE_PATH, backupServiceRoleName } from "../model/naming";

/**
 * The management account: cross-account backup turned on in AWS Backup's global settings, the central backup
 * account registered as delegated administrator, and the Organizations backup policies of protection policies
 * deployed `via: organization-policy`, one per policy and region, attached to the member accounts that apply it.
 */
export class ManagementAccountStack extends AccountStack {
  public readonly backupPolicies: OrganizationBackupPolicy[] = [];

  constructor(scope: Construct, model: RolloutModel) {
    const config = model.config;
    const id = model.managementStack;
    super(scope, id, accountStackProps(config, config.organization.managementAccountId, [config.management.region], config.management.deployRoleArn, id));
    this.addGlobalSettings();
    if (config.management.delegateBackupAdministrator) {
      new DelegatedBackupAdministrator(this, "BackupDelegatedAdministrator", {
        accountId: config.centralBackup.accountId,
        managementAccountId: config.organization.managementAccountId,
      });
    }

    // One policy per protection policy and region, attached to the member accounts whose placements it deploys.
    const groups = new Map<string, { placement: Placement; accounts: string[] }>();
    for (const member of model.members) {
      for (const p of member.placements) {
        if (p.effective.backup?.via !== "organization-policy") continue;
        const key = `${p.policy}\u0000${p.region}`;
        const group = groups.get(key) ?? { placement: p, accounts: [] };
        group.accounts.push(member.config.accountId);
        groups.set(key, group);
      }
    }
    for (const { placement: p, accounts } of groups.values()) {
      const backup = p.effective.backup!;
      const copyActions: BackupPolicyRule["copyActions"] = p.copies.map((c) => ({
        // A member's own vault differs per account: the policy names it through $account.
        targetVaultArn: c.kind === "other-region" ? `arn:aws:backup:${c.vault.region}:$account:backup-vault:${c.vault.name}` : c.vault.arn,
        deleteAfter: Retention.days(c.retentionDays),
        coldStorageAfter: c.coldStorageAfterDays === undefined ? undefined : Retention.days(c.coldStorageAfterDays),
      }));
      this.backupPolicies.push(
        new OrganizationBackupPolicy(this, `BackupPolicy_${p.policy}_${p.region}`, {
          policyName: `${config.name}-${p.policy}-${p.region}`,
          description: p.description ?? `Backup policy ${p.policy} in ${p.region}`,
          targets: accounts,
          plans: [
            {
              name: `${config.name}-${p.policy}`,
              regions: [p.region],
              roleName: backupServiceRoleName(config),
              rolePath: BACKUP_SERVICE_ROLE_PATH,
              selectionTag: { key: p.tag.key, values: [p.tag.value] },
              windowsVss: backup.windowsVss,
              rules: [
                {
                  name: "scheduled",
                  schedule: backup.schedule,
                  targetVaultName: p.vault!.name,
                  startWindow: backup.startWindowMinutes === undefined ? undefined : Duration.minutes(backup.startWindowMinutes),
                  completionWindow: backup.completionWindowMinutes === undefined ? undefined : Duration.minutes(backup.completionWindowMinutes),
                  deleteAfter: Retention.days(backup.retentionDays),
                  coldStorageAfter: backup.coldStorageAfterDays === undefined ? undefined : Retention.days(backup.coldStorageAfterDays),
                  copyActions,
                },
                ...(backup.continuousBackup
                  ? [
                      {
                        name: "continuous",
                        schedule: "cron(0 * ? * * *)",
                        targetVaultName: p.vault!.name,
                        continuousBackup: true,
                        deleteAfter: Retention.days(backup.continuousBackup.retentionDays),
                      },
                    ]
                  : []),
              ],
            },
          ],
        }),
      );
    }
  }

  /** Cross-account backup on: set in the management account, required for copies into the central account. */
  private addGlobalSettings(): void {
    new BackupGlobalSettings(this, "BackupGlobalSettings", { crossAccountBackup: true });
  }
}
