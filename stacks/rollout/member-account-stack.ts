import { Construct } from "constructs";
import {
  BackupAuditFramework,
  BackupPlan,
  BackupRegionSettings,
  BackupReportPlan,
  BackupRuleProps,
  BackupSelection,
  BackupServiceRole,
  BackupVault,
  IBackupVault,
  Schedule,
} from "../../modules/backup";
import { DefaultPolicy, DlmServiceRoles } from "../../modules/dlm";
import { WorkloadKey } from "../../modules/kms";
import { ProtectionProfile } from "../../modules/profiles";
import { Duration, Retention } from "../../modules/core";
import { DataTerraformRemoteState, DataTerraformRemoteStateS3, TerraformOutput, TerraformProvider, TerraformRemoteState } from "../../modules/core/cdktf";
import { AccountStack } from "../account-stack";
import { addRestoreTesting } from "./restore-testing";
import { CENTRAL_REMOTE_STATE, CentralOutputs, MemberOutputs, regionSuffix } from "../model/contracts";
import type { MemberModel, PlanSpec, RestoreTestingModel, RolloutModel } from "../model/model";
import { lifecycleOf, windowsOf } from "../model/plans";

/**
 * A member account: in each region a local vault with its own key (shared with the central backup account, so its
 * copies can be decrypted there); the AWS Backup service role and the DLM roles; per protection policy and region the
 * backup plan of the model's plan spec, whose copies into the central vault read that vault's ARN from the central
 * stack's remote state, and a ProtectionProfile for the DLM policies; DLM default policies; audit and restore testing.
 */
export class MemberAccountStack extends AccountStack {
  public readonly vaults = new Map<string, BackupVault>();
  /** The workload keys, by region: customer-managed and usable by the central account for copies. */
  public readonly workloadKeys = new Map<string, WorkloadKey>();
  /** The ProtectionProfiles of the placements with DLM AMIs or snapshots. */
  public readonly profiles: ProtectionProfile[] = [];
  /** The backup plans this stack builds (those of placements not deployed by an Organizations policy). */
  public readonly backupPlans: BackupPlan[] = [];
  /** The central stack's outputs: its S3 state object, or its HCP Terraform workspace. */
  public readonly centralState: TerraformRemoteState;
  public readonly serviceRole: BackupServiceRole;
  public readonly dlmRoles?: DlmServiceRoles;
  private readonly member: MemberModel;

