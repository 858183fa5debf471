import { Construct } from "constructs";
import { TerraformStack } from "../../modules/core/cdktf";
import type { RolloutConfig } from "../config/schema";
import { centralStackName, managementStackName, memberStackName } from "../config/stack-names";
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

/** The names of a rollout's stacks, in build order: management, central backup, then the members in config order. */
export function rolloutStackNames(config: RolloutConfig): string[] {
  return [managementStackName(), centralStackName(config), ...config.members.map(memberStackName)];
}

/**
 * Builds only the named stacks of a rollout: one shard of a synth split across processes. Every stack depends only
 * on the model (stacks read each other through remote state), so a shard's stacks come out as they would in a whole
 * build. A stack that a built stack declares a dependency on but that belongs to another shard is a stand-in: an
 * empty stack of the same name, so the manifest records the same dependency. Returns the built stacks, not the
 * stand-ins.
 */
export function buildRolloutShard(scope: Construct, model: RolloutModel, names: ReadonlySet<string>): TerraformStack[] {
  const built: TerraformStack[] = [];
  const wants = (name: string) => names.has(name);
  const members = model.members.filter((m) => wants(m.stack));
  // Stand-ins only where a built stack names them as a dependency: the central stack for members, management for central.
  const stack = (name: string, make: () => TerraformStack) => (wants(name) ? built[built.push(make()) - 1] : new TerraformStack(scope, name));
  const management = wants(model.central.stack) ? stack(model.management.stack, () => new ManagementAccountStack(scope, model)) : undefined;
  if (!management && wants(model.management.stack)) built.push(new ManagementAccountStack(scope, model));
  const central = wants(model.central.stack) || members.length > 0 ? stack(model.central.stack, () => new CentralBackupAccountStack(scope, model)) : undefined;
  if (management && central && wants(model.central.stack)) central.addDependency(management);
  for (const m of members) {
    const stack = new MemberAccountStack(scope, model, m);
    stack.addDependency(central!);
    built.push(stack);
  }
  return built;
}
