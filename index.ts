/**
 * The package's public entry point: the construct modules (core value types, AWS Backup, KMS, DLM, Organizations,
 * protection profiles), the account stacks, and the rollout: config schema and loading, the model, the builder, stack
 * and output contracts.
 *
 * cdktf, constructs and @cdktf/provider-aws are peer dependencies: the app that uses this package brings them, so
 * its App, its stacks and these constructs share one construct tree and one set of provider classes.
 */
export {
  Addressing,
  AwsCron,
  CONFIG_SECURE_DEFAULT_NAMES,
  Duration,
  partitionOf,
  Retention,
  ruleAuthorityOf,
  SECURE_DEFAULT_NAMES,
  SECURE_DEFAULTS,
  ValidationError,
  Validator,
} from "./modules/core";
export type {
  AwsEnvironment,
  SecureDefault,
  SecureDefaultName,
  CronFields,
  CronFrequency,
  DurationUnit,
  Partition,
  PolicyDocument,
  PolicyStatement,
  RetentionUnit,
  RuleAuthority,
  Tags,
  ValidationProblem,
} from "./modules/core";
export {
  AUDIT_CONTROLS,
  BACKUP_MANAGEMENT_RESOURCE_TYPES,
  BACKUP_RESOURCE_TYPES,
  BackupAuditFramework,
  BackupGlobalSettings,
  BackupPlan,
  BackupRegionSettings,
  BackupReportBucket,
  BackupReportPlan,
  BackupRule,
  BackupSelection,
  BackupServiceRole,
  BackupVault,
  COMPLIANCE_REPORT_TEMPLATES,
  DEFAULT_VAULT_EVENTS,
  deriveAuditControls,
  deriveControls,
  LogicallyAirGappedVault,
  REPORT_TEMPLATES,
  RESTORE_TESTING_RESOURCE_TYPES,
  RestoreTestingPlan,
  RestoreTestingSelection,
  Schedule,
  VAULT_EVENTS,
  VaultAccessPolicy,
  VaultLock,
  VaultNotifications,
} from "./modules/backup";
export type {
  AdvancedBackupSetting,
  AuditControl,
  AuditControlOptions,
  AuditPlanFacts,
  BackupAuditFrameworkProps,
  BackupGlobalSettingsProps,
  BackupLifecycle,
  BackupPlanPresetProps,
  BackupPlanProps,
  BackupRegionSettingsPresetProps,
  BackupRegionSettingsProps,
  BackupReportBucketProps,
  BackupReportPlanProps,
  BackupRuleProps,
  BackupSelectionProps,
  BackupServiceRoleProps,
  BackupVaultProps,
  CopyActionProps,
  CopyIntoVaultGrant,
  IBackupPlan,
  IBackupServiceRole,
  IBackupVault,
  LockBounds,
  LogicallyAirGappedVaultProps,
  MalwareScanner,
  ProtectedResourceConditions,
  RecoveryPointSelection,
  RecoveryPointType,
  ReportDelivery,
  ReportFormat,
  ReportTemplate,
  ResolvedCopyAction,
  RestoreTestingAlgorithm,
  RestoreTestingPlanProps,
  RestoreTestingResourceType,
  RestoreTestingSelectionProps,
  RetentionBounds,
  ScanActionProps,
  ScanMode,
  ScanSettingProps,
  ScheduleOptions,
  SelectionConditions,
  TagCondition,
  VaultAccessPolicyOptions,
  VaultAccessPolicyProps,
  VaultEvent,
  VaultLockOptions,
  VaultLockProps,
  VaultNotificationOptions,
  VaultNotificationsProps,
  VaultProtectionProps,
  WeekDay,
} from "./modules/backup";
export { BackupKey } from "./modules/kms";
export type { BackupKeyProps, IEncryptionKey, KeySharing } from "./modules/kms";
export { AmiPolicy, CrossAccountCopyPolicy, DefaultPolicy, DlmCreateRule, DlmRetainRule, DlmSchedule, DlmServiceRoles, SnapshotPolicy } from "./modules/dlm";
export type {
  AmiDailyWithCopyOptions,
  AmiPolicyProps,
  CrossAccountCopyAction,
  CrossAccountCopyPolicyProps,
  CrossAccountCopyTarget,
  DailyVolumesOptions,
  DefaultPolicyExclusions,
  DefaultPolicyPresetOptions,
  DefaultPolicyProps,
  DefaultPolicyResourceType,
  DlmArchiveOptions,
  DlmCountOrAge,
  DlmCreateRuleOptions,
  DlmCrossRegionCopyOptions,
  DlmDeprecateOptions,
  DlmFastRestoreOptions,
  DlmPolicyCommonProps,
  DlmPolicyState,
  DlmRolePurpose,
  DlmRoleSource,
  DlmScheduleProps,
  DlmScriptOptions,
  DlmScriptStage,
  DlmServiceRolesProps,
  DlmShareOptions,
  IDlmExecutionRole,
  SharedSnapshotCopyOptions,
  SnapshotPolicyProps,
  SnapshotPresetOptions,
  SnapshotResourceType,
} from "./modules/dlm";
export {
  DelegatedBackupAdministrator,
  OrganizationBackupPolicy,
  OrganizationPrerequisites,
  enablePolicyTypeCommand,
  enableServiceAccessCommand,
} from "./modules/organizations";
export type {
  BackupPolicyCopyAction,
  BackupPolicyPlan,
  BackupPolicyRule,
  DelegatedBackupAdministratorProps,
  OrganizationBackupPolicyProps,
  OrganizationPrerequisitesProps,
} from "./modules/organizations";
export { PROFILE_NAMES, profilePreset, ProtectionProfile } from "./modules/profiles";
export type {
  AmiIntent,
  BackupIntent,
  CopyRetentionIntent,
  DlmCreateIntent,
  ProfileName,
  ProtectionIntent,
  ProtectionProfileProps,
  SnapshotIntent,
} from "./modules/profiles";

