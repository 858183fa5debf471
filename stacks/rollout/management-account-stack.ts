import { Construct } from "constructs";
import { BackupPolicyPlan, DelegatedBackupAdministrator, OrganizationBackupPolicy, OrganizationPrerequisites } from "../../modules/organizations";
import { BackupGlobalSettings } from "../../modules/backup";
import { AccountStack } from "../account-stack";
import type { RolloutModel } from "../model/model";
import type { PlanSpec, VaultRef } from "../model/model";
import { lifecycleOf, windowsOf } from "../model/plans";

/** A plan spec as an Organizations backup policy plan. Recovery-point tags stay out: the policies have never set them. */
function policyPlan(plan: PlanSpec<VaultRef>): BackupPolicyPlan {
  return {
    name: plan.name,
    regions: [plan.region],
    partition: plan.partition,
    roleName: plan.role.name,
    rolePath: plan.role.path,
    selectionTag: { key: plan.selection.tag.key, values: [plan.selection.tag.value] },
    windowsVss: plan.windowsVss,
    rules: plan.rules.map((r) => ({
      name: r.name,
      schedule: r.schedule,
      targetVaultName: r.targetVault.name,
      ...windowsOf(r),
      ...lifecycleOf(r),
      continuousBackup: r.continuousBackup || undefined,
      copyActions: r.copies.map((c) => ({ targetVaultArn: c.vault.arn, ...lifecycleOf(c) })),
    })),
  };
}

/**
 * The management account: cross-account backup turned on in AWS Backup's global settings, the central backup
 * account registered as delegated administrator, and the Organizations backup policies of protection policies
 * deployed `via: organization-policy`, one per policy and region, attached to the member accounts that apply it.
 */
export class ManagementAccountStack extends AccountStack {
  public readonly backupPolicies: OrganizationBackupPolicy[] = [];

  constructor(scope: Construct, model: RolloutModel) {
    const management = model.management;
    super(scope, management.stack, management.stackProps);
    this.addGlobalSettings(model);
    const pre = management.prerequisites;
    // Checked when Terraform plans (a failed postcondition stops the plan): attaching a policy or registering the
    // administrator would otherwise fail half-way through apply.
    if (pre.policyTypes.length + pre.servicePrincipals.length > 0) {
      new OrganizationPrerequisites(this, "OrganizationPrerequisites", {
        rootId: pre.rootId,
        policyTypes: pre.policyTypes,
        servicePrincipals: pre.servicePrincipals,
      });
    }
    if (management.delegatedAdministratorAccountId) {
      new DelegatedBackupAdministrator(this, "BackupDelegatedAdministrator", {
        accountId: management.delegatedAdministratorAccountId,
        managementAccountId: management.accountId,
      });
    }
    for (const policy of management.backupPolicies) {
      const created = new OrganizationBackupPolicy(this, `BackupPolicy_${policy.policy}_${policy.region}`, {
        policyName: policy.policyName,
        description: policy.description,
        targets: policy.targets,
        plans: [policyPlan(policy.plan)],
      });
      this.backupPolicies.push(created);
    }
  }

  /** Cross-account backup on (copies into the central account need it), and every other flag as the model has it. */
  private addGlobalSettings(model: RolloutModel): void {
    const g = model.management.globalSettings;
    new BackupGlobalSettings(this, "BackupGlobalSettings", {
      crossAccountBackup: g.crossAccountBackup,
      multiPartyApproval: g.multiPartyApproval,
      delegatedAdministrator: g.delegatedAdministrator,
    });
  }
}
