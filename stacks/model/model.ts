/**
 * The rollout model: what each account gets, resolved from the config once: partition, stack names, role and vault
 * ARNs, lock options, a plan spec per placement, and the wiring of every stack. The stacks are built from it and the
 * DR readiness report is written from it, so the two cannot disagree; neither reads the config.
 */
import { AwsCron, Partition, partitionOf } from "../../modules/core";
import type { RestoreTestingResourceType } from "../../modules/backup";
import type { DlmCreateIntent, ProtectionIntent } from "../../modules/profiles/intent";
import { AccountModel, accountModel } from "./accounts";
import { centralStackName, managementStackName, memberStackName, memberVaultName, stateKey, workspaceName, workspacePrefix } from "./contracts";
import {
  BackupServiceRoleModel,
  backupServiceRole,
  dlmRoleNamePrefix,
  organizationPlanKey,
  organizationPolicyName,
  protectionName,
  underscoreName,
} from "./naming";
import { CopyPlacement, PlanSpec, PlanVaults, planSpec } from "./plans";
import { VaultModel, VaultRef, vaultModel, vaultRef } from "./vaults";
import { CentralAuditModel, RegionAuditModel, centralAuditModel, regionAuditModels } from "./audit";
import { OrganizationPrerequisitesModel, organizationPrerequisites } from "./prerequisites";
import { GlobalSettingsModel, RegionSettingsModel, globalSettingsModel, regionSettingsModel } from "./settings";
import { WorkloadKeyModel, workloadKeys } from "./workload-keys";
import type { MemberConfig, ObjectivesConfig, ProtectionPolicy, RolloutConfig } from "../config/schema";
import { SECURE_DEFAULT_NAMES, SecureDefaultName } from "../../modules/core/rules/secure-defaults";

export type { AccountModel } from "./accounts";
export type { BackupServiceRoleModel } from "./naming";
export type { CopyPlacement, PlanSpec, RuleSpec } from "./plans";
export type { VaultModel, VaultRef } from "./vaults";
export type { GlobalSettingsModel, RegionSettingsModel } from "./settings";
export type { OrganizationPrerequisitesModel } from "./prerequisites";
export type { CentralAuditModel, OrganizationReportPlanModel, RegionAuditModel } from "./audit";
export type { WorkloadKeyModel } from "./workload-keys";

/** One protection policy in one region of one account. */
export interface Placement {
  readonly policy: string;
  readonly description?: string;
  readonly profile?: string;
  /** `<rollout>-<policy>`: names the backup plan and describes the DLM policies. */
  readonly name: string;
  readonly tag: { readonly key: string; readonly value: string };
  readonly region: string;
  /**
   * What this account's stack builds, in the modules' shapes: its DLM policies through ProtectionProfile, and (built
   * from `plan`) its backup plan; the backup intent is absent when an Organizations policy deploys the plan.
   */
  readonly intent: ProtectionIntent;
  /** The full intent, the Organizations-deployed backup included: what the resources actually get. */
  readonly effective: ProtectionIntent;
  /** The backup plan the resources get, whoever deploys it. */
  readonly plan?: PlanSpec;
  /** Where scheduled backups land. */
  readonly vault?: VaultModel;
  /** Where backups are copied (the plan's scheduled-rule copies). */
  readonly copies: readonly CopyPlacement[];
  /** What the policy must achieve, when it says (checked by stacks/model/objectives.ts). */
  readonly objectives?: ObjectivesConfig;
  /** Worst-case minutes between recovery points, per mechanism. */
  readonly rpoMinutes: { readonly backup?: number; readonly continuous?: boolean; readonly amis?: number; readonly snapshots?: number };
}

/** The remote state a member stack reads the central stack's outputs from: an S3 object or an HCP Terraform workspace. */
export type RemoteStateModel = S3RemoteStateModel | CloudRemoteStateModel;

/** A stack's state in S3. */
export interface S3RemoteStateModel {
  readonly type?: "s3";
  readonly bucket: string;
  readonly region: string;
  readonly key: string;
  readonly kmsKeyArn?: string;
  readonly roleArn?: string;
}

