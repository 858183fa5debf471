/** What the organization must have before the management stack applies: checked at plan time, never changed by the rollout. */
export interface OrganizationPrerequisitesModel {
  /** The organization's root. */
  readonly rootId: string;
  /** Policy types that must be enabled on the root: BACKUP_POLICY when the stack attaches backup policies. */
  readonly policyTypes: readonly string[];
  /** Service principals that need trusted access: AWS Backup's when the stack registers a delegated administrator. */
  readonly servicePrincipals: readonly string[];
}

export function organizationPrerequisites(rootId: string, attachesBackupPolicies: boolean, delegatesAdministrator: boolean): OrganizationPrerequisitesModel {
  return {
    rootId,
    policyTypes: attachesBackupPolicies ? ["BACKUP_POLICY"] : [],
    servicePrincipals: delegatesAdministrator ? ["backup.amazonaws.com"] : [],
  };
}
