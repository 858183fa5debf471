import { AwsEnvironment, Partition, partitionOf } from "../environment";
import { Validator } from "../errors";
import { isUnresolved } from "./errors";
import { awsRejects } from "../rules/authority";

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

/**
 * Region names AWS has published. A typo such as `eu-west-10` otherwise reaches `terraform apply`.
 * @see https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html
 */
export const KNOWN_REGIONS: ReadonlySet<string> = new Set([
  "us-east-1",
  "us-east-2",
  "us-west-1",
  "us-west-2",
  "af-south-1",
  "ap-east-1",
  "ap-east-2",
  "ap-south-1",
  "ap-south-2",
  "ap-southeast-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-southeast-4",
  "ap-southeast-5",
  "ap-southeast-6",
  "ap-southeast-7",
  "ap-northeast-1",
  "ap-northeast-2",
  "ap-northeast-3",
  "ca-central-1",
  "ca-west-1",
  "eu-central-1",
  "eu-central-2",
  "eu-west-1",
  "eu-west-2",
  "eu-west-3",
  "eu-south-1",
  "eu-south-2",
  "eu-north-1",
  "il-central-1",
  "me-south-1",
  "me-central-1",
  "mx-central-1",
  "sa-east-1",
  "us-gov-east-1",
  "us-gov-west-1",
  "cn-north-1",
  "cn-northwest-1",
]);

export const PARTITIONS: ReadonlySet<string> = new Set<Partition>(["aws", "aws-us-gov", "aws-cn"]);

/** Adds the checks of an account ID to a validator. */
export function checkAccountId(v: Validator, field: string, value: string | undefined): Validator {
  return v.matches(field, value, ACCOUNT_ID_PATTERN, awsRejects("account IDs other than 12 digits"), "quote the ID as a string so leading zeros survive");
}

/** Adds the checks of a region name to a validator. */
export function checkRegion(v: Validator, field: string, value: string | undefined): Validator {
  if (value === undefined || isUnresolved(value)) return v;
  return v.check(KNOWN_REGIONS.has(value), field, value, awsRejects("region names it has not published (e.g. us-east-1, eu-west-1)"));
}

/** Validates an environment and fills in the partition of its region when none is given. */
export function resolveEnvironment(where: string, env: AwsEnvironment, field = "env"): Required<AwsEnvironment> {
  const v = new Validator(where);
  v.required(`${field}.accountId`, env?.accountId).required(`${field}.region`, env?.region);
  checkAccountId(v, `${field}.accountId`, env?.accountId);
  checkRegion(v, `${field}.region`, env?.region);
  const regionPartition = env?.region && !isUnresolved(env.region) ? partitionOf(env.region) : undefined;
  const partition = env?.partition ?? regionPartition ?? "aws";
  v.check(PARTITIONS.has(partition), `${field}.partition`, partition, awsRejects(`partitions other than ${[...PARTITIONS].join(", ")}`));
  if (regionPartition && PARTITIONS.has(partition)) {
    v.check(
      partition === regionPartition,
      `${field}.partition`,
      partition,
      awsRejects(
        `ARNs whose partition is not that of their region, and region ${env.region} is in ${regionPartition}: the ARNs built from this would name resources that cannot exist`,
      ),
      `leave partition unset, or set it to ${regionPartition}`,
    );
  }
  v.throwIfAny();
  return { accountId: env.accountId, region: env.region, partition };
}

/** The parts of an ARN. */
export interface ArnParts {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly account: string;
  readonly resource: string;
}

/** Splits an ARN into its parts; undefined when the string is not an ARN. */
export function parseArn(arn: string): ArnParts | undefined {
  const m = /^arn:([a-z-]+):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] };
}

export const BACKUP_VAULT_ARN_PATTERN = /^arn:aws(-[a-z]+)*:backup:[a-z]{2}(-[a-z]+)+-\d:\d{12}:backup-vault:[a-zA-Z0-9\-_]{2,50}$/;
/** Key IDs are UUIDs (versions 1-5, which Terraform's S3 backend also insists on) or multi-Region `mrk-` IDs. */
export const KMS_KEY_ID_PATTERN_SOURCE = "([0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}|mrk-[0-9a-f]{32})";
export const KMS_KEY_ARN_PATTERN = new RegExp(`^arn:aws(-[a-z]+)*:kms:[a-z]{2}(-[a-z]+)+-\\d:\\d{12}:key\\/${KMS_KEY_ID_PATTERN_SOURCE}$`);
export const IAM_ROLE_ARN_PATTERN = /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
export const SNS_TOPIC_ARN_PATTERN = /^arn:aws(-[a-z]+)*:sns:[a-z]{2}(-[a-z]+)+-\d:\d{12}:[\w-]{1,256}$/;

/** Adds the check that a value is a backup-vault ARN. */
export function checkBackupVaultArn(v: Validator, field: string, value: string | undefined): Validator {
  return v.matches(
    field,
    value,
    BACKUP_VAULT_ARN_PATTERN,
    awsRejects("anything but a backup-vault ARN arn:<partition>:backup:<region>:<12-digit account>:backup-vault:<name> here"),
  );
}

/** Adds the check that a value is a KMS key ARN (not an alias, not a bare key ID). */
export function checkKmsKeyArn(v: Validator, field: string, value: string | undefined): Validator {
  return v.matches(
    field,
    value,
    KMS_KEY_ARN_PATTERN,
    awsRejects("anything but a KMS key ARN arn:<partition>:kms:<region>:<account>:key/<key-id> here (aliases and bare key IDs are not accepted)"),
  );
}

/** Adds the check that a value is an IAM role ARN. */
export function checkRoleArn(v: Validator, field: string, value: string | undefined): Validator {
  return v.matches(field, value, IAM_ROLE_ARN_PATTERN, awsRejects("anything but an IAM role ARN arn:<partition>:iam::<12-digit account>:role/<name> here"));
}

/**
 * The ARN of an IAM role. IAM is global within a partition, so the ARN has no region; `accountId` may be the
 * Organizations policy variable `$account`. `path` starts and ends with `/`.
 */
export function iamRoleArn(partition: string, accountId: string, roleName: string, path = "/"): string {
  return `arn:${partition}:iam::${accountId}:role${path}${roleName}`;
}

/** The ARN of a backup vault, built from its parts (no lookup); `accountId` may be the Organizations policy variable `$account`. */
export function backupVaultArn(env: Required<AwsEnvironment>, vaultName: string): string {
  return `arn:${env.partition}:backup:${env.region}:${env.accountId}:backup-vault:${vaultName}`;
}

/** The ARN of an account's root principal, used in key and vault policies. */
export function accountRootArn(partition: string, accountId: string): string {
  return `arn:${partition}:iam::${accountId}:root`;
}