/** A stack's state in an HCP Terraform / Terraform Enterprise workspace. */
export interface CloudRemoteStateModel {
  /** Read through Terraform's `remote` backend. */
  readonly type: "cloud";
  /** The organization that owns the workspace. */
  readonly organization: string;
  /** app.terraform.io, or the Terraform Enterprise host. */
  readonly hostname: string;
  /** The workspace whose outputs are read. */
  readonly workspace: string;
}

/** A DLM default policy in every region of a member. */
export interface DlmDefaultPolicyModel {
  readonly resourceType: "VOLUME" | "INSTANCE";
  readonly createIntervalDays: number;
  readonly retainIntervalDays: number;
}

/** The Backup Audit Manager framework and report plan of a member. */
export interface AuditModel {
  readonly frameworkName: string;
  readonly description: string;
  readonly reportPlanName: string;
  readonly reportBucket: string;
  readonly reportKeyPrefix: string;
  /** The roles the deletion control allows to delete recovery points. */
  readonly deletionAllowedRoleArns: readonly string[];
}

/** Restore testing of the latest recovery points in a member's primary-region vault. */
export interface RestoreTestingModel {
  readonly planName: string;
  readonly schedule: string;
  readonly selectionWindowDays: number;
  readonly validationWindowHours: number;
  readonly tag: { readonly key: string; readonly value: string };
  readonly selections: readonly { readonly resourceType: RestoreTestingResourceType; readonly selectionName: string }[];
  /** Restore tests of the copies in the vaults of other regions where the member's plans copy to (DR regions). */
  readonly copyRegions: readonly RegionalRestoreTestingModel[];
}

/** A restore testing plan over the vault of one region. */
export interface RegionalRestoreTestingModel {
  /** The region of the vault the plan tests. */
  readonly region: string;
  /** The restore testing plan's name. */
  readonly planName: string;
}

/** Restore testing of the copies in the central vaults, in the central account, with its own restore role. */
export interface CentralRestoreTestingModel extends Omit<RestoreTestingModel, "planName" | "copyRegions"> {
  /** The role restore tests run with (AWS Backup's restore policy attached). */
  readonly role: BackupServiceRoleModel;
  /** One plan per central region. */
  readonly plans: readonly RegionalRestoreTestingModel[];
}

export interface MemberModel extends AccountModel {
  /** The member as configured; the stacks and the report read the resolved fields instead. */
  readonly config: MemberConfig;
  /** The member's short name. */
  readonly name: string;
  /** The member's local vaults, by region. */
  readonly vaults: ReadonlyMap<string, VaultModel>;
  /** The member's workload keys, by region: copyable by the central account. */
  readonly workloadKeys: ReadonlyMap<string, WorkloadKeyModel>;
  readonly placements: readonly Placement[];
  /** The AWS Backup service role, which plans in this account assume. */
  readonly backupServiceRole: BackupServiceRoleModel;
  /** The central backup account: its vaults' keys, shared snapshots. */
  readonly centralAccountId: string;
  /** The central vaults, by region: copy destinations. */
  readonly centralVaults: ReadonlyMap<string, VaultModel>;
  /** Where the central stack's outputs are read from. */
  readonly centralState: RemoteStateModel;
  /** The name prefix of the DLM service roles, when the member uses DLM. */
  readonly dlmRoleNamePrefix?: string;
  readonly dlmDefaultPolicies: readonly DlmDefaultPolicyModel[];
  readonly audit?: AuditModel;
  /**
   * Per region with backed-up resources, the Backup Audit Manager controls derived from the plans there: the frameworks
   * of the member stack (with `centralBackup.audit`) and the DR report's "met" both read them.
   */
  readonly auditRegions: readonly RegionAuditModel[];
  readonly restoreTesting?: RestoreTestingModel;
  /** AWS Backup region settings (resource-type opt-in) per region, where the member needs them. */
  readonly regionSettings: readonly RegionSettingsModel[];
}

/** The snapshots members share with the central account in one region, copied there by one DLM policy. */
export interface SharedSnapshotCopyModel {
  readonly region: string;
  /** The accounts that share snapshots in this region. */
  readonly sourceAccountIds: readonly string[];
  /** The longest retention any sharing protection policy asks for. */
  readonly retentionDays: number;
}

