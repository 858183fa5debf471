import type { MemberConfig, RolloutConfig } from "../config/schema";

/** The protection policies a member applies: its own list, else all of them. */
export function appliedPolicies(config: RolloutConfig, member: MemberConfig): string[] {
  return member.protection ?? Object.keys(config.protectionPolicies);
}

/** Name of the AWS Backup service role in every member account (named so Organizations backup policies can use it). */
export function backupServiceRoleName(config: RolloutConfig): string {
  return `${config.name}-backup-service`;
}
