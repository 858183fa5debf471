/**
 * The DR readiness report: per account, tag and region, what protects the resources, how much data can be lost
 * (RPO from the schedules), how long each tier keeps it, where copies live, which locks hold them, how to get it
 * back, and which Backup Audit Manager controls the configuration meets. Computed from the rollout model, the same
 * model the stacks are built from.
 */
import type { CopyPlacement, MemberModel, Placement, RolloutModel, VaultRef } from "../model/model";
import { backupServiceRoleArn } from "../model/naming";

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
}

export interface AccountReport {
  readonly name: string;
  readonly accountId: string;
  readonly stack: string;
  readonly regions: readonly string[];
  readonly entries: readonly EntryReport[];
}

export interface DrReport {
  readonly rollout: string;
  readonly organizationId: string;
  readonly centralBackup: {
    readonly accountId: string;
    readonly stack: string;
    readonly vaults: readonly { readonly region: string; readonly vaultArn: string; readonly lock?: LockReport }[];
  };
  readonly accounts: readonly AccountReport[];
  readonly summary: {
    readonly stacks: readonly string[];
    readonly protectedTags: readonly string[];
    /** The largest RPO of any tag in any account and region, in minutes. */
    readonly worstRpoMinutes?: number;
    readonly worstRpoAt?: string;
  };
}

/** The AWS defaults of the Audit Manager controls with parameters, to judge against. */
const DEFAULT_MIN_RETENTION_DAYS = 35;
const DEFAULT_MAX_FREQUENCY_MINUTES = 24 * 60;

function lockOf(v: VaultRef): LockReport | undefined {
  return v.lock ? { vaultArn: v.arn, mode: v.lock.mode, minRetentionDays: v.lock.minRetentionDays, maxRetentionDays: v.lock.maxRetentionDays } : undefined;
}

/** `cron(0 5 ? * * *)`-style text for a DLM create rule. */
function dlmScheduleText(create: { everyHours: number; at?: string } | { cron: string }): string {
  return "cron" in create ? create.cron : `every ${create.everyHours} h${create.at ? ` from ${create.at} UTC` : ""}`;
}

/** Minutes as the largest whole unit that reads well. */
export function formatMinutes(minutes: number): string {
  if (minutes % 1440 === 0) return `${minutes / 1440} d`;
  if (minutes % 60 === 0) return `${minutes / 60} h`;
  return `${minutes} min`;
}