export interface CentralModel extends AccountModel {
  /** The central vaults, by region. */
  readonly vaults: ReadonlyMap<string, VaultModel>;
  /** Vault events to SNS. */
  readonly notifications: boolean;
  /** The central vaults are logically air-gapped vaults (their bounds from the lock). */
  readonly airGapped: boolean;
  /** The name prefix of the DLM service roles, when members share snapshots with the central account. */
  readonly dlmRoleNamePrefix?: string;
  readonly sharedSnapshotCopies: readonly SharedSnapshotCopyModel[];
  /** The report bucket and organization-wide report plans, when the rollout has an audit. */
  readonly audit?: CentralAuditModel;
  /** Restore testing of the copies in the central vaults, when the rollout tests restores. */
  readonly restoreTesting?: CentralRestoreTestingModel;
}

/** An Organizations backup policy: one protection policy in one region, attached to the members that apply it. */
export interface OrganizationPolicyModel {
  readonly policy: string;
  readonly region: string;
  readonly policyName: string;
  readonly description: string;
  /** The member accounts the policy is attached to. */
  readonly targets: readonly string[];
  /** The plan every target gets; `$account` stands for the receiving account in its role and vault ARNs. */
  readonly plan: PlanSpec<VaultRef>;
}

export interface ManagementModel extends AccountModel {
  /** The account registered as delegated administrator for AWS Backup, when one is. */
  readonly delegatedAdministratorAccountId?: string;
  /** AWS Backup's global settings, every flag explicit. */
  readonly globalSettings: GlobalSettingsModel;
  /** What the organization must have enabled before the stack applies, checked when Terraform plans. */
  readonly prerequisites: OrganizationPrerequisitesModel;
  readonly backupPolicies: readonly OrganizationPolicyModel[];
}

export interface RolloutModel {
  /** The config as given; the stacks and the report read the resolved fields instead. */
  readonly config: RolloutConfig;
  /** The secure defaults this rollout turns off (the DR report flags each). */
  readonly secureDefaultsOptedOut: readonly SecureDefaultName[];
  /** The rollout's name. */
  readonly name: string;
  /** The rollout's partition. */
  readonly partition: Partition;
  readonly organizationId: string;
  readonly managementStack: string;
  readonly centralStack: string;
  readonly centralVaults: ReadonlyMap<string, VaultModel>;
  readonly management: ManagementModel;
  readonly central: CentralModel;
  readonly members: readonly MemberModel[];
  /** `key=value` of every protection policy's tag, sorted. */
  readonly protectedTags: readonly string[];
}

/** Worst-case minutes between two runs of a DLM create rule. */
export function dlmGapMinutes(create: DlmCreateIntent): number {
  return "cron" in create ? AwsCron.parse(create.cron).frequency().maxGapMinutes : create.everyHours * 60;
}

/** Minutes as the largest whole unit that reads well (`1 d`, `4 h`, `30 min`); the report and the objectives share it. */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

/** Worst-case minutes between two scheduled backups. */
export function backupGapMinutes(schedule: string): number {
  return AwsCron.parse(schedule).frequency().maxGapMinutes;
}

/** The best RPO any scheduled mechanism of a placement gives, in minutes: the newest recovery point is at most this old. */
export function bestRpoMinutes(p: Pick<Placement, "rpoMinutes">): number {
  return Math.min(...[p.rpoMinutes.backup, p.rpoMinutes.amis, p.rpoMinutes.snapshots].filter((g): g is number => g !== undefined));
}

/** A copy's or share's retention as the DLM intents of the profiles module name it. */
function dlmRetention<T extends { retentionDays: number }>(c: T | undefined): (Omit<T, "retentionDays"> & { retainDays: number }) | undefined {
  if (!c) return undefined;
  const { retentionDays, ...rest } = c;
  return { ...rest, retainDays: retentionDays };
}

