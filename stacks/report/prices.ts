/**
 * AWS list prices the cost estimate uses: US East (N. Virginia), us-east-1, on-demand, in USD, without free tiers or
 * discounts. Other regions differ by a few percent to a third; the estimate names its region. The figures are the
 * table's record of the pages in `PRICE_SOURCES` as of `PRICES_AS_OF`: prices change, so compare them with those pages
 * before relying on an estimate, and update the date with the figures.
 */

/** The date the figures below were recorded (ISO 8601). */
export const PRICES_AS_OF = "2026-12-01";

/** The region whose prices these are. */
export const PRICE_REGION = "us-east-1";

/** The AWS pricing pages the prices come from. */
export const PRICE_SOURCES: readonly string[] = [
  "https://aws.amazon.com/backup/pricing/",
  "https://aws.amazon.com/ebs/pricing/",
  "https://aws.amazon.com/ec2/pricing/on-demand/#Data_Transfer",
];

/** USD per unit. */
export const PRICES = {
  /** AWS Backup warm storage, per GB-month (EBS, EC2, EFS warm; the common rate). */
  backupWarmGbMonth: 0.05,
  /** AWS Backup cold storage, per GB-month (EFS cold and the types with a cold tier). */
  backupColdGbMonth: 0.01,
  /** EBS snapshot standard tier, per GB-month: DLM snapshots and the snapshots behind AMIs. */
  snapshotGbMonth: 0.05,
  /** EBS snapshot archive tier, per GB-month. */
  snapshotArchiveGbMonth: 0.0125,
  /** Fast snapshot restore, per snapshot and availability zone, per hour it is enabled. */
  fastSnapshotRestoreHour: 0.75,
  /** Data transfer between AWS regions, per GB (copies to another region). */
  interRegionTransferGb: 0.02,
} as const;

/** Hours in a billing month, as AWS prices count them. */
export const HOURS_PER_MONTH = 730;
