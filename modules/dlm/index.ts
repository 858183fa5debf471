export { AmiPolicy } from "./ami-policy";
export type { AmiDailyWithCopyOptions, AmiPolicyProps } from "./ami-policy";
export { CrossAccountCopyPolicy } from "./cross-account-copy-policy";
export type { CrossAccountCopyAction, CrossAccountCopyPolicyProps, CrossAccountCopyTarget, SharedSnapshotCopyOptions } from "./cross-account-copy-policy";
export { DefaultPolicy } from "./default-policy";
export type { DefaultPolicyExclusions, DefaultPolicyPresetOptions, DefaultPolicyProps, DefaultPolicyResourceType } from "./default-policy";
export { DlmCreateRule } from "./dlm-create-rule";
export type { DlmCreateRuleOptions } from "./dlm-create-rule";
export type { DlmPolicyCommonProps, DlmPolicyState } from "./dlm-policy";
export { DlmRetainRule } from "./dlm-retain-rule";
export type { DlmCountOrAge } from "./dlm-retain-rule";
export { DlmSchedule } from "./dlm-schedule";
export type {
  DlmArchiveOptions,
  DlmCrossRegionCopyOptions,
  DlmDeprecateOptions,
  DlmFastRestoreOptions,
  DlmScheduleProps,
  DlmScriptOptions,
  DlmScriptStage,
  DlmShareOptions,
} from "./dlm-schedule";
export { DlmServiceRoles } from "./dlm-service-roles";
export type { DlmRolePurpose, DlmRoleSource, DlmServiceRolesProps, IDlmExecutionRole } from "./dlm-service-roles";
export { SnapshotPolicy } from "./snapshot-policy";
export type { DailyVolumesOptions, SnapshotPolicyProps, SnapshotPresetOptions, SnapshotResourceType } from "./snapshot-policy";
