import { Construct } from "constructs";
import { BackupVault } from "../../modules/backup";
import { CrossAccountCopyPolicy, DlmServiceRoles } from "../../modules/dlm";
import { Duration, Retention } from "../../modules/core";
import { TerraformOutput } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";
import { CentralOutputs } from "../model/contracts";
import type { RolloutModel } from "../model/model";
import type { RolloutConfig } from "../config/schema";
import { accountStackProps, vaultPolicyExemptRoles } from "../model/accounts";

/**
 * The central backup account: in each of its regions a vault whose key is shared with the organization and whose
 * access policy lets the organization copy in and nobody but break-glass delete; the vault lock; notifications.
 * Publishes the vault and key ARNs as named outputs (CentralOutputs) for the member stacks.
 */
export class CentralBackupAccountStack extends AccountStack {
  public readonly vaults = new Map<string, BackupVault>();

  constructor(scope: Construct, model: RolloutModel) {
    const config = model.config;
    const central = config.centralBackup;
    const id = model.centralStack;
    super(scope, id, accountStackProps(config, central.accountId, central.regions, central.deployRoleArn, id));

    for (const [region, ref] of model.centralVaults) {
      const suffix = region.replace(/-/g, "_");
      const vault = new BackupVault(this, `CentralVault_${suffix}`, {
        vaultName: ref.name,
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
    new TerraformOutput(this, CentralOutputs.accountId, { value: central.accountId, description: "The central backup account" }).overrideLogicalId(
      CentralOutputs.accountId,
    );
    this.addSharedSnapshotCopies(model);
  }

  /**
   * The receiving half of DLM cross-account copies: in each central region, one event-based policy copies every
   * snapshot that members share with this account into it, re-encrypted with the central key of that region. One
   * policy per region (a shared snapshot would otherwise be copied once per policy), kept for the longest retention
   * any sharing protection policy asks for.
   */
  private addSharedSnapshotCopies(model: RolloutModel): void {
    const central = model.config.centralBackup;
    const sharing = model.members.flatMap((m) =>
      m.placements.filter((p) => p.effective.snapshots?.shareWithCentral).map((p) => ({ accountId: m.config.accountId, placement: p })),
    );
    if (sharing.length === 0) return;
    const roles = new DlmServiceRoles(this, "DlmServiceRoles", {
      env: { accountId: central.accountId, region: central.regions[0] },
      namePrefix: `${model.config.name}-dlm`,
      encryptionKeys: [...this.vaults.values()].map((v) => v.encryptionKey),
    });
    for (const region of central.regions) {
      const inRegion = sharing.filter((s) => s.placement.region === region);
      if (inRegion.length === 0) continue;
      const sources = [...new Set(inRegion.map((s) => s.accountId))];
      const retainDays = Math.max(...inRegion.map((s) => s.placement.effective.snapshots!.shareWithCentral!.retainDays));
      CrossAccountCopyPolicy.forSnapshotsSharedBy(this, `SharedSnapshotCopy_${region.replace(/-/g, "_")}`, {
        description: `Copy snapshots shared by member accounts in ${region}`,
        sourceAccountIds: sources,
        copies: [{ region, encryptionKey: this.vaults.get(region)!.encryptionKey, retain: Retention.days(retainDays) }],
        executionRole: roles,
        region,
        provider: this.providerFor(region),
      });
    }
  }
}

/** Config lock -> construct lock options. */
export function lockOptions(lock: NonNullable<RolloutConfig["centralBackup"]["vaultLock"]>) {
  return lock.mode === "compliance"
    ? {
        mode: "compliance" as const,
        minRetention: Retention.days(lock.minRetentionDays),
        maxRetention: lock.maxRetentionDays === undefined ? undefined : Retention.days(lock.maxRetentionDays),
        changeableFor: lock.changeableForDays === undefined ? undefined : Duration.days(lock.changeableForDays),
        acknowledgeIrreversible: lock.acknowledgeIrreversible === true,
      }
    : {
        mode: "governance" as const,
        minRetention: Retention.days(lock.minRetentionDays),
        maxRetention: lock.maxRetentionDays === undefined ? undefined : Retention.days(lock.maxRetentionDays),
      };
}
