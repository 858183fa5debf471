/**
 * How fast each recovery mechanism gets a resource type back: the RTO class the objectives are checked against. AWS
 * publishes no restore-time guarantee for any of these paths; the bounds below are planning figures, each the upper
 * end of what the documented mechanism does (launching from an image, a volume that is fully initialized at creation,
 * a volume that loads its blocks lazily from S3, a restore job that copies the data back), rounded up to a class.
 * A workload whose own size or start-up time exceeds a class must ask for a longer RTO. The pages in
 * `RECOVERY_TIME_SOURCES` describe each mechanism; the bounds are this table's, recorded on `RECOVERY_TIMES_AS_OF`:
 * revisit them (and the date) when a restore path changes or a restore test measures otherwise.
 */

/** The date the bounds were recorded (ISO 8601). */
export const RECOVERY_TIMES_AS_OF = "2026-12-01";

/** The AWS pages the table rests on. */
export const RECOVERY_TIME_SOURCES: readonly { readonly topic: string; readonly url: string }[] = [
  { topic: "launching an instance from an AMI", url: "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/LaunchingAndUsingInstances.html" },
  {
    topic: "fast snapshot restore: volumes fully initialized at creation",
    url: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-fast-snapshot-restore.html",
  },
  { topic: "volumes from snapshots load blocks lazily until initialized", url: "https://docs.aws.amazon.com/ebs/latest/userguide/ebs-initialize.html" },
  {
    topic: "AWS Backup restore jobs (duration depends on type and size)",
    url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html",
  },
  { topic: "restoring an RDS DB instance from a snapshot", url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_RestoreFromSnapshot.html" },
  { topic: "DynamoDB restore from a backup", url: "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Restore.Tutorial.html" },
  { topic: "EFS restore through AWS Backup", url: "https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-efs.html" },
];

/** The resource types objectives may name (those AWS Backup restore testing knows). */
export const OBJECTIVE_RESOURCE_TYPES = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"] as const;
export type ObjectiveResourceType = (typeof OBJECTIVE_RESOURCE_TYPES)[number];

/** How a resource comes back. */
export type RecoveryMechanism = "ami-launch" | "fast-snapshot-restore" | "snapshot-volume" | "restore-job";

/** What each mechanism is, in words. */
export const RECOVERY_MECHANISM_TEXT: Readonly<Record<RecoveryMechanism, string>> = {
  "ami-launch": "launch from a DLM AMI",
  "fast-snapshot-restore": "a volume from a snapshot with fast snapshot restore",
  "snapshot-volume": "a volume from a DLM snapshot (lazy loading)",
  "restore-job": "an AWS Backup restore job",
};

/** The RTO classes, each with its upper bound in minutes. */
export const RTO_CLASSES: readonly { readonly name: string; readonly maxMinutes: number }[] = [
  { name: "minutes", maxMinutes: 15 },
  { name: "within an hour", maxMinutes: 60 },
  { name: "hours", maxMinutes: 240 },
  { name: "half a day", maxMinutes: 720 },
];

/**
 * Upper bound, in minutes, of each mechanism per resource type; a type a mechanism cannot restore has no entry.
 * - AMI launch: an instance (and its EBS volumes) from an image in minutes.
 * - Fast snapshot restore: the volume delivers its full performance at creation.
 * - Snapshot volume: created in minutes, usable within the hour while blocks load lazily from S3.
 * - Restore job: the data is copied back; hours for databases and block storage, up to half a day for file systems
 *   and buckets whose object count drives the time.
 */
const TABLE: Readonly<Record<ObjectiveResourceType, Partial<Record<RecoveryMechanism, number>>>> = {
  EC2: { "ami-launch": 15, "restore-job": 60 },
  EBS: { "ami-launch": 15, "fast-snapshot-restore": 15, "snapshot-volume": 60, "restore-job": 240 },
  RDS: { "restore-job": 240 },
  Aurora: { "restore-job": 240 },
  DocumentDB: { "restore-job": 240 },
  Neptune: { "restore-job": 240 },
  DynamoDB: { "restore-job": 240 },
  FSx: { "restore-job": 240 },
  EFS: { "restore-job": 720 },
  S3: { "restore-job": 720 },
};

/** Resource types whose AWS Backup continuous backup restores to any second of its window. */
export const CONTINUOUS_BACKUP_TYPES: readonly ObjectiveResourceType[] = ["RDS", "Aurora", "S3"];

/** The RTO bound of a mechanism for a resource type, in minutes; undefined when the mechanism cannot restore it. */
export function recoveryMinutes(type: ObjectiveResourceType, mechanism: RecoveryMechanism): number | undefined {
  return TABLE[type][mechanism];
}

/** The mechanisms that restore a type, fastest first. */
export function recoveryMechanismsFor(type: ObjectiveResourceType): { mechanism: RecoveryMechanism; minutes: number }[] {
  return (Object.entries(TABLE[type]) as [RecoveryMechanism, number][])
    .map(([mechanism, minutes]) => ({ mechanism, minutes }))
    .sort((a, b) => a.minutes - b.minutes);
}

/** The class of an RTO bound. */
export function rtoClassOf(minutes: number): string {
  return RTO_CLASSES.find((c) => minutes <= c.maxMinutes)?.name ?? "more than half a day";
}

/** Durations in objectives: a whole number and a unit, `30m`, `4h`, `7d`. */
export const OBJECTIVE_DURATION_PATTERN = /^([1-9]\d*)(m|h|d)$/;

/** Minutes of an objective duration such as `4h`; undefined when it is not one. */
export function objectiveMinutes(text: string): number | undefined {
  const m = OBJECTIVE_DURATION_PATTERN.exec(text);
  if (!m) return undefined;
  return Number(m[1]) * { m: 1, h: 60, d: 1440 }[m[2] as "m" | "h" | "d"];
}
