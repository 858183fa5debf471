import { Construct } from "constructs";
import { BackupReportBucket, BackupReportPlan, BackupServiceRole, BackupVault, LogicallyAirGappedVault } from "../../modules/backup";
import { CrossAccountCopyPolicy, DlmServiceRoles } from "../../modules/dlm";
import { Retention } from "../../modules/core";
import { TerraformOutput } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";
import { addRestoreTesting } from "./restore-testing";
import { CentralOutputs, regionSuffix } from "../model/contracts";
import type { CentralModel, RolloutModel } from "../model/model";

/**
 * The central backup account: in each of its regions a vault whose key is shared with the organization and whose
 * access policy lets the organization copy in and nobody but break-glass delete; the vault lock; notifications.
 * Publishes the vault and key ARNs as named outputs (CentralOutputs) for the member stacks.
 */
export class CentralBackupAccountStack extends AccountStack {
  public readonly vaults = new Map<string, BackupVault | LogicallyAirGappedVault>();

  constructor(scope: Construct, model: RolloutModel) {
    const central = model.central;
    super(scope, central.stack, central.stackProps);

    for (const [region, ref] of central.vaults) {
      const common = {
        vaultName: ref.name,
        env: { accountId: ref.accountId, region, partition: ref.partition },
        keySharing: ref.keySharing,
        keyDeletionProtection: ref.keyDeletionProtection,
        accessPolicy: {
          breakGlassRoleArns: ref.deletionDenied ? ref.deletionExemptRoleArns : undefined,
          allowCopyInto: ref.allowCopyInto,
          denyDeletion: ref.deletionDenied,
        },
        notifications: central.notifications ? {} : undefined,
        provider: this.providerFor(region),
      };
      // Same construct ID either way, so the key, policy and outputs keep their addresses.
      const vault = central.airGapped
        ? new LogicallyAirGappedVault(this, `CentralVault_${regionSuffix(region)}`, {
            ...common,
            minRetention: ref.lock!.minRetention,
            maxRetention: ref.lock!.maxRetention,
          })
        : new BackupVault(this, `CentralVault_${regionSuffix(region)}`, { ...common, lock: ref.lock });
      this.vaults.set(region, vault);
      new TerraformOutput(this, CentralOutputs.vaultArn(region), {
        value: vault.vaultArn,
        description: `ARN of the central backup vault in ${region}`,
      }).overrideLogicalId(CentralOutputs.vaultArn(region));
      new TerraformOutput(this, CentralOutputs.keyArn(region), {
        // Rollout vaults always have a customer-managed key (only allowAwsManagedKey leaves a vault without one).
        value: vault.encryptionKey!.keyArn,
        description: `ARN of the KMS key of the central backup vault in ${region}`,
      }).overrideLogicalId(CentralOutputs.keyArn(region));
    }
    new TerraformOutput(this, CentralOutputs.accountId, { value: central.accountId, description: "The central backup account" }).overrideLogicalId(
      CentralOutputs.accountId,
    );
    this.addSharedSnapshotCopies(central);
    this.addOrganizationReports(central);
    this.addRestoreTesting(central);
  }

  /**
   * Restore tests of the copies in the central vaults: they are what an account compromise restores from, so they are
   * tested where they are, with a restore role of this account.
   */
  private addRestoreTesting(central: CentralModel): void {
    const rt = central.restoreTesting;
    if (!rt) return;
    const role = new BackupServiceRole(this, "RestoreTestingRole", {
      env: { accountId: central.accountId, region: central.regions[0], partition: central.partition },
      roleName: rt.role.name,
      path: rt.role.path,
      restores: true,
    });
    for (const p of rt.plans) {
      const provider = this.providerFor(p.region);
      const id = `RestoreTesting_${regionSuffix(p.region)}`;
      addRestoreTesting(this, id, rt, p.planName, this.vaults.get(p.region)!.vaultArn, role, provider);
    }
  }

  /**
   * The report bucket every report plan of the rollout delivers to, and the organization-wide job reports: the central
   * account is AWS Backup's delegated administrator, so its report plans can cover the member accounts and regions.
   */
  private addOrganizationReports(central: CentralModel): void {
    const audit = central.audit;
    if (!audit) return;
    const bucket = new BackupReportBucket(this, "ReportBucket", {
      bucketName: audit.reportBucket,
      partition: central.partition,
      organizationId: audit.organizationId,
    });
    for (const plan of audit.reportPlans) {
      new BackupReportPlan(this, `OrganizationReport_${plan.template.toLowerCase()}`, {
        reportPlanName: plan.name,
        reportTemplate: plan.template,
        // The bucket's attribute, not its name: the plan is created after the bucket.
        s3BucketName: bucket.bucket.bucket,
        s3KeyPrefix: plan.keyPrefix,
        accounts: plan.accounts,
        regions: plan.regions,
      });
    }
  }

  /**
   * The receiving half of DLM cross-account copies: in each central region, one event-based policy copies every
   * snapshot that members share with this account into it, re-encrypted with the central key of that region. One
   * policy per region (a shared snapshot would otherwise be copied once per policy), kept for the longest retention
   * any sharing protection policy asks for.
   */
  private addSharedSnapshotCopies(central: CentralModel): void {
    if (!central.dlmRoleNamePrefix || central.sharedSnapshotCopies.length === 0) return;
    const roles = new DlmServiceRoles(this, "DlmServiceRoles", {
      env: { accountId: central.accountId, region: central.regions[0], partition: central.partition },
      namePrefix: central.dlmRoleNamePrefix,
      encryptionKeys: [...this.vaults.values()].map((v) => v.encryptionKey!),
      sharedSnapshotSources: {
        accountIds: [...new Set(central.sharedSnapshotCopies.flatMap((c) => c.sourceAccountIds))],
        regions: central.sharedSnapshotCopies.map((c) => c.region),
      },
    });
    for (const copy of central.sharedSnapshotCopies) {
      const region = copy.region;
      CrossAccountCopyPolicy.forSnapshotsSharedBy(this, `SharedSnapshotCopy_${regionSuffix(region)}`, {
        description: `Copy snapshots shared by member accounts in ${region}`,
        sourceAccountIds: copy.sourceAccountIds,
        copies: [{ region, encryptionKey: this.vaults.get(region)!.encryptionKey, retain: Retention.days(copy.retentionDays) }],
        executionRole: roles,
        region,
        provider: this.providerFor(region),
      });
    }
  }
}
