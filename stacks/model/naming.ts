/**
 * Names of the resources the rollout creates in every account. Changing one renames (and so replaces) resources in
 * every deployment: treat a change as breaking.
 */
import { Partition } from "../../modules/core";
import { iamRoleArn } from "../../modules/core/private/aws";
import type { RolloutConfig } from "../config/schema";

/** IAM path of the AWS Backup service role. */
export const BACKUP_SERVICE_ROLE_PATH = "/service-role/";

/** The AWS Backup service role of a member account, which plans and Organizations backup policies name. */
export interface BackupServiceRoleModel {
  /** The role's name; AWS Backup only runs jobs with roles whose names contain AWSBackup. */
  readonly name: string;
  /** The role's IAM path. */
  readonly path: string;
  /** The role's ARN; `$account` for the receiving account of an Organizations policy. */
  readonly arn: string;
}

/** The AWS Backup service role in an account (`$account` in Organizations backup policies). */
export function backupServiceRole(config: RolloutConfig, partition: Partition, accountId: string): BackupServiceRoleModel {
  const name = `AWSBackup-${config.name}`;
  return { name, path: BACKUP_SERVICE_ROLE_PATH, arn: iamRoleArn(partition, accountId, name, BACKUP_SERVICE_ROLE_PATH) };
}

/** The name of a protection policy's backup plan and the label of its DLM policies: `<rollout>-<policy>`. */
export function protectionName(config: RolloutConfig, policy: string): string {
  return `${config.name}-${policy}`;
}

/** The prefix of the DLM service roles of an account. */
export function dlmRoleNamePrefix(config: RolloutConfig): string {
  return `${config.name}-dlm`;
}

/** Name of the Organizations backup policy of a protection policy in a region. */
export function organizationPolicyName(config: RolloutConfig, policy: string, region: string): string {
  return `${config.name}-${policy}-${region}`;
}

/**
 * The key of a protection policy's plan in its Organizations backup policy of one region: also the plan's name in the
 * receiving accounts. Per region, because policies attached to the same account merge by plan key: two policies whose
 * plans shared a key would overwrite each other's `regions` and rules in the effective policy.
 */
export function organizationPlanKey(config: RolloutConfig, policy: string, region: string): string {
  return `${config.name}-${policy}-${region}`;
}

/** Names that allow only letters, digits and underscores (audit frameworks, report plans, restore testing plans). */
export function underscoreName(...parts: string[]): string {
  return parts.join("_").replace(/-/g, "_");
}
