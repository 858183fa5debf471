import type { RolloutConfig } from "../config/schema";

/** Name of the AWS Backup service role in every member account (named so Organizations backup policies can use it). */
export function backupServiceRoleName(config: RolloutConfig): string {
  return `${config.name}-backup-service`;
}
