/**
 * The organization-wide half of Backup Audit Manager: the report bucket in the central (delegated administrator)
 * account and the report plans there that cover every member account and region of the rollout.
 */
import type { RolloutConfig } from "../config/schema";
import { underscoreName } from "./naming";

/** An organization-wide job report plan of the central account. */
export interface OrganizationReportPlanModel {
  readonly name: string;
  readonly template: "BACKUP_JOB_REPORT" | "COPY_JOB_REPORT" | "RESTORE_JOB_REPORT";
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  readonly keyPrefix: string;
}

export interface CentralAuditModel {
  /** The bucket every report plan of the rollout delivers to, created in the central account's primary region. */
  readonly reportBucket: string;
  /** The organization whose report plans may deliver to the bucket. */
  readonly organizationId: string;
  readonly reportPlans: readonly OrganizationReportPlanModel[];
}

const TEMPLATES = [
  ["backup_jobs", "BACKUP_JOB_REPORT"],
  ["copy_jobs", "COPY_JOB_REPORT"],
  ["restore_jobs", "RESTORE_JOB_REPORT"],
] as const;

/** The central audit of a rollout with `centralBackup.audit`, over the given members' accounts and regions. */
export function centralAuditModel(config: RolloutConfig, members: readonly { accountId: string; regions: readonly string[] }[]): CentralAuditModel | undefined {
  const audit = config.centralBackup.audit;
  if (!audit) return undefined;
  const accounts = [...new Set(members.map((m) => m.accountId))];
  const regions = [...new Set(members.flatMap((m) => m.regions))];
  const prefix = audit.reportPrefix ?? "backup-audit";
  return {
    reportBucket: audit.reportBucket,
    organizationId: config.organization.id,
    reportPlans: TEMPLATES.map(([short, template]) => ({
      name: underscoreName(config.name, "organization", short),
      template,
      accounts,
      regions,
      keyPrefix: `${prefix}/organization`,
    })),
  };
}
