/**
 * The DR readiness report: per account, tag and region, what protects the resources, how much data can be lost
 * (RPO from the schedules), how long each tier keeps it, where copies live, which locks hold them, how to get it
 * back, and which Backup Audit Manager controls the configuration meets. Computed from the rollout model, the same
 * model the stacks are built from.
 */
import { SECURE_DEFAULTS, SecureDefaultName } from "../../modules/core/rules/secure-defaults";
import { AUDIT_CONTROLS, frequencyMinutes } from "../../modules/core/rules/audit";
import { CoverageReport, coverageOf } from "./coverage";
import { backupGapMinutes, bestRpoMinutes, formatMinutes } from "../model/model";
import type { CopyPlacement, MemberModel, Placement, RolloutModel, VaultModel, VaultRef } from "../model/model";
import { CrossAccountCopyReport, KeyCustodyReport, crossAccountCopyOf, keyCustodyOf } from "./encryption";
import { ObjectiveFinding, objectiveFindings } from "../model/objectives";
import { topologyDiagram } from "./diagram";
import { CostReport, UsageFile, costOf } from "./cost";

export interface LockReport {
  readonly vaultArn: string;
  readonly mode: "governance" | "compliance";
  readonly minRetentionDays: number;
  readonly maxRetentionDays?: number;
}

export interface CopyReport {
  readonly kind: "central-account" | "other-region" | "dlm-ami-copy" | "dlm-snapshot-copy" | "dlm-shared-to-central";
  readonly accountId: string;
  readonly region: string;
  /** The destination vault, for AWS Backup copies. */
  readonly vaultArn?: string;
  readonly retentionDays: number;
}

export interface RestorePath {
  readonly mechanism: "dlm-ami" | "dlm-snapshots" | "aws-backup" | "aws-backup-continuous";
  /** How fast, in words: launch from an AMI is minutes; a restore job depends on size and type. */
  readonly speed: string;
  readonly steps: readonly string[];
}

export interface AuditControlReport {
  readonly control: string;
  readonly satisfied: boolean;
  readonly detail: string;
}

export interface EntryReport {
  readonly policy: string;
  readonly profile?: string;
  readonly tag: string;
  readonly region: string;
  readonly mechanisms: readonly string[];
  readonly rpo: {
    readonly backupMinutes?: number;
    readonly amiMinutes?: number;
    readonly snapshotMinutes?: number;
    readonly continuousBackup: boolean;
    /** The best RPO any mechanism gives: the newest recovery point is at most this old. */
    readonly minutes: number;
  };
  readonly retention: {
    readonly backupSchedule?: string;
    readonly backupDays?: number;
    readonly coldStorageAfterDays?: number;
    readonly continuousDays?: number;
    readonly amiCount?: number;
    readonly amiSchedule?: string;
    readonly snapshotCount?: number;
    readonly snapshotSchedule?: string;
  };
  readonly copies: readonly CopyReport[];
  readonly copyRegions: readonly string[];
  readonly copyAccounts: readonly string[];
  readonly locks: readonly LockReport[];
  readonly restorePaths: readonly RestorePath[];
  readonly auditControls: readonly AuditControlReport[];
  /** Which resource types can be copied to the central account, and what blocks the rest; absent without central copies. */
  readonly crossAccountCopy?: CrossAccountCopyReport;
}

export interface AccountReport {
  readonly name: string;
  readonly accountId: string;
  readonly stack: string;
  readonly regions: readonly string[];
  readonly entries: readonly EntryReport[];
  /** Per region, the resource types AWS Backup's tag selections back up: opted in by the region settings and selected. */
  readonly resourceTypes: readonly ResourceTypesReport[];
}

/** The resource types of one region of an account that AWS Backup protects, and those opted out. */
export interface ResourceTypesReport {
  /** The region. */
  readonly region: string;
  /** Types opted in and selected by a protection policy's tag selection. */
  readonly protected: readonly string[];
  /** Types the region settings opt out: tag selections skip them silently. */
  readonly optedOut: readonly string[];
  /** Where the opt-in comes from. */
  readonly reason: string;
}

