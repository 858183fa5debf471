import { Construct } from "constructs";
import type { RolloutConfig } from "../config/schema";
import { CentralBackupAccountStack } from "./central-backup-account-stack";
import { ManagementAccountStack } from "./management-account-stack";
import { MemberAccountStack } from "./member-account-stack";

/** The stacks of one rollout. */
export interface RolloutStacks {
  readonly management: ManagementAccountStack;
  readonly central: CentralBackupAccountStack;
  readonly members: readonly MemberAccountStack[];
}

/**
 * Builds one stack per account. Deploy order (`cdktf deploy '*'`): management, then central backup, then members;
 * members read the central stack's outputs through remote state, never through implicit cross-stack references.
 */
export function buildRollout(scope: Construct, config: RolloutConfig): RolloutStacks {
  const management = new ManagementAccountStack(scope, config);
  const central = new CentralBackupAccountStack(scope, config);
  central.addDependency(management);
  const members = config.members.map((m) => {
    const stack = new MemberAccountStack(scope, config, m);
    stack.addDependency(central);
    return stack;
  });
  return { management, central, members };
}