/** A protection policy's intents in the shapes the modules take. */
function moduleIntents(p: ProtectionPolicy): ProtectionIntent {
  return {
    backup: p.backup,
    amis: p.amis && { ...p.amis, crossRegionCopy: dlmRetention(p.amis.crossRegionCopy) },
    snapshots: p.snapshots && {
      ...p.snapshots,
      crossRegionCopy: dlmRetention(p.snapshots.crossRegionCopy),
      shareWithCentral: dlmRetention(p.snapshots.shareWithCentral),
    },
  };
}

function placement(
  config: RolloutConfig,
  policy: string,
  p: ProtectionPolicy,
  region: string,
  vaults: PlanVaults<VaultModel>,
  role: BackupServiceRoleModel,
): Placement {
  const effective = moduleIntents(p);
  const b = p.backup;
  const name = protectionName(config, policy);
  const planName = b?.via === "organization-policy" ? organizationPlanKey(config, policy, region) : name;
  const plan = b ? planSpec(planName, b, p.tag, region, vaults, role) : undefined;
  return {
    policy,
    description: p.description,
    profile: p.profile,
    name,
    tag: p.tag,
    region,
    intent: b?.via === "organization-policy" ? { ...effective, backup: undefined } : effective,
    effective,
    plan,
    vault: plan?.rules[0].targetVault,
    copies: plan?.rules[0].copies ?? [],
    objectives: p.objectives,
    rpoMinutes: {
      backup: b ? backupGapMinutes(b.schedule) : undefined,
      continuous: b?.continuousBackup ? true : undefined,
      amis: p.amis ? dlmGapMinutes(p.amis.create) : undefined,
      snapshots: p.snapshots ? dlmGapMinutes(p.snapshots.create) : undefined,
    },
  };
}

function memberModel(config: RolloutConfig, m: MemberConfig, central: Pick<CentralModel, "accountId" | "stack" | "vaults">): MemberModel {
  const stack = memberStackName(m);
  const account = accountModel(config, m.accountId, m.regions, stack, m.deployRoleArn);
  const vaults = new Map(
    m.regions.map((r) => [
      r,
      vaultModel(m.accountId, r, memberVaultName(config), stack, m.vaultLock, {
        keySharing: { accountIds: [central.accountId] },
        deletionDenied: !optedOut(config, "deny-recovery-point-deletion"),
        deletionExemptRoleArns: account.vaultPolicyExemptRoleArns,
        // Copy-back: after a compromise of this account, the central account restores by copying into this vault.
        allowCopyInto: { accountIds: [central.accountId] },
      }),
    ]),
  );
  const role = backupServiceRole(config, account.partition, m.accountId);
  const planVaults: PlanVaults<VaultModel> = { local: (r) => vaults.get(r)!, central: (r) => central.vaults.get(r)! };
  const applied = m.protection ?? Object.keys(config.protectionPolicies);
  const placements = applied.flatMap((name) => m.regions.map((region) => placement(config, name, config.protectionPolicies[name], region, planVaults, role)));
  const dlmDefaultPolicies = config.dlmDefaultPolicies ?? [];
  const usesDlm = placements.some((p) => p.intent.amis || p.intent.snapshots) || dlmDefaultPolicies.length > 0;
  const audit = config.centralBackup.audit;
  const rt = config.restoreTesting;
  const regionSettings = m.regions.flatMap((region, i) => {
    const backsUp = placements.some((p) => p.region === region && p.plan);
    const settings = regionSettingsModel(config, region, backsUp, rt && i === 0 ? rt.resourceTypes : []);
    return settings ? [settings] : [];
  });
  return {
    ...account,
    config: m,
    name: m.name,
    vaults,
    workloadKeys: workloadKeys(config, m, central.accountId),
    placements,
    backupServiceRole: role,
    centralAccountId: central.accountId,
    centralVaults: central.vaults,
    centralState: remoteStateOf(config, central.stack),
    dlmRoleNamePrefix: usesDlm ? dlmRoleNamePrefix(config) : undefined,
    dlmDefaultPolicies,
    audit: audit
      ? {
          frameworkName: underscoreName(config.name, m.name),
          description: `Backup controls derived from the plans of ${m.name}`,
          reportPlanName: underscoreName(config.name, m.name, "controls"),
          reportBucket: audit.reportBucket,
          reportKeyPrefix: `${audit.reportPrefix ?? "backup-audit"}/${m.name}`,
          deletionAllowedRoleArns: [account.breakGlassRoleArn],
        }
      : undefined,
    auditRegions: regionAuditModels(
      m.accountId,
      m.regions,
      placements.flatMap((p) => (p.plan ? [p.plan] : [])),
      [account.breakGlassRoleArn],
    ),
    restoreTesting: rt
      ? {
          planName: underscoreName(config.name, m.name),
          schedule: rt.schedule,
          selectionWindowDays: rt.selectionWindowDays,
          validationWindowHours: rt.validationWindowHours,
          tag: rt.tag,
          selections: restoreTestingSelections(rt.resourceTypes),
          copyRegions: [...new Set(placements.flatMap((p) => p.copies.filter((c) => c.kind !== "central-account").map((c) => c.vault.region)))]
            .filter((r) => r !== m.regions[0])
            .sort()
            .map((region) => ({ region, planName: underscoreName(config.name, m.name, "copies", region) })),
        }
      : undefined,
    regionSettings,
  };
}

