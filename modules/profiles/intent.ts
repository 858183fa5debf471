/**
 * What a protection profile asks for, as plain data: the same shape in a rollout config file and in code. A module
 * turns it into resources (ProtectionProfile); the rollout model and the DR report read it. Values are validated by
 * the constructs that receive them.
 */

/** Every N hours (1, 2, 3, 4, 6, 8, 12, 24), optionally at HH:MM UTC; or an AWS cron expression. */
export type DlmCreateIntent = { readonly everyHours: 1 | 2 | 3 | 4 | 6 | 8 | 12 | 24; readonly at?: string } | { readonly cron: string };

/** A copy's retention, in days, with optional cold storage. */
export interface CopyRetentionIntent {
  readonly retentionDays: number;
  readonly coldStorageAfterDays?: number;
}

/** AWS Backup: a scheduled rule, optional point-in-time recovery, copies to the central account and another region. */
export interface BackupIntent {
  /** AWS cron expression. */
  readonly schedule: string;
  /** IANA timezone of the schedule. @default UTC */
  readonly timezone?: string;
  readonly startWindowMinutes?: number;
  readonly completionWindowMinutes?: number;
  readonly retentionDays: number;
  readonly coldStorageAfterDays?: number;
  /** Point-in-time recovery, kept 1-35 days. */
  readonly continuousBackup?: { readonly retentionDays: number };
  /** Copy to the central backup account's vault of the same region. */
  readonly copyToCentral?: CopyRetentionIntent;
  /** Copy to this account's vault in another region. */
  readonly copyToRegion?: CopyRetentionIntent & { readonly region: string };
  readonly windowsVss?: boolean;
  /** Where the plan lives: member stacks, or an Organizations backup policy. @default "member-stacks" */
  readonly via?: "member-stacks" | "organization-policy";
}

/** DLM AMIs of tagged instances: the fastest recovery, launch and go. */
export interface AmiIntent {
  readonly create: DlmCreateIntent;
  readonly retainCount: number;
  /** Leave instances running while the AMI is taken. @default true */
  readonly noReboot?: boolean;
  /** Deprecate an AMI once this many newer ones exist. */
  readonly deprecateAfterCount?: number;
  readonly crossRegionCopy?: { readonly region: string; readonly retainDays: number };
}

/** DLM EBS snapshots of tagged volumes or instances. */
export interface SnapshotIntent {
  readonly resourceType?: "VOLUME" | "INSTANCE";
  readonly create: DlmCreateIntent;
  readonly retainCount: number;
  readonly crossRegionCopy?: { readonly region: string; readonly retainDays: number };
  readonly fastRestoreZones?: readonly string[];
  /** Share each snapshot with the central backup account, which keeps its own copy this long. */
  readonly shareWithCentral?: { readonly retainDays: number };
}

/** What protects resources carrying one tag. */
export interface ProtectionIntent {
  readonly backup?: BackupIntent;
  readonly amis?: AmiIntent;
  readonly snapshots?: SnapshotIntent;
}

/** The profiles platform teams reach for, by name. */
export type ProfileName = "fast-ec2-dr" | "compliance" | "both";
export const PROFILE_NAMES: readonly ProfileName[] = ["fast-ec2-dr", "compliance", "both"];

const FAST_EC2_AMIS: AmiIntent = { create: { everyHours: 24, at: "03:00" }, retainCount: 7, noReboot: true, deprecateAfterCount: 5 };
const COMPLIANCE_BACKUP: BackupIntent = {
  schedule: "cron(0 5 ? * * *)",
  startWindowMinutes: 60,
  completionWindowMinutes: 1440,
  retentionDays: 35,
  copyToCentral: { retentionDays: 35 },
};

/**
 * The presets:
 * - `fast-ec2-dr`: daily no-reboot AMIs kept 7 (5 newest not deprecated), copied to the DR region when one is given:
 *   launch from an AMI, the fastest way back.
 * - `compliance`: daily AWS Backup kept 35 days, copied to the central (locked) vault of another account, and to the DR
 *   region when one is given.
 * - `both`: the two together, the recommended default: AMIs for speed, Backup for governed retention.
 */
export function profilePreset(name: ProfileName, drRegion?: string): ProtectionIntent {
  const amis: AmiIntent = drRegion ? { ...FAST_EC2_AMIS, crossRegionCopy: { region: drRegion, retainDays: 7 } } : FAST_EC2_AMIS;
  const backup: BackupIntent = drRegion ? { ...COMPLIANCE_BACKUP, copyToRegion: { region: drRegion, retentionDays: 35 } } : COMPLIANCE_BACKUP;
  switch (name) {
    case "fast-ec2-dr":
      return { amis };
    case "compliance":
      return { backup };
    case "both":
      return { amis, backup };
  }
}
