/**
 * What a protection policy must achieve, as plain data: how much data may be lost (RPO), how fast the resources must be
 * back (RTO), which disasters they must survive, how long recovery points are kept at least, and how often restores
 * are tested. The rollout checks the mechanisms against them at synth; `intentForObjectives` picks mechanisms for a
 * policy that gives only objectives.
 */
import { BACKUP_MIN_GAP_MINUTES } from "../core/rules/schedules";
import { ObjectiveResourceType, objectiveMinutes, recoveryMinutes } from "../core/rules/recovery-times";
import type { AmiIntent, BackupIntent, ProtectionIntent } from "./intent";

/** A disaster a policy's recovery points must survive. */
export type Threat = "region-loss" | "account-compromise" | "ransomware";
export const THREATS: readonly Threat[] = ["region-loss", "account-compromise", "ransomware"];

/** What one protection policy must achieve. */
export interface ProtectionObjectives {
  /** Most data that may be lost, as `30m`, `4h` or `1d`: the longest allowed gap between two recovery points. */
  readonly rpo?: string;
  /** Longest time to get a resource back, as `15m`, `4h`: checked per resource type against the recovery-time table. */
  readonly rto?: string;
  /** The resource types carrying the tag; the RTO is checked for each. */
  readonly resourceTypes?: readonly ObjectiveResourceType[];
  /** Disasters the recovery points must survive. */
  readonly survives?: readonly Threat[];
  /** Recovery points are kept at least this many days. */
  readonly minRetentionDays?: number;
  /** Restores are tested at least every this many days. */
  readonly restoreTestEveryDays?: number;
}

/** The hour steps AWS Backup and DLM both take (divisors of a day). */
const HOUR_STEPS = [1, 2, 3, 4, 6, 8, 12, 24] as const;

/** The longest hour step within `minutes`, at least an hour. */
function stepWithin(minutes: number): (typeof HOUR_STEPS)[number] {
  return [...HOUR_STEPS].reverse().find((h) => h * 60 <= minutes) ?? 1;
}

/**
 * Mechanisms for a policy that gives only objectives (the "use both" advice made explicit):
 * - always AWS Backup, for governed retention: as often as the RPO asks (at most daily, at least hourly), kept
 *   `minRetentionDays` (35 by default); continuous backup when the RPO is under an hour;
 * - DLM AMIs as well when EC2 instances must be back faster than a restore job brings them: launching from an AMI is
 *   the fastest way back;
 * - `region-loss`: copies to `drRegion` (backups and AMIs);
 * - `account-compromise` and `ransomware`: a copy to the central account's vault, which must be locked (compliance
 *   mode or air-gapped for ransomware): the rollout checks that.
 * What cannot be picked (fast snapshot restore zones, restore testing, vault locks) is left to the config, and the
 * check at synth names what is missing.
 */
export function intentForObjectives(objectives: ProtectionObjectives, drRegion?: string): ProtectionIntent {
  const rpo = objectives.rpo === undefined ? 1440 : (objectiveMinutes(objectives.rpo) ?? 1440);
  const hours = stepWithin(Math.min(rpo, 1440));
  const retentionDays = objectives.minRetentionDays ?? 35;
  const survives = objectives.survives ?? [];
  const copyRetention = { retentionDays };
  const backup: BackupIntent = {
    schedule: hours === 24 ? "cron(0 5 ? * * *)" : hours === 1 ? "cron(0 * ? * * *)" : `cron(0 */${hours} ? * * *)`,
    startWindowMinutes: 60,
    completionWindowMinutes: Math.max(120, hours * 60),
    retentionDays,
    continuousBackup: rpo < BACKUP_MIN_GAP_MINUTES ? { retentionDays: Math.min(35, retentionDays) } : undefined,
    copyToCentral: survives.includes("account-compromise") || survives.includes("ransomware") ? copyRetention : undefined,
    copyToRegion: survives.includes("region-loss") && drRegion ? { region: drRegion, ...copyRetention } : undefined,
  };
  const rto = objectives.rto === undefined ? undefined : objectiveMinutes(objectives.rto);
  const ec2 = (objectives.resourceTypes ?? []).includes("EC2");
  const wantsAmis = ec2 && rto !== undefined && rto < (recoveryMinutes("EC2", "restore-job") ?? Infinity);
  // Enough AMIs to reach back the retention asked for, within DLM's 1000.
  const amis: AmiIntent | undefined = wantsAmis
    ? {
        create: { everyHours: hours, at: "03:00" },
        retainCount: Math.min(1000, Math.ceil((retentionDays * 24) / hours)),
        noReboot: true,
        crossRegionCopy: survives.includes("region-loss") && drRegion ? { region: drRegion, retainDays: retentionDays } : undefined,
      }
    : undefined;
  return stripUndefined({ backup, amis });
}

/** The intent without keys whose value is undefined, so it merges and prints like a hand-written one. */
function stripUndefined<T>(value: T): T {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, stripUndefined(v)]),
  ) as T;
}
