/** The account, region and partition a construct's resources live in. Account and region come from
 * configuration, never from data sources, so synthesized stacks plan offline and reviewers see literal values. */
export interface AwsEnvironment {
  /** The 12-digit AWS account ID. */
  readonly accountId: string;
  /** The AWS region name, e.g. `eu-west-1`. */
  readonly region: string;
  /** The AWS partition. @default the partition of `region` (see `partitionOf`) */
  readonly partition?: string;
}

/** An AWS partition: the commercial regions, AWS GovCloud (US), or the China regions. */
export type Partition = "aws" | "aws-us-gov" | "aws-cn";

/**
 * The partition a region belongs to: `us-gov-*` is AWS GovCloud (US), `cn-*` is China, every other region is the
 * commercial partition. Every ARN names its partition, and nothing spans two: an organization, a role assumption, a
 * cross-account copy. ARNs are built from the partition of their region, never from a literal `aws`.
 * @see https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html
 */
export function partitionOf(region: string): Partition {
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  if (region.startsWith("cn-")) return "aws-cn";
  return "aws";
}
