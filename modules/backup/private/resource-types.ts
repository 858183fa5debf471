/**
 * Resource types AWS Backup can be opted in to, as the region settings name them. A region that does not offer a type
 * rejects it at apply time, so list only the types the region has.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/service-opt-in.html
 */
export const BACKUP_RESOURCE_TYPES: readonly string[] = [
  "Aurora",
  "CloudFormation",
  "DocumentDB",
  "DSQL",
  "DynamoDB",
  "EBS",
  "EC2",
  "EFS",
  "FSx",
  "Neptune",
  "RDS",
  "Redshift",
  "Redshift Serverless",
  "S3",
  "SAP HANA on Amazon EC2",
  "Storage Gateway",
  "Timestream",
  "VirtualMachine",
];

/**
 * Resource types whose backups AWS Backup can fully manage (its own encryption, cold storage, billing, tags).
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/whatisbackup.html#full-management
 */
export const BACKUP_MANAGEMENT_RESOURCE_TYPES: readonly string[] = ["CloudFormation", "DSQL", "DynamoDB", "EFS"];

/**
 * The resource types a tag-based selection reaches that every commercial and GovCloud region offers: the rollout opts
 * them in wherever a protection policy backs resources up by tag, because a type left opted out is skipped silently.
 * Types that only some regions offer (DSQL, Timestream, SAP HANA, ...) are opted in through the rollout config.
 */
export const TAG_SELECTED_RESOURCE_TYPES: readonly string[] = ["Aurora", "DocumentDB", "DynamoDB", "EBS", "EC2", "EFS", "FSx", "Neptune", "RDS", "S3"];