export { AccountStack, regionAlias } from "./stacks/account-stack";
export type { AccountStackProps, CloudStateBackendConfig, StateBackendConfig } from "./stacks/account-stack";

export { buildRollout } from "./stacks/rollout/build";
export type { RolloutStacks } from "./stacks/rollout/build";
export { ManagementAccountStack } from "./stacks/rollout/management-account-stack";
export { CentralBackupAccountStack } from "./stacks/rollout/central-backup-account-stack";
export { MemberAccountStack } from "./stacks/rollout/member-account-stack";
export { defaultRolloutConfig, loadRolloutFromEnvironment } from "./stacks/config/source";
export { validateTree } from "./stacks/synth/validate-tree";

export { loadRolloutFile, parseRollout } from "./stacks/config/load";
export type { ParseRolloutOptions } from "./stacks/config/load";
export { RolloutConfigError, jsonPath } from "./stacks/config/problems";
export type { ConfigProblem, ConfigWarning } from "./stacks/config/problems";
export { CONFIG_CHECK_CLASSES } from "./stacks/config/check-classes";
export type { ConfigCheckClass, ConfigCheckClassInfo } from "./stacks/config/check-classes";
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
export type {
  AccountModel,
  AuditModel,
  BackupServiceRoleModel,
  CentralAuditModel,
  CentralModel,
  CentralRestoreTestingModel,
  CopyPlacement,
  DlmDefaultPolicyModel,
  GlobalSettingsModel,
  ManagementModel,
  MemberModel,
  OrganizationPolicyModel,
  OrganizationPrerequisitesModel,
  OrganizationReportPlanModel,
  Placement,
  PlanSpec,
  RegionAuditModel,
  RegionalRestoreTestingModel,
  RegionSettingsModel,
  CloudRemoteStateModel,
  RemoteStateModel,
  RestoreTestingModel,
  S3RemoteStateModel,
  RolloutModel,
  RuleSpec,
  SharedSnapshotCopyModel,
  VaultModel,
  VaultRef,
} from "./stacks/model/model";
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
  workspaceName,
  workspacePrefix,
} from "./stacks/model/contracts";

