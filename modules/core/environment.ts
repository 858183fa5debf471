/** The account, region and partition a construct's resources live in. Account and region come from
 * configuration, never from data sources, so synthesized stacks plan offline and reviewers see literal values. */
export interface AwsEnvironment {
  /** The 12-digit AWS account ID. */
  readonly accountId: string;
  /** The AWS region name, e.g. `eu-west-1`. */
  readonly region: string;
  /** The AWS partition. @default "aws" */
  readonly partition?: string;
}