/** Whether the rollout opts out of a secure default. */
function optedOut(config: RolloutConfig, name: SecureDefaultName): boolean {
  return config.secureDefaults.optOut.includes(name);
}

/** One restore testing selection per tested resource type. */
function restoreTestingSelections(types: readonly RestoreTestingResourceType[]): RestoreTestingModel["selections"] {
  return types.map((type) => ({ resourceType: type, selectionName: `${type}_tagged`.replace(/[^a-zA-Z0-9_]/g, "_") }));
}

/** Restore tests of the central copies: what the members' own tests do, over every central vault. */
function centralRestoreTesting(config: RolloutConfig, account: AccountModel): CentralRestoreTestingModel | undefined {
  const rt = config.restoreTesting;
  if (!rt) return undefined;
  return {
    role: backupServiceRole(config, account.partition, account.accountId),
    schedule: rt.schedule,
    selectionWindowDays: rt.selectionWindowDays,
    validationWindowHours: rt.validationWindowHours,
    tag: rt.tag,
    selections: restoreTestingSelections(rt.resourceTypes),
    plans: account.regions.map((region) => ({ region, planName: underscoreName(config.name, "central", region) })),
  };
}

function centralModel(config: RolloutConfig, stack: string): Omit<CentralModel, "dlmRoleNamePrefix" | "sharedSnapshotCopies"> {
  const c = config.centralBackup;
  const account = accountModel(config, c.accountId, c.regions, stack, c.deployRoleArn);
  const vaults = new Map(
    c.regions.map((r) => [
      r,
      vaultModel(c.accountId, r, c.vaultName, stack, c.vaultLock, {
        keySharing: { organizationId: config.organization.id },
        deletionDenied: !optedOut(config, "deny-recovery-point-deletion"),
        deletionExemptRoleArns: account.vaultPolicyExemptRoleArns,
        allowCopyInto: { organizationId: config.organization.id },
        // Locked copies are only as safe as their key: only break-glass may delete or disable it.
        keyDeletionProtection: optedOut(config, "central-key-protection")
          ? undefined
          : { breakGlassRoleArns: [account.breakGlassRoleArn], policyManagerRoleArns: [account.deployRoleArn] },
      }),
    ]),
  );
  return { ...account, vaults, notifications: c.notifications, airGapped: c.airGapped, restoreTesting: centralRestoreTesting(config, account) };
}

/** What members share with the central account, per central region. */
function sharedSnapshotCopies(regions: readonly string[], members: readonly MemberModel[]): SharedSnapshotCopyModel[] {
  const sharing = members.flatMap((m) =>
    m.placements.filter((p) => p.effective.snapshots?.shareWithCentral).map((p) => ({ accountId: m.accountId, placement: p })),
  );
  return regions.flatMap((region) => {
    const inRegion = sharing.filter((s) => s.placement.region === region);
    if (inRegion.length === 0) return [];
    return [
      {
        region,
        sourceAccountIds: [...new Set(inRegion.map((s) => s.accountId))],
        retentionDays: Math.max(...inRegion.map((s) => s.placement.effective.snapshots!.shareWithCentral!.retainDays)),
      },
    ];
  });
}