export interface DrReport {
  readonly rollout: string;
  readonly organizationId: string;
  readonly centralBackup: {
    readonly accountId: string;
    readonly stack: string;
    readonly vaults: readonly { readonly region: string; readonly vaultArn: string; readonly lock?: LockReport }[];
    /** Who could still make locked copies unreadable through the vault keys. */
    readonly keyCustody: readonly KeyCustodyReport[];
  };
  readonly accounts: readonly AccountReport[];
  /** Every account and region the rollout knows, management and central included, with what protects it or why nothing does. */
  readonly coverage: readonly CoverageReport[];
  /** The secure defaults this rollout turns off, each with what that allows. */
  readonly secureDefaultsOptedOut: readonly { readonly name: SecureDefaultName; readonly flag: string }[];
  /** Every declared objective per account, tag and region, met or not; `mode` says whether a miss refuses the synth. */
  readonly objectives: { readonly mode: "enforce" | "report"; readonly findings: readonly ObjectiveFinding[] };
  /** The topology as Mermaid flowchart text: accounts, regions, vaults (locks marked), every copy and share path. */
  readonly topology: string;
  /** Recovery points in steady state per mechanism and tier, and a monthly estimate when a usage file was given. */
  readonly cost: CostReport;
  readonly summary: {
    readonly stacks: readonly string[];
    readonly protectedTags: readonly string[];
    /** The largest RPO of any tag in any account and region, in minutes. */
    readonly worstRpoMinutes?: number;
    readonly worstRpoAt?: string;
    /** `<account> <region>` of every member account and region that no mechanism protects. */
    readonly unprotected: readonly string[];
  };
}

/** AWS's default of the retention parameters, which a control left without one (everything kept forever) requires. */
const DEFAULT_MIN_RETENTION_DAYS = 35;

function lockOf(v: VaultRef): LockReport | undefined {
  return v.lock && v.lockBounds
    ? { vaultArn: v.arn, mode: v.lock.mode, minRetentionDays: v.lockBounds.minDays, maxRetentionDays: v.lockBounds.maxDays }
    : undefined;
}

/** `cron(0 5 ? * * *)`-style text for a DLM create rule. */
function dlmScheduleText(create: { everyHours: number; at?: string } | { cron: string }): string {
  return "cron" in create ? create.cron : `every ${create.everyHours} h${create.at ? ` from ${create.at} UTC` : ""}`;
}

export { formatMinutes };