  constructor(scope: Construct, _model: RolloutModel, member: MemberModel) {
    super(scope, member.stack, member.stackProps);
    this.member = member;

    const state = member.centralState;
    // On HCP Terraform the `remote` backend reads another workspace's outputs: Terraform checks its config in validate,
    // while the tfe provider's tfe_outputs would need a provider that is not installed wherever Terraform is.
    this.centralState =
      state.type === "cloud"
        ? new DataTerraformRemoteState(this, CENTRAL_REMOTE_STATE, {
            organization: state.organization,
            hostname: state.hostname,
            workspaces: { name: state.workspace },
          })
        : new DataTerraformRemoteStateS3(this, CENTRAL_REMOTE_STATE, {
            bucket: state.bucket,
            region: state.region,
            key: state.key,
            encrypt: true,
            kmsKeyId: state.kmsKeyArn,
            assumeRole: state.roleArn ? { roleArn: state.roleArn } : undefined,
          });
    this.centralState.overrideLogicalId(CENTRAL_REMOTE_STATE);

    for (const [region, ref] of member.vaults) {
      const vault = new BackupVault(this, `Vault_${regionSuffix(region)}`, {
        vaultName: ref.name,
        env: { accountId: ref.accountId, region, partition: ref.partition },
        keySharing: ref.keySharing,
        accessPolicy: {
          breakGlassRoleArns: ref.deletionDenied ? ref.deletionExemptRoleArns : undefined,
          allowCopyInto: ref.allowCopyInto,
          denyDeletion: ref.deletionDenied,
        },
        lock: ref.lock,
        provider: this.providerFor(region),
      });
      this.vaults.set(region, vault);
      const out = MemberOutputs.vaultArn(region);
      new TerraformOutput(this, out, { value: vault.vaultArn, description: `ARN of this account's backup vault in ${region}` }).overrideLogicalId(out);
    }

    for (const [region, wk] of member.workloadKeys) {
      const key = new WorkloadKey(this, `WorkloadKey_${regionSuffix(region)}`, {
        env: { accountId: member.accountId, region, partition: member.partition },
        copyAccountId: wk.copyAccountId,
        alias: wk.alias,
        ebsDefault: wk.ebsDefault,
        provider: this.providerFor(region),
      });
      this.workloadKeys.set(region, key);
    }

    const role = member.backupServiceRole;
    this.serviceRole = new BackupServiceRole(this, "BackupServiceRole", {
      env: { accountId: member.accountId, region: member.regions[0], partition: member.partition },
      roleName: role.name,
      path: role.path,
      restores: true,
    });
    new TerraformOutput(this, MemberOutputs.backupRoleArn, { value: this.serviceRole.roleArn, description: "The AWS Backup service role" }).overrideLogicalId(
      MemberOutputs.backupRoleArn,
    );

    if (member.dlmRoleNamePrefix) {
      this.dlmRoles = new DlmServiceRoles(this, "DlmServiceRoles", {
        env: { accountId: member.accountId, region: member.regions[0], partition: member.partition },
        namePrefix: member.dlmRoleNamePrefix,
        // The workload keys too: AMIs and snapshots of volumes on them are copied across regions.
        encryptionKeys: [...[...this.vaults.values()].map((v) => v.encryptionKey!), ...this.workloadKeys.values()],
      });
    }

    // Rollout vaults always have a customer-managed key (only allowAwsManagedKey leaves a vault without one).
    const copyKeys = Object.fromEntries([...this.vaults].map(([r, v]) => [r, v.encryptionKey!]));
    for (const p of member.placements) {
      const id = `${p.policy.replace(/-/g, "_")}_${regionSuffix(p.region)}`;
      const plan = p.plan?.deployedBy === "member-stack" ? p.plan : undefined;
      const dlm = { amis: p.intent.amis, snapshots: p.intent.snapshots };
      if (!plan && !dlm.amis && !dlm.snapshots) continue;
      // The plan and the DLM policies of a placement share one scope, so their addresses (and construct paths) stay
      // `<policy>_<region>_Plan`, `_Selection`, `_Amis`, `_Snapshots`, as when ProtectionProfile built all of them.
      let placementScope: Construct;
      if (dlm.amis || dlm.snapshots) {
        const profile = new ProtectionProfile(this, id, {
          name: p.name,
          tag: p.tag,
          intent: dlm,
          region: p.region,
          dlmRoles: this.dlmRoles,
          copyKeys,
          shareWithAccountId: member.centralAccountId,
          provider: this.providerFor(p.region),
        });
        this.profiles.push(profile);
        placementScope = profile;
      } else {
        placementScope = new Construct(this, id);
      }
      if (plan) this.addPlan(placementScope, plan);
    }
    for (const region of member.regions) {
      for (const d of member.dlmDefaultPolicies) {
        new DefaultPolicy(this, `DlmDefault_${d.resourceType.toLowerCase()}_${regionSuffix(region)}`, {
          resourceType: d.resourceType,
          executionRole: this.dlmRoles!,
          createInterval: Duration.days(d.createIntervalDays),
          retainInterval: Retention.days(d.retainIntervalDays),
          // The rollout has always copied tags to default-policy snapshots; the construct now defaults to the provider's false.
          copyTags: true,
          region,
          provider: this.providerFor(region),
        });
      }
    }
    for (const settings of member.regionSettings) {
      // Tag selections silently skip resource types that are opted out in the region.
      new BackupRegionSettings(this, `RegionSettings_${regionSuffix(settings.region)}`, {
        resourceTypeOptIn: settings.resourceTypeOptIn,
        provider: this.providerFor(settings.region),
      });
    }
    this.addAuditAndRestoreTesting(member);
  }

  /** The backup plans of this account. */
  get plans(): BackupPlan[] {
    return this.backupPlans;
  }

  /** The central vault of a region, as member stacks see it: its ARN read from remote state, its lock from the model. */
  centralVault(region: string): IBackupVault {
    const ref = this.member.centralVaults.get(region);
    if (!ref) throw new Error(`${this.node.id}: the central backup account has no vault in ${region}`);
    return {
      vaultName: ref.name,
      vaultArn: this.centralState.getString(CentralOutputs.vaultArn(region)),
      env: { accountId: ref.accountId, region, partition: ref.partition },
      lockBounds: ref.lockBounds,
    };
  }

