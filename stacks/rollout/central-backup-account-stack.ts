import { Construct } from "constructs";
import { BackupVault } from "../../modules/backup";
import { TerraformOutput } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";
import { CentralOutputs, centralStackName } from "../config/contracts";
import type { RolloutConfig } from "../config/schema";
import { accountStackProps, vaultPolicyExemptRoles } from "./common";

/**
 * The central backup account: in each of its regions a vault whose key is shared with the organization and whose
 * access policy lets the organization copy in and nobody but break-glass delete; the vault lock; notifications.
 * Publishes the vault and key ARNs as named outputs (CentralOutputs) for the member stacks.
 */
export class CentralBackupAccountStack extends AccountStack {
  public readonly vaults = new Map<string, BackupVault>();

  constructor(scope: Construct, config: RolloutConfig) {
    const central = config.centralBackup;
    const id = centralStackName(config);
    super(scope, id, accountStackProps(config, central.accountId, central.regions, central.deployRoleArn, id));

    for (const region of central.regions) {
      const suffix = region.replace(/-/g, "_");
      const vault = new BackupVault(this, `CentralVault_${suffix}`, {
        vaultName: central.vaultName,
        env: { accountId: central.accountId, region },
        keySharing: { organizationId: config.organization.id },
        accessPolicy: {
          breakGlassRoleArns: vaultPolicyExemptRoles(config, central.accountId, central.deployRoleArn),
          allowCopyInto: { organizationId: config.organization.id },
        },
        lock: central.vaultLock ? lockOptions(central.vaultLock) : undefined,
        notifications: central.notifications ? {} : undefined,
        provider: this.providerFor(region),
      });
      this.vaults.set(region, vault);
      new TerraformOutput(this, CentralOutputs.vaultArn(region), {
        value: vault.vaultArn,
        description: `ARN of the central backup vault in ${region}`,
      }).overrideLogicalId(CentralOutputs.vaultArn(region));
      new TerraformOutput(this, CentralOutputs.keyArn(region), {
        value: vault.encryptionKey.keyArn,
        description: `ARN of the KMS key of the central backup vault in ${region}`,
      }).overrideLogicalId(CentralOutputs.keyArn(region));
    }
    new TerraformOutput(this, CentralOutputs.accountId, { value: central.accountId, description: "The central backup account" }).overrideLogicalId(CentralOutputs.accountId);
  }
}

/** Config lock -> construct lock options. */
export function lockOptions(lock: NonNullable<RolloutConfig["centralBackup"]["vaultLock"]>) {
  return lock.mode === "compliance"
    ? {
        mode: "compliance" as const,
        minRetentionDays: lock.minRetentionDays,
        maxRetentionDays: lock.maxRetentionDays,
        changeableForDays: lock.changeableForDays,
        acknowledgeIrreversible: lock.acknowledgeIrreversible === true,
      }
    : { mode: "governance" as const, minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays };
}