/** A list of names in words: `a`, `a and b`, `a, b and c`. */
function inWords(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/**
 * The Backup Audit Manager controls a plan's configuration meets, judged against the parameters of the controls the
 * model derived for the plan's account and region (the member stack's framework there has exactly these): the plan's
 * selection, the vaults its recovery points land in (their keys, access policies and locks), its schedule, retention and
 * copies. A control the region's framework does not have counts as not met, with the reason.
 */
function auditControlsOf(member: MemberModel, p: Placement): AuditControlReport[] {
  const plan = p.plan;
  if (!plan) return [];
  const scheduled = plan.rules[0];
  const landing: VaultModel[] = [
    ...new Map([...plan.rules.map((r) => r.targetVault), ...scheduled.copies.map((c) => c.vault)].map((v) => [v.arn, v])).values(),
  ];
  const controls = new Map((member.auditRegions.find((a) => a.region === p.region)?.controls ?? []).map((c) => [c.name, c.inputParameters]));
  const absent = (control: string, why: string): AuditControlReport => ({
    control,
    satisfied: false,
    detail: `not in the ${p.region} framework: ${why}`,
  });
  const awsManaged = landing.filter((v) => !v.customerManagedKey);
  const deletable = landing.filter((v) => !v.deletionDenied);
  const exempt = [...new Set(landing.flatMap((v) => v.deletionExemptRoleArns))];
  const locks = landing.flatMap((v) => (v.lock && v.lockBounds ? [v] : []));
  const selected = plan.selection.tag.key === p.tag.key && plan.selection.tag.value === p.tag.value;
  const otherRegions = [...new Set(scheduled.copies.map((c) => c.vault.region).filter((r) => r !== p.region))];
  const otherAccounts = [...new Set(scheduled.copies.map((c) => c.vault.accountId).filter((a) => a !== member.accountId))];
  const retentions = plan.rules.flatMap((r) => [r.retentionDays, ...r.copies.map((c) => c.retentionDays)]);
  const shortest = Math.min(...retentions);
  const required = (params: { readonly [name: string]: string } | undefined, name: string, fallback: number) =>
    params?.[name] === undefined ? fallback : Number(params[name]);

  const minRetention = controls.get(AUDIT_CONTROLS.recoveryPointMinimumRetention);
  const minDays = required(minRetention, "requiredRetentionDays", DEFAULT_MIN_RETENTION_DAYS);
  const frequency = controls.get(AUDIT_CONTROLS.planMinFrequencyAndRetention);
  const lock = controls.get(AUDIT_CONTROLS.protectedByVaultLock);
  const crossRegion = controls.get(AUDIT_CONTROLS.protectedByCrossRegion)?.crossRegionList?.split(",");
  const crossAccount = controls.get(AUDIT_CONTROLS.protectedByCrossAccount)?.crossAccountList?.split(",");
  const out: AuditControlReport[] = [
    {
      control: AUDIT_CONTROLS.resourcesProtectedByPlan,
      satisfied: selected,
      detail: selected
        ? `tag ${p.tag.key}=${p.tag.value} is selected by backup plan ${plan.name}`
        : `backup plan ${plan.name} does not select tag ${p.tag.key}=${p.tag.value}`,
    },
    {
      control: AUDIT_CONTROLS.recoveryPointEncrypted,
      satisfied: awsManaged.length === 0,
      detail:
        awsManaged.length === 0
          ? `the ${landing.length} vault(s) the recovery points land in use customer-managed KMS keys`
          : `vault(s) ${inWords(awsManaged.map((v) => v.arn))} do not use a customer-managed KMS key`,
    },
    {
      control: AUDIT_CONTROLS.manualDeletionDisabled,
      satisfied: deletable.length === 0,
      detail:
        deletable.length === 0
          ? `the policies of the ${landing.length} vault(s) deny deletion to all but ${inWords(exempt)}`
          : `the policies of vault(s) ${inWords(deletable.map((v) => v.arn))} do not deny deletion`,
    },
    {
      control: AUDIT_CONTROLS.recoveryPointMinimumRetention,
      satisfied: shortest >= minDays,
      detail: `shortest retention ${shortest} days against the framework's requirement of ${minDays}`,
    },
  ];
  if (frequency) {
    const maxGap = frequencyMinutes({ unit: frequency.requiredFrequencyUnit as "hours" | "days", value: Number(frequency.requiredFrequencyValue) });
    const days = required(frequency, "requiredRetentionDays", DEFAULT_MIN_RETENTION_DAYS);
    const meeting = plan.rules.filter((r) => backupGapMinutes(r.schedule) <= maxGap && r.retentionDays >= days);
    out.push({
      control: AUDIT_CONTROLS.planMinFrequencyAndRetention,
      satisfied: meeting.length > 0,
      detail:
        `${meeting.length > 0 ? `rule ${meeting[0].name} backs up` : "no rule backs up"} at least every ${formatMinutes(maxGap)} ` +
        `and keeps ${days} days or more, as the framework requires`,
    });
  } else {
    out.push(absent(AUDIT_CONTROLS.planMinFrequencyAndRetention, "a plan there backs up less often than the control can require (every 31 days)"));
  }
  if (lock) {
    const min = Number(lock.minRetentionDays);
    const max = lock.maxRetentionDays === undefined ? undefined : Number(lock.maxRetentionDays);
    const fitting = locks.filter(
      (v) => v.lockBounds!.minDays >= min && (max === undefined || (v.lockBounds!.maxDays !== undefined && v.lockBounds!.maxDays <= max)),
    );
    out.push({
      control: AUDIT_CONTROLS.protectedByVaultLock,
      satisfied: fitting.length > 0,
      detail:
        fitting.length > 0
          ? `recovery points land in ${fitting.length} vault(s) locked within the framework's ${min}${max === undefined ? "+" : `-${max}`} days`
          : `no vault holding these recovery points is locked within the framework's ${min}${max === undefined ? "+" : `-${max}`} days`,
    });
  } else {
    out.push(absent(AUDIT_CONTROLS.protectedByVaultLock, "no vault the region's plans write to is locked"));
  }
  if (crossRegion) {
    const to = otherRegions.filter((r) => crossRegion.includes(r));
    out.push({
      control: AUDIT_CONTROLS.protectedByCrossRegion,
      satisfied: to.length > 0,
      detail: to.length > 0 ? `copied to ${inWords(to)}, which the framework lists` : `no copy in a region the framework lists (${inWords(crossRegion)})`,
    });
  } else {
    out.push(absent(AUDIT_CONTROLS.protectedByCrossRegion, "no plan there copies to another region"));
  }
  if (crossAccount) {
    const to = otherAccounts.filter((a) => crossAccount.includes(a));
    out.push({
      control: AUDIT_CONTROLS.protectedByCrossAccount,
      satisfied: to.length > 0,
      detail:
        to.length > 0 ? `copied to account ${inWords(to)}, which the framework lists` : `no copy in an account the framework lists (${inWords(crossAccount)})`,
    });
  } else {
    out.push(absent(AUDIT_CONTROLS.protectedByCrossAccount, "no plan there copies to another account"));
  }
  return out;
}

function entryFor(model: RolloutModel, member: MemberModel, p: Placement): EntryReport {
  const { amis, snapshots } = p.effective;
  const plan = p.plan;
  const scheduled = plan?.rules[0];
  const continuous = plan?.rules.find((r) => r.continuousBackup);
  const mechanisms: string[] = [];
  if (plan) mechanisms.push(`AWS Backup plan ${plan.name} (${plan.deployedBy === "organization-policy" ? "Organizations backup policy" : "member stack"})`);
  if (continuous) mechanisms.push("AWS Backup continuous backup (point-in-time recovery)");
  if (amis) mechanisms.push("DLM AMI policy");
  if (snapshots) mechanisms.push("DLM snapshot policy");

  const copies: CopyReport[] = p.copies.map((c: CopyPlacement) => ({
    kind: c.kind,
    accountId: c.vault.accountId,
    region: c.vault.region,
    vaultArn: c.vault.arn,
    retentionDays: c.retentionDays,
  }));
  if (amis?.crossRegionCopy && amis.crossRegionCopy.region !== p.region) {
    copies.push({
      kind: "dlm-ami-copy",
      accountId: member.accountId,
      region: amis.crossRegionCopy.region,
      retentionDays: amis.crossRegionCopy.retainDays,
    });
  }
  if (snapshots?.crossRegionCopy && snapshots.crossRegionCopy.region !== p.region) {
    copies.push({
      kind: "dlm-snapshot-copy",
      accountId: member.accountId,
      region: snapshots.crossRegionCopy.region,
      retentionDays: snapshots.crossRegionCopy.retainDays,
    });
  }
  if (snapshots?.shareWithCentral) {
    copies.push({
      kind: "dlm-shared-to-central",
      accountId: model.central.accountId,
      region: p.region,
      retentionDays: snapshots.shareWithCentral.retainDays,
    });
  }

  const locks = [p.vault, ...p.copies.map((c) => c.vault)].flatMap((v) => (v ? [lockOf(v)].filter((l): l is LockReport => !!l) : []));

  const restorePaths: RestorePath[] = [];
  if (amis) {
    restorePaths.push({
      mechanism: "dlm-ami",
      speed: "minutes: launch and go",
      steps: [
        `Find the newest AMI made by the DLM policy for ${p.tag.key}=${p.tag.value} in ${p.region} (DLM tags it with aws:dlm:lifecycle-policy-id).`,
        "Launch an instance from it into the original subnet and security groups (or the launch template's).",
        ...(amis.crossRegionCopy && amis.crossRegionCopy.region !== p.region
          ? [`If ${p.region} is down, launch from the copy in ${amis.crossRegionCopy.region} instead.`]
          : []),
        "Move the Elastic IP, DNS record or load balancer target to the new instance.",
      ],
    });
  }
  if (snapshots) {
    const fsr = (snapshots.fastRestoreZones ?? []).filter((z) => z.startsWith(p.region));
    restorePaths.push({
      mechanism: "dlm-snapshots",
      speed:
        fsr.length > 0
          ? `minutes at full performance in ${fsr.join(", ")} (fast snapshot restore)`
          : "minutes to create, then lazy loading until the volume is warm",
      steps: [
        `Create a volume from the newest snapshot of the DLM policy for ${p.tag.key}=${p.tag.value} in ${p.region}.`,
        "Attach it to the instance (or a replacement) and mount it.",
        ...(snapshots.crossRegionCopy && snapshots.crossRegionCopy.region !== p.region
          ? [`If ${p.region} is down, use the copy in ${snapshots.crossRegionCopy.region}.`]
          : []),
      ],
    });
  }
  if (plan && p.vault) {
    const role = plan.role.arn;
    const central = p.copies.find((c) => c.kind === "central-account");
    restorePaths.push({
      mechanism: "aws-backup",
      speed: "a restore job: minutes to hours, by resource type and size",
      steps: [
        `Pick the newest recovery point of the resource in vault ${p.vault.arn}.`,
        `Start a restore job (console or aws backup start-restore-job) with role ${role}.`,
        ...(central
          ? [
              `If account ${member.accountId} is lost or compromised, restore from the copy in ${central.vault.arn} (account ${central.vault.accountId}), or copy it back first.`,
            ]
          : []),
        "Point the workload at the restored resource.",
      ],
    });
    if (continuous) {
      restorePaths.push({
        mechanism: "aws-backup-continuous",
        speed: "a restore job to any second of the last days, for resources with continuous backup (RDS, Aurora, S3, SAP HANA)",
        steps: [`Restore to a point in time within the last ${continuous.retentionDays} days from vault ${continuous.targetVault.arn}.`],
      });
    }
  }

  return {
    policy: p.policy,
    profile: p.profile,
    tag: `${p.tag.key}=${p.tag.value}`,
    region: p.region,
    mechanisms,
    rpo: {
      backupMinutes: p.rpoMinutes.backup,
      amiMinutes: p.rpoMinutes.amis,
      snapshotMinutes: p.rpoMinutes.snapshots,
      continuousBackup: !!p.rpoMinutes.continuous,
      minutes: bestRpoMinutes(p),
    },
    retention: {
      backupSchedule: scheduled?.schedule,
      backupDays: scheduled?.retentionDays,
      coldStorageAfterDays: scheduled?.coldStorageAfterDays,
      continuousDays: continuous?.retentionDays,
      amiCount: amis?.retainCount,
      amiSchedule: amis ? dlmScheduleText(amis.create) : undefined,
      snapshotCount: snapshots?.retainCount,
      snapshotSchedule: snapshots ? dlmScheduleText(snapshots.create) : undefined,
    },
    copies,
    copyRegions: [...new Set(copies.map((c) => c.region).filter((r) => r !== p.region))].sort(),
    copyAccounts: [...new Set(copies.map((c) => c.accountId).filter((a) => a !== member.accountId))].sort(),
    locks,
    restorePaths,
    auditControls: auditControlsOf(member, p),
    crossAccountCopy: crossAccountCopyOf(member, p),
  };
}

/** What else the report may use. */
export interface DrReportOptions {
  /** Protected GiB and daily change per tag: adds the monthly cost estimate. */
  readonly usage?: UsageFile;
}

/** Builds the report from the rollout model. */
export function buildDrReport(model: RolloutModel, options: DrReportOptions = {}): DrReport {
  const accounts = model.members.map((m): AccountReport => ({
    name: m.name,
    accountId: m.accountId,
    stack: m.stack,
    regions: m.regions,
    entries: m.placements.map((p) => entryFor(model, m, p)),
    // Every region, so one where the rollout leaves the region settings alone (no AWS Backup plan runs there, the config
    // sets none) is visible too, rather than missing from the list.
    resourceTypes: m.regions.map((region) => {
      const r = m.regionSettings.find((x) => x.region === region);
      return r
        ? {
            region,
            protected: r.protectedResourceTypes,
            optedOut: Object.keys(r.resourceTypeOptIn).filter((t) => !r.resourceTypeOptIn[t]),
            reason: r.reason,
          }
        : { region, protected: [], optedOut: [], reason: "no AWS Backup plan runs here and backupRegionSettings is not set: left as the account has them" };
    }),
  }));
  let worst: { minutes: number; at: string } | undefined;
  for (const a of accounts) {
    for (const e of a.entries) {
      if (!worst || e.rpo.minutes > worst.minutes) worst = { minutes: e.rpo.minutes, at: `${a.name} ${e.tag} ${e.region}` };
    }
  }
  const coverage = coverageOf(model);
  return {
    rollout: model.name,
    organizationId: model.organizationId,
    centralBackup: {
      accountId: model.central.accountId,
      stack: model.central.stack,
      vaults: [...model.central.vaults.values()].map((v) => ({ region: v.region, vaultArn: v.arn, lock: lockOf(v) })),
      keyCustody: keyCustodyOf(model.central),
    },
    accounts,
    coverage,
    secureDefaultsOptedOut: model.secureDefaultsOptedOut.map((name) => ({ name, flag: SECURE_DEFAULTS[name].reportFlag })),
    objectives: { mode: model.config.objectives ?? "enforce", findings: objectiveFindings(model) },
    topology: topologyDiagram(model),
    cost: costOf(model, options.usage),
    summary: {
      stacks: [model.management.stack, model.central.stack, ...model.members.map((m) => m.stack)],
      protectedTags: [...model.protectedTags],
      worstRpoMinutes: worst?.minutes,
      worstRpoAt: worst?.at,
      unprotected: coverage.filter((c) => c.role === "member" && !c.protected).map((c) => `${c.account} ${c.region}`),
    },
  };
}