  /** Builds a plan spec: the plan, its rules and copies, and its tag selection. */
  private addPlan(scope: Construct, spec: PlanSpec): void {
    const provider = this.providerFor(spec.region);
    const vault = (kind: "central-account" | "other-region", region: string): IBackupVault =>
      kind === "central-account" ? this.centralVault(region) : this.vaults.get(region)!;
    const rules: BackupRuleProps[] = spec.rules.map((r) => ({
      ruleName: r.name,
      targetVault: this.vaults.get(r.targetVault.region)!,
      schedule: Schedule.cron(r.schedule, { timezone: r.timezone }),
      ...windowsOf(r),
      // Rules without a window of their own (the continuous rule) have always run with 1440 minutes; the rule
      // construct now defaults to the provider's 180, so the rollout says what it relies on.
      completionWindow: windowsOf(r).completionWindow ?? Duration.minutes(1440),
      lifecycle: lifecycleOf(r),
      continuousBackup: r.continuousBackup || undefined,
      recoveryPointTags: { ...r.recoveryPointTags },
      copyActions: r.copies.map((c) => ({
        destination: vault(c.kind, c.vault.region),
        lifecycle: lifecycleOf(c),
      })),
    }));
    const plan = new BackupPlan(scope, "Plan", { planName: spec.name, rules, windowsVss: spec.windowsVss, provider });
    this.backupPlans.push(plan);
    BackupSelection.byTag(scope, "Selection", {
      selectionName: spec.selection.name,
      plan,
      role: this.serviceRole,
      key: spec.selection.tag.key,
      value: spec.selection.tag.value,
      provider,
    });
  }

  /**
   * A framework in each region with backed-up resources (frameworks evaluate their own account and region), with the
   * controls the model derived from the plans there, Organizations-deployed ones included, and its control compliance
   * report. The primary region's keep the IDs they had before there were regional ones.
   */
  private addAudit(audit: NonNullable<MemberModel["audit"]>, member: MemberModel): void {
    const primary = member.regions[0];
    for (const regional of member.auditRegions) {
      const region = regional.region;
      const suffix = region === primary ? "" : `_${regionSuffix(region)}`;
      const provider = region === primary ? undefined : this.providerFor(region);
      const framework = new BackupAuditFramework(this, `AuditFramework${suffix}`, {
        frameworkName: audit.frameworkName,
        description: audit.description,
        controls: regional.controls,
        provider,
        // Every control evaluates through AWS Config: without a recorder here the framework reports nothing.
        configRecordingCheck: true,
        region,
      });
      new BackupReportPlan(this, `AuditReport${suffix}`, {
        reportPlanName: audit.reportPlanName,
        reportTemplate: "CONTROL_COMPLIANCE_REPORT",
        frameworks: [framework],
        s3BucketName: audit.reportBucket,
        s3KeyPrefix: audit.reportKeyPrefix,
        provider,
      });
    }
  }

  private addAuditAndRestoreTesting(member: MemberModel): void {
    const primary = member.regions[0];
    const primaryPlans = this.plans.filter((p) => p.vaults().some((v) => v.env.region === primary));
    if (member.audit) this.addAudit(member.audit, member);
    const rt = member.restoreTesting;
    if (!rt) return;
    if (primaryPlans.length > 0) this.addRestoreTesting("RestoreTesting", rt, rt.planName, this.vaults.get(primary)!);
    // The copies in DR regions are what a regional outage restores from: tested there too.
    for (const c of rt.copyRegions) {
      const vault = this.vaults.get(c.region) ?? member.vaults.get(c.region)!.arn;
      this.addRestoreTesting(`RestoreTesting_copies_${regionSuffix(c.region)}`, rt, c.planName, vault, this.providerFor(c.region));
    }
  }

  private addRestoreTesting(id: string, rt: RestoreTestingModel, planName: string, vault: IBackupVault | string, provider?: TerraformProvider): void {
    addRestoreTesting(this, id, rt, planName, vault, this.serviceRole, provider);
  }
}
