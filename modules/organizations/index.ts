export { DelegatedBackupAdministrator } from "./delegated-backup-administrator";
export type { DelegatedBackupAdministratorProps } from "./delegated-backup-administrator";
export { OrganizationBackupPolicy } from "./organization-backup-policy";
export type { BackupPolicyCopyAction, BackupPolicyPlan, BackupPolicyRule, OrganizationBackupPolicyProps } from "./organization-backup-policy";
export { OrganizationPrerequisites, enablePolicyTypeCommand, enableServiceAccessCommand } from "./organization-prerequisites";
export type { OrganizationPrerequisitesProps } from "./organization-prerequisites";
