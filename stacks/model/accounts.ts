import { rolloutTags } from "../config/stack-names";
import { Partition, partitionOf } from "../../modules/core";
import { iamRoleArn } from "../../modules/core/private/aws";
import type { AccountStackProps } from "../account-stack";
import type { RolloutConfig } from "../config/schema";
import { workspacePrefix } from "./contracts";

/** One account of the rollout, resolved: its stack, regions, roles and the provider and backend wiring of its stack. */
export interface AccountModel {
  /** The 12-digit account ID. */
  readonly accountId: string;
  /** The partition of the account's regions (one rollout, one partition: the config checks refuse a mix). */
  readonly partition: Partition;
  /** The stack's name, which is also the stem of its state key. */
  readonly stack: string;
  /** The account's regions, the primary one first. */
  readonly regions: readonly string[];
  /** The role Terraform assumes in the account: the account's own deployRoleArn, else the rollout's deployRoleName. */
  readonly deployRoleArn: string;
  /** The break-glass role, the one principal meant to delete recovery points. */
  readonly breakGlassRoleArn: string;
  /** Roles exempt from the deletion deny of the account's vault policies: break-glass, and the deploy role so Terraform can keep managing the policy. */
  readonly vaultPolicyExemptRoleArns: readonly string[];
  /** What the account's stack is built with: one provider per region assuming the deploy role, the backend, default tags. */
  readonly stackProps: AccountStackProps;
}

/** Resolves one account of the rollout. */
export function accountModel(config: RolloutConfig, accountId: string, regions: readonly string[], stack: string, ownDeployRoleArn?: string): AccountModel {
  // IAM is global inside a partition: role ARNs take the partition of the account's (primary) region.
  const partition = partitionOf(regions[0]);
  const deployRoleArn = ownDeployRoleArn ?? iamRoleArn(partition, accountId, config.deployRoleName);
  const breakGlassRoleArn = iamRoleArn(partition, accountId, config.breakGlassRoleName);
  return {
    accountId,
    partition,
    stack,
    regions,
    deployRoleArn,
    breakGlassRoleArn,
    vaultPolicyExemptRoleArns: [breakGlassRoleArn, deployRoleArn],
    stackProps: {
      accountId,
      primaryRegion: regions[0],
      additionalRegions: regions.slice(1),
      deployRoleArn,
      backend: stackBackend(config),
      defaultTags: { ...config.tags, ...rolloutTags(config.name, stack) },
      // The rollout's stacks read each other through remote state only (see stacks/synth/shards.ts).
      crossStackReferences: false,
    },
  };
}

/** The backend every stack of the rollout is built with; on HCP Terraform the workspace prefix is resolved here, once. */
function stackBackend(config: RolloutConfig): AccountStackProps["backend"] {
  const b = config.stateBackend;
  if (b.type !== "cloud") return b;
  return { type: "cloud", organization: b.organization, hostname: b.hostname, project: b.project, workspacePrefix: workspacePrefix(config) };
}
