import { accountRootArn } from "../../modules/core/private/aws";
import { AccountStackProps } from "../account-stack";
import type { RolloutConfig } from "../config/schema";

/** The role Terraform assumes in an account: the account's own setting, else the rollout's deployRoleName. */
export function deployRoleArn(config: RolloutConfig, accountId: string, own?: string): string {
  return own ?? `arn:aws:iam::${accountId}:role/${config.deployRoleName}`;
}

/** The break-glass role of an account, the only principal allowed to delete recovery points. */
export function breakGlassRoleArn(config: RolloutConfig, accountId: string): string {
  return `arn:aws:iam::${accountId}:role/${config.breakGlassRoleName}`;
}

/** Roles exempt from a vault's deletion deny: break-glass, and the deploy role so Terraform can keep managing the policy. */
export function vaultPolicyExemptRoles(config: RolloutConfig, accountId: string, ownDeployRole?: string): string[] {
  return [breakGlassRoleArn(config, accountId), deployRoleArn(config, accountId, ownDeployRole)];
}

/** The account-stack wiring shared by every stack of a rollout. */
export function accountStackProps(
  config: RolloutConfig,
  accountId: string,
  regions: readonly string[],
  ownDeployRole: string | undefined,
  stackName: string,
): AccountStackProps {
  return {
    accountId,
    primaryRegion: regions[0],
    additionalRegions: regions.slice(1),
    deployRoleArn: deployRoleArn(config, accountId, ownDeployRole),
    backend: config.stateBackend,
    defaultTags: { ...config.tags, BackupDrRollout: config.name, BackupDrStack: stackName },
  };
}

export { accountRootArn };
