import { Construct } from "constructs";
import type { RolloutConfig } from "../config/schema";
import { RolloutModel, buildRolloutModel } from "../model/model";
import { assertObjectivesMet } from "../model/objectives";
import { CentralBackupAccountStack } from "./central-backup-account-stack";
import { ManagementAccountStack } from "./management-account-stack";
import { MemberAccountStack } from "./member-account-stack";

/** The stacks of one rollout. */
export interface RolloutStacks {
  readonly model: RolloutModel;
  readonly management: ManagementAccountStack;
  readonly central: CentralBackupAccountStack;
  readonly members: readonly MemberAccountStack[];
}

/**
 * Builds one stack per account. Deploy order (`cdktf deploy '*'`): management, then central backup, then members;
 * members read the central stack's outputs through remote state, never through implicit cross-stack references.
 */
export function buildRollout(scope: Construct, config: RolloutConfig): RolloutStacks {
  const model = buildRolloutModel(config);
  // Objectives are checks: a policy whose mechanisms miss them is refused before any stack exists.
  assertObjectivesMet(model);
  const management = new ManagementAccountStack(scope, model);
  const central = new CentralBackupAccountStack(scope, model);
  central.addDependency(management);
  const members = model.members.map((m) => {
    const stack = new MemberAccountStack(scope, model, m);
    stack.addDependency(central);
    return stack;
  });
  return { model, management, central, members };
}