export { buildDrReport } from "./stacks/report/dr-report";
export type {
  AccountReport,
  AuditControlReport,
  CopyReport,
  DrReport,
  EntryReport,
  LockReport,
  ResourceTypesReport,
  RestorePath,
} from "./stacks/report/dr-report";
export type { CoverageReport } from "./stacks/report/coverage";
export { renderMarkdown, writeDrReport } from "./stacks/report/render";
// Objectives (RPO, RTO, threats survived) checked against the model, and what the protection costs.
export { THREATS, intentForObjectives } from "./modules/profiles";
export type { ProtectionObjectives, Threat } from "./modules/profiles";
export { OBJECTIVE_RESOURCE_TYPES, RECOVERY_TIMES_AS_OF, RECOVERY_TIME_SOURCES, recoveryMechanismsFor } from "./modules/core/rules/recovery-times";
export type { ObjectiveResourceType, RecoveryMechanism } from "./modules/core/rules/recovery-times";
export { assertObjectivesMet, objectiveFindings } from "./stacks/model/objectives";
export type { ObjectiveFinding } from "./stacks/model/objectives";
export { costOf, infracostUsageFiles, parseUsageFile } from "./stacks/report/cost";
export type { CostReport, RecoveryPointsRow, TagCost, TagUsage, UsageFile, UsageResourceType } from "./stacks/report/cost";
export type { DrReportOptions } from "./stacks/report/dr-report";
export { USAGE_RESOURCE_TYPES } from "./stacks/report/cost";
export { objectivesSchema } from "./stacks/config/schema";
export type { ObjectivesConfig } from "./stacks/config/schema";

export { finishSynthOutput } from "./stacks/synth/synth-output";
export type { FinishedSynthOutput, SynthOutputSource } from "./stacks/synth/synth-output";

export { DEPLOY_ORDER_FILE, deployOrderOf, readDeployOrder, writeDeployOrder } from "./stacks/synth/deploy-order";
export type { DeployOrder, DeployOrderStack, StateLocation, StateRead } from "./stacks/synth/deploy-order";
export { changedStacks } from "./stacks/synth/changed";
export type { ChangedStack } from "./stacks/synth/changed";
export { HCP_WORKSPACES_FILE, WORKSPACE_TAG_KEYS, hcpWorkspacesOf, writeHcpWorkspaces } from "./stacks/synth/hcp-workspaces";
export type { HcpWorkspace, HcpWorkspaces, WorkspaceVariable } from "./stacks/synth/hcp-workspaces";
export { finishApp, synthesizeRollout, synthesizeRolloutAuto } from "./stacks/synth/synthesize";
export type { SynthesizedRollout, SynthesizedRolloutFiles } from "./stacks/synth/synthesize";
export { SYNTH_WORKERS_ENV } from "./stacks/synth/shards";

// The tools behind the backup-dr CLI, for use from code: Terraform checks of any synth output, the upgrade check, and
// the CI pipelines generated from a deploy order.
export { HarnessSetupError, PROVIDER_6X_ONLY_ATTRIBUTES, checkSynthOutput, selectProviderMode } from "./cli/harness/terraform-harness";
export type {
  ConfiguredResource,
  Diagnostic,
  HarnessOptions,
  PlannedModule,
  ProviderMode,
  ResourceChange,
  StackCheck,
  TerraformPlanJson,
} from "./cli/harness/terraform-harness";
export { PROTECTED_TYPES, buildBaseline, checkAgainstBaseline, compareSynthOutputs, formatReport as formatUpgradeReport } from "./cli/upgrade/upgrade-check";
export type {
  Baseline,
  BaselineStack,
  MovedSuggestion,
  StackResult,
  StackStatus,
  UpgradeCheckOptions,
  UpgradeFinding,
  UpgradeReport,
} from "./cli/upgrade/upgrade-check";
export { UpgradeCheckSetupError, runGitUpgradeCheck } from "./cli/upgrade/git-ref";
export type { GitUpgradeCheckOptions, GitUpgradeCheckResult } from "./cli/upgrade/git-ref";
export { GITHUB_MATRIX_LIMIT, GITLAB_MATRIX_LIMIT, githubWorkflow, gitlabPipeline } from "./cli/pipeline";
export type { PipelineOptions } from "./cli/pipeline";
