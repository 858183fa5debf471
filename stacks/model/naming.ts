import type { RolloutConfig } from "../config/schema";

/** Name of the AWS Backup service role in every member account (named so Organizations backup policies can use it). */
export function backupServiceRoleName(config: RolloutConfig): string {
  // AWS Backup only runs jobs with roles whose names contain AWSBackup.
  return `AWSBackup-${config.name}`;
}

/** IAM path of the AWS Backup service role. */
export const BACKUP_SERVICE_ROLE_PATH = "/service-role/";

/** ARN of the AWS Backup service role of an account. */
export function backupServiceRoleArn(config: RolloutConfig, accountId: string): string {
  return `arn:aws:iam::${accountId}:role${BACKUP_SERVICE_ROLE_PATH}${backupServiceRoleName(config)}`;
}
