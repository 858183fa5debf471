/**
 * Names that users, pipelines and other stacks rely on: stack names, state keys or workspaces, output names. Stable across
 * releases; changing one is a breaking change.
 */
import type { RolloutConfig } from "../config/schema";

export { MANAGEMENT_STACK, centralStackName, managementStackName, memberStackName } from "../config/stack-names";

/** The S3 key of a stack's state (S3 backend only: on HCP Terraform a stack's state is its workspace, see workspaceName). */
export function stateKey(config: RolloutConfig, stackName: string): string {
  const backend = config.stateBackend;
  if (backend.type === "cloud")
    throw new Error(
      `stateBackend.type is "cloud": stack ${stackName} keeps its state in workspace ${workspaceName(workspacePrefix(config), stackName)}, not an S3 key`,
    );
  return `${backend.keyPrefix.replace(/\/+$/, "")}/${stackName}.tfstate`;
}

/** The HCP Terraform / Terraform Enterprise workspace of a stack: `<prefix>-<stack name>`. */
export function workspaceName(prefix: string, stackName: string): string {
  return `${prefix}-${stackName}`;
}

/** The workspace prefix of a rollout on HCP Terraform: stateBackend.workspacePrefix, else the rollout name. */
export function workspacePrefix(config: RolloutConfig): string {
  return (config.stateBackend.type === "cloud" ? config.stateBackend.workspacePrefix : undefined) ?? config.name;
}

/** `us-east-1` -> `us_east_1`: the region part of output names, provider aliases and construct IDs. */
export function regionSuffix(region: string): string {
  return region.replace(/-/g, "_");
}

/** Outputs of the central backup stack, read by member stacks through remote state. */
export const CentralOutputs = {
  /** ARN of the central vault in a region. */
  vaultArn: (region: string) => `central_vault_arn_${regionSuffix(region)}`,
  /** ARN of the KMS key of the central vault in a region. */
  keyArn: (region: string) => `central_key_arn_${regionSuffix(region)}`,
  /** The central backup account ID. */
  accountId: "central_account_id",
} as const;

/** Outputs of a member stack. */
export const MemberOutputs = {
  /** ARN of the member's local vault in a region. */
  vaultArn: (region: string) => `vault_arn_${regionSuffix(region)}`,
  /** ARN of the member's AWS Backup service role. */
  backupRoleArn: "backup_service_role_arn",
} as const;

/** The name of the remote-state data source through which a stack reads the central stack. */
export const CENTRAL_REMOTE_STATE = "central_backup_state";

/** Name of a member's local vault (same in every region). */
export function memberVaultName(config: RolloutConfig): string {
  return `${config.name}-local`;
}
