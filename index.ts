/**
 * The package's public entry point: the construct modules (core value types, AWS Backup, KMS, DLM, Organizations,
 * protection profiles), the account stacks, and the rollout: config schema and loading, the model, the builder, stack
 * and output contracts.
 *
 * cdktf, constructs and @cdktf/provider-aws are peer dependencies: the app that uses this package brings them, so
 * its App, its stacks and these constructs share one construct tree and one set of provider classes.
 */
export * from "./modules/core";
export * from "./modules/backup";
export * from "./modules/kms";
export * from "./modules/dlm";
export * from "./modules/organizations";
export * from "./modules/profiles";

export { AccountStack, regionAlias } from "./stacks/account-stack";
export type { AccountStackProps, StateBackendConfig } from "./stacks/account-stack";

export { buildRollout } from "./stacks/rollout/build";
export type { RolloutStacks } from "./stacks/rollout/build";
export { ManagementAccountStack } from "./stacks/rollout/management-account-stack";
export { CentralBackupAccountStack } from "./stacks/rollout/central-backup-account-stack";
export { MemberAccountStack } from "./stacks/rollout/member-account-stack";
export { defaultRolloutConfig, loadRolloutFromEnvironment } from "./stacks/config/source";
export { validateTree } from "./stacks/synth/validate-tree";

export { loadRolloutFile, parseRollout } from "./stacks/config/load";
export { RolloutConfigError, jsonPath } from "./stacks/config/problems";
export type { ConfigProblem } from "./stacks/config/problems";
export { checkRollout } from "./stacks/config/checks";
export {
  amiIntentSchema,
  backupIntentSchema,
  memberSchema,
  protectionPolicySchema,
  rolloutJsonSchema,
  rolloutSchema,
  snapshotIntentSchema,
  vaultLockSchema,
} from "./stacks/config/schema";
export type { MemberConfig, ProtectionPolicy, RolloutConfig, RolloutInput, VaultLockConfig } from "./stacks/config/schema";
// The config's parsed intents (defaults filled in); the profile module's BackupIntent, AmiIntent and SnapshotIntent
// are the construct-side shapes of the same data.
export type { AmiIntent as AmiIntentConfig, BackupIntent as BackupIntentConfig, SnapshotIntent as SnapshotIntentConfig } from "./stacks/config/schema";
export { buildRolloutModel } from "./stacks/model/model";
export type { CopyPlacement, MemberModel, Placement, RolloutModel, VaultRef } from "./stacks/model/model";
export {
  CENTRAL_REMOTE_STATE,
  CentralOutputs,
  MANAGEMENT_STACK,
  MemberOutputs,
  centralStackName,
  managementStackName,
  memberStackName,
  memberVaultName,
  regionSuffix,
  stateKey,
} from "./stacks/model/contracts";

export { buildDrReport } from "./stacks/report/dr-report";
export type { DrReport } from "./stacks/report/dr-report";
export { renderMarkdown, writeDrReport } from "./stacks/report/render";

export { finishSynthOutput } from "./stacks/synth/synth-output";
export type { FinishedSynthOutput, SynthOutputSource } from "./stacks/synth/synth-output";

export { DEPLOY_ORDER_FILE, deployOrderOf, readDeployOrder, writeDeployOrder } from "./stacks/synth/deploy-order";
export type { DeployOrder, DeployOrderStack, StateLocation, StateRead } from "./stacks/synth/deploy-order";
export { changedStacks } from "./stacks/synth/changed";
export type { ChangedStack } from "./stacks/synth/changed";
export { finishApp, synthesizeRollout } from "./stacks/synth/synthesize";
export type { SynthesizedRollout } from "./stacks/synth/synthesize";

// The tools behind the backup-dr CLI, for use from code: Terraform checks of any synth output, and the upgrade check.
export { HarnessSetupError, PROVIDER_6X_ONLY_ATTRIBUTES, checkSynthOutput, selectProviderMode } from "./cli/harness/terraform-harness";
export type { HarnessOptions, ProviderMode, StackCheck } from "./cli/harness/terraform-harness";
export { PROTECTED_TYPES, buildBaseline, checkAgainstBaseline, compareSynthOutputs, formatReport as formatUpgradeReport } from "./cli/upgrade/upgrade-check";
export type { UpgradeCheckOptions, UpgradeFinding, UpgradeReport } from "./cli/upgrade/upgrade-check";
export { runGitUpgradeCheck } from "./cli/upgrade/git-ref";