function entryFor(model: RolloutModel, member: MemberModel, p: Placement): EntryReport {
  const config = model.config;
  const { backup, amis, snapshots } = p.effective;
  const mechanisms: string[] = [];
  if (backup)
    mechanisms.push(`AWS Backup plan ${config.name}-${p.policy} (${backup.via === "organization-policy" ? "Organizations backup policy" : "member stack"})`);
  if (backup?.continuousBackup) mechanisms.push("AWS Backup continuous backup (point-in-time recovery)");
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
      accountId: member.config.accountId,
      region: amis.crossRegionCopy.region,
      retentionDays: amis.crossRegionCopy.retainDays,
    });
  }
  if (snapshots?.crossRegionCopy && snapshots.crossRegionCopy.region !== p.region) {
    copies.push({
      kind: "dlm-snapshot-copy",
      accountId: member.config.accountId,
      region: snapshots.crossRegionCopy.region,
      retentionDays: snapshots.crossRegionCopy.retainDays,
    });
  }
  if (snapshots?.shareWithCentral) {
    copies.push({
      kind: "dlm-shared-to-central",
      accountId: config.centralBackup.accountId,
      region: p.region,
      retentionDays: snapshots.shareWithCentral.retainDays,
    });
  }

  const locks = [p.vault, ...p.copies.map((c) => c.vault)].flatMap((v) => (v ? [lockOf(v)].filter((l): l is LockReport => !!l) : []));
  const gaps = [p.rpoMinutes.backup, p.rpoMinutes.amis, p.rpoMinutes.snapshots].filter((g): g is number => g !== undefined);

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
  if (backup && p.vault) {
    const role = backupServiceRoleArn(config, member.config.accountId);
    const central = p.copies.find((c) => c.kind === "central-account");
    restorePaths.push({
      mechanism: "aws-backup",
      speed: "a restore job: minutes to hours, by resource type and size",
      steps: [
        `Pick the newest recovery point of the resource in vault ${p.vault.arn}.`,
        `Start a restore job (console or aws backup start-restore-job) with role ${role}.`,
        ...(central
          ? [
              `If account ${member.config.accountId} is lost or compromised, restore from the copy in ${central.vault.arn} (account ${central.vault.accountId}), or copy it back first.`,
            ]
          : []),
        "Point the workload at the restored resource.",
      ],
    });
    if (backup.continuousBackup) {
      restorePaths.push({
        mechanism: "aws-backup-continuous",
        speed: "a restore job to any second of the last days, for resources with continuous backup (RDS, Aurora, S3, SAP HANA)",
        steps: [`Restore to a point in time within the last ${backup.continuousBackup.retentionDays} days from vault ${p.vault.arn}.`],
      });
    }
  }

  const auditControls: AuditControlReport[] = [];
  if (backup) {
    const retention = backup.retentionDays;
    auditControls.push(
      { control: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_PLAN", satisfied: true, detail: `tag ${p.tag.key}=${p.tag.value} is selected by a backup plan` },
      { control: "BACKUP_RECOVERY_POINT_ENCRYPTED", satisfied: true, detail: "vaults use customer-managed KMS keys" },
      {
        control: "BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED",
        satisfied: true,
        detail: "vault policies deny deletion to all but the break-glass and deploy roles",
      },
      {
        control: "BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK",
        satisfied: retention >= DEFAULT_MIN_RETENTION_DAYS,
        detail: `${retention} days against the default requirement of ${DEFAULT_MIN_RETENTION_DAYS}`,
      },
      {
        control: "BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK",
        satisfied: (p.rpoMinutes.backup ?? Infinity) <= DEFAULT_MAX_FREQUENCY_MINUTES && retention >= DEFAULT_MIN_RETENTION_DAYS,
        detail: `at most ${formatMinutes(p.rpoMinutes.backup ?? 0)} between backups and ${retention} days kept, against the defaults of 1 d and ${DEFAULT_MIN_RETENTION_DAYS} days`,
      },
      {
        control: "BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK",
        satisfied: locks.length > 0,
        detail: locks.length > 0 ? `recovery points land in ${locks.length} locked vault(s)` : "no vault holding these recovery points is locked",
      },
      {
        control: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION",
        satisfied: p.copies.some((c) => c.vault.region !== p.region),
        detail: p.copies.some((c) => c.vault.region !== p.region) ? "copied to another region" : "no copy in another region",
      },
      {
        control: "BACKUP_RESOURCES_PROTECTED_BY_CROSS_ACCOUNT",
        satisfied: p.copies.some((c) => c.vault.accountId !== member.config.accountId),
        detail: p.copies.some((c) => c.vault.accountId !== member.config.accountId)
          ? `copied to account ${config.centralBackup.accountId}`
          : "no copy in another account",
      },
    );
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
      minutes: Math.min(...gaps),
    },
    retention: {
      backupSchedule: backup?.schedule,
      backupDays: backup?.retentionDays,
      coldStorageAfterDays: backup?.coldStorageAfterDays,
      continuousDays: backup?.continuousBackup?.retentionDays,
      amiCount: amis?.retainCount,
      amiSchedule: amis ? dlmScheduleText(amis.create) : undefined,
      snapshotCount: snapshots?.retainCount,
      snapshotSchedule: snapshots ? dlmScheduleText(snapshots.create) : undefined,
    },
    copies,
    copyRegions: [...new Set(copies.map((c) => c.region).filter((r) => r !== p.region))].sort(),
    copyAccounts: [...new Set(copies.map((c) => c.accountId).filter((a) => a !== member.config.accountId))].sort(),
    locks,
    restorePaths,
    auditControls,
  };
}

/** Builds the report from the rollout model. */
export function buildDrReport(model: RolloutModel): DrReport {
  const config = model.config;
  const accounts = model.members.map((m): AccountReport => ({
    name: m.config.name,
    accountId: m.config.accountId,
    stack: m.stack,
    regions: m.config.regions,
    entries: m.placements.map((p) => entryFor(model, m, p)),
  }));
  let worst: { minutes: number; at: string } | undefined;
  for (const a of accounts) {
    for (const e of a.entries) {
      if (!worst || e.rpo.minutes > worst.minutes) worst = { minutes: e.rpo.minutes, at: `${a.name} ${e.tag} ${e.region}` };
    }
  }
  return {
    rollout: config.name,
    organizationId: config.organization.id,
    centralBackup: {
      accountId: config.centralBackup.accountId,
      stack: model.centralStack,
      vaults: [...model.centralVaults.values()].map((v) => ({ region: v.region, vaultArn: v.arn, lock: lockOf(v) })),
    },
    accounts,
    summary: {
      stacks: [model.managementStack, model.centralStack, ...model.members.map((m) => m.stack)],
      protectedTags: [...new Set(Object.values(config.protectionPolicies).map((p) => `${p.tag.key}=${p.tag.value}`))].sort(),
      worstRpoMinutes: worst?.minutes,
      worstRpoAt: worst?.at,
    },
  };
}
