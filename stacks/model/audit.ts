/**
 * Backup Audit Manager in the rollout: per member account and region the controls a framework evaluates, derived once
 * from the plans the region's resources get (whoever deploys them), which the member stacks build and the DR report
 * judges against; and the organization-wide half in the central (delegated administrator) account: the report bucket and
 * the report plans that cover every member account and region of the rollout.
 */
import { AwsCron } from "../../modules/core";
import { AuditControl, deriveControls } from "../../modules/core/rules/audit";
import type { RolloutConfig } from "../config/schema";
import { underscoreName } from "./naming";
import type { PlanSpec } from "./plans";
import type { VaultRef } from "./vaults";

/** The controls of one region of a member account: what a framework there evaluates. */
export interface RegionAuditModel {
  readonly region: string;
  /** The plans the region's resources get (member stack and Organizations policy alike), by name. */
  readonly plans: readonly string[];
  /** The controls, with the parameters every one of those plans meets as written. */
  readonly controls: readonly AuditControl[];
}

/** An organization-wide report plan of the central account. */
export interface OrganizationReportPlanModel {
  readonly name: string;
  readonly template: "BACKUP_JOB_REPORT" | "COPY_JOB_REPORT" | "RESTORE_JOB_REPORT" | "CONTROL_COMPLIANCE_REPORT" | "RESOURCE_COMPLIANCE_REPORT";
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

const JOB_TEMPLATES = [
  ["backup_jobs", "BACKUP_JOB_REPORT"],
  ["copy_jobs", "COPY_JOB_REPORT"],
  ["restore_jobs", "RESTORE_JOB_REPORT"],
] as const;

/**
 * Compliance reports across accounts take no framework ARNs (a framework belongs to one account and region): they
 * gather what the frameworks of each covered account and region report, so they cover where frameworks exist.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/working-with-audit-reports.html
 */
const COMPLIANCE_TEMPLATES = [
  ["control_compliance", "CONTROL_COMPLIANCE_REPORT"],
  ["resource_compliance", "RESOURCE_COMPLIANCE_REPORT"],
] as const;

/** What the controls need to know of a plan of `accountId`. */
function planFacts(plan: PlanSpec<VaultRef>, accountId: string) {
  const scheduled = plan.rules.flatMap((r) => r.copies);
  const landing = new Map([...plan.rules.map((r) => r.targetVault), ...scheduled.map((c) => c.vault)].map((v) => [v.arn, v]));
  return {
    rules: plan.rules.map((r) => ({
      gapMinutes: AwsCron.parse(r.schedule).frequency().maxGapMinutes,
      retentionDays: r.retentionDays,
      copyRetentionDays: r.copies.map((c) => c.retentionDays),
    })),
    lockBounds: [...landing.values()].flatMap((v) => (v.lockBounds ? [v.lockBounds] : [])),
    copyRegions: [...new Set(scheduled.map((c) => c.vault.region))].filter((r) => r !== plan.region).sort(),
    copyAccounts: [...new Set(scheduled.map((c) => c.vault.accountId))].filter((a) => a !== accountId).sort(),
  };
}

/**
 * The controls of each region of a member that holds backed-up resources: a framework evaluates the resources of its
 * own account and region, so each region gets controls derived from the plans that run there. Regions protected only by
 * DLM get none: every AWS Backup control would report their resources as not protected.
 */
export function regionAuditModels(
  accountId: string,
  regions: readonly string[],
  plans: readonly PlanSpec<VaultRef>[],
  deletionAllowedRoleArns: readonly string[],
): RegionAuditModel[] {
  return regions.flatMap((region) => {
    const here = plans.filter((p) => p.region === region);
    if (here.length === 0) return [];
    return [
      {
        region,
        plans: here.map((p) => p.name),
        controls: deriveControls(
          here.map((p) => planFacts(p, accountId)),
          { deletionAllowedRoleArns },
        ),
      },
    ];
  });
}

/**
 * The central audit of a rollout with `centralBackup.audit`: job reports over every member account and region, and
 * compliance reports over the accounts and regions that have frameworks. Reports across accounts or regions are
 * delivered as CSV only.
 */
export function centralAuditModel(
  config: RolloutConfig,
  members: readonly { accountId: string; regions: readonly string[]; auditRegions: readonly { region: string }[] }[],
): CentralAuditModel | undefined {
  const audit = config.centralBackup.audit;
  if (!audit) return undefined;
  const prefix = `${audit.reportPrefix ?? "backup-audit"}/organization`;
  const plan = (
    short: string,
    template: OrganizationReportPlanModel["template"],
    scope: typeof members,
    regionsOf: (m: (typeof members)[number]) => readonly string[],
  ) => ({
    name: underscoreName(config.name, "organization", short),
    template,
    accounts: [...new Set(scope.map((m) => m.accountId))],
    regions: [...new Set(scope.flatMap(regionsOf))],
    keyPrefix: prefix,
  });
  const audited = members.filter((m) => m.auditRegions.length > 0);
  return {
    reportBucket: audit.reportBucket,
    organizationId: config.organization.id,
    reportPlans: [
      ...JOB_TEMPLATES.map(([short, template]) => plan(short, template, members, (m) => m.regions)),
      ...(audited.length > 0
        ? COMPLIANCE_TEMPLATES.map(([short, template]) => plan(short, template, audited, (m) => m.auditRegions.map((a) => a.region)))
        : []),
    ],
  };
}