/**
 * The Organizations backup policies: one per protection policy deployed `via: organization-policy` and region,
 * attached to the members whose placements it deploys. Its plan is the placement's plan for `$account`, the receiving
 * account, so a member's own vault of another region is named for whichever account receives the policy.
 */
function organizationPolicies(config: RolloutConfig, partition: Partition, members: readonly MemberModel[], central: CentralModel): OrganizationPolicyModel[] {
  const groups = new Map<string, { policy: string; region: string; accounts: string[] }>();
  for (const member of members) {
    for (const p of member.placements) {
      if (p.plan?.deployedBy !== "organization-policy") continue;
      const key = `${p.policy}\u0000${p.region}`;
      const group = groups.get(key) ?? { policy: p.policy, region: p.region, accounts: [] };
      group.accounts.push(member.accountId);
      groups.set(key, group);
    }
  }
  // The Organizations policy variable for the receiving account, which AWS substitutes in role and vault ARNs.
  const receiving = "$account";
  const role = backupServiceRole(config, partition, receiving);
  const vaults: PlanVaults<VaultRef> = { local: (r) => vaultRef(receiving, r, memberVaultName(config)), central: (r) => central.vaults.get(r)! };
  return [...groups.values()].map(({ policy, region, accounts }) => {
    const p = config.protectionPolicies[policy];
    return {
      policy,
      region,
      policyName: organizationPolicyName(config, policy, region),
      description: p.description ?? `Backup policy ${policy} in ${region}`,
      targets: accounts,
      plan: planSpec(organizationPlanKey(config, policy, region), p.backup!, p.tag, region, vaults, role),
    };
  });
}

/** Resolves a checked config into the model. */
export function buildRolloutModel(config: RolloutConfig): RolloutModel {
  const partition = partitionOf(config.management.region);
  const managementStack = managementStackName();
  const centralStack = centralStackName(config);
  const centralBase = centralModel(config, centralStack);
  const members = config.members.map((m) => memberModel(config, m, centralBase));
  const shared = sharedSnapshotCopies(centralBase.regions, members);
  const central: CentralModel = {
    ...centralBase,
    dlmRoleNamePrefix: shared.length > 0 ? dlmRoleNamePrefix(config) : undefined,
    sharedSnapshotCopies: shared,
    audit: centralAuditModel(config, members),
  };
  const managementAccount = accountModel(
    config,
    config.organization.managementAccountId,
    [config.management.region],
    managementStack,
    config.management.deployRoleArn,
  );
  const backupPolicies = organizationPolicies(config, partition, members, central);
  const management: ManagementModel = {
    ...managementAccount,
    delegatedAdministratorAccountId: config.management.delegateBackupAdministrator ? central.accountId : undefined,
    globalSettings: globalSettingsModel(config.management.delegateBackupAdministrator),
    prerequisites: organizationPrerequisites(config.organization.rootId, backupPolicies.length > 0, config.management.delegateBackupAdministrator),
    backupPolicies,
  };
  return {
    config,
    secureDefaultsOptedOut: SECURE_DEFAULT_NAMES.filter((n) => optedOut(config, n)),
    name: config.name,
    partition,
    organizationId: config.organization.id,
    managementStack,
    centralStack,
    centralVaults: central.vaults,
    management,
    central,
    members,
    protectedTags: [...new Set(Object.values(config.protectionPolicies).map((p) => `${p.tag.key}=${p.tag.value}`))].sort(),
  };
}

/** Where another stack reads a stack's outputs from: the same state its backend writes. */
function remoteStateOf(config: RolloutConfig, stack: string): RemoteStateModel {
  const b = config.stateBackend;
  if (b.type === "cloud")
    return { type: "cloud", organization: b.organization, hostname: b.hostname, workspace: workspaceName(workspacePrefix(config), stack) };
  return { bucket: b.bucket, region: b.region, key: stateKey(config, stack), kmsKeyArn: b.kmsKeyArn, roleArn: b.roleArn };
}
