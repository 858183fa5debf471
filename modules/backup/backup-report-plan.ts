import { Construct } from "constructs";
import { BackupReportPlan as BackupReportPlanResource } from "@cdktf/provider-aws/lib/backup-report-plan";
import { TerraformProvider } from "../core/cdktf";
import { Tags, Validator } from "../core";
import { checkTags } from "../core/private/tags";
import { isUnresolved } from "../core/private/errors";
import { AUDIT_NAME_PATTERN } from "./private/patterns";
import { BackupAuditFramework } from "./backup-audit";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/**
 * What a report plan reports: jobs of the last 24 hours, or compliance with frameworks.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/create-report-plan-api.html
 */
export const REPORT_TEMPLATES = [
  "BACKUP_JOB_REPORT",
  "COPY_JOB_REPORT",
  "RESTORE_JOB_REPORT",
  "RESOURCE_COMPLIANCE_REPORT",
  "CONTROL_COMPLIANCE_REPORT",
] as const;
export type ReportTemplate = (typeof REPORT_TEMPLATES)[number];
/** Templates that report compliance with frameworks, and so need framework ARNs. */
export const COMPLIANCE_REPORT_TEMPLATES: readonly ReportTemplate[] = ["RESOURCE_COMPLIANCE_REPORT", "CONTROL_COMPLIANCE_REPORT"];
export type ReportFormat = "CSV" | "JSON";

/** Where and how reports are delivered. */
export interface ReportDelivery {
  /** The S3 bucket the reports are written to; its policy must let AWS Backup Audit Manager write. */
  readonly s3BucketName: string;
  /** The key prefix, without leading or trailing slash. @default no prefix */
  readonly s3KeyPrefix?: string;
  /** The file formats; reports across accounts or regions are CSV only. @default ["CSV", "JSON"], or ["CSV"] across accounts or regions */
  readonly formats?: readonly ReportFormat[];
}

export interface BackupReportPlanProps extends ReportDelivery {
  /** The report plan's name: starts with a letter, then letters, digits, underscores; 1-256 characters. */
  readonly reportPlanName: string;
  /** What the report covers. */
  readonly reportTemplate: ReportTemplate;
  /**
   * The frameworks a compliance report of this account covers (framework or ARN); only for compliance templates. A
   * compliance report across accounts names none: it gathers the frameworks of each account and region it covers.
   * @default none
   */
  readonly frameworks?: readonly (BackupAuditFramework | string)[];
  /** A description. @default none */
  readonly description?: string;
  /** Organization-wide reports (from the management or delegated administrator account): the accounts covered, or `ROOT`. @default this account */
  readonly accounts?: readonly string[];
  /** Organization-wide reports: the OUs covered. @default none */
  readonly organizationUnits?: readonly string[];
  /** Compliance reports: how many frameworks the report covers (instead of naming them). @default the frameworks named */
  readonly numberOfFrameworks?: number;
  /** The regions covered. @default this region */
  readonly regions?: readonly string[];
  /** Tags on the report plan. @default none */
  readonly tags?: Tags;
  /** The provider (region alias). @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const S3_BUCKET = /^(?!xn--)(?!.*-s3alias$)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const FRAMEWORK_ARN = /^arn:aws(-[a-z]+)*:backup:[a-z]{2}(-[a-z]+)+-\d:\d{12}:framework:.+$/;

/**
 * An AWS Backup Audit Manager report plan: one report template, delivered daily to an S3 bucket.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_CreateReportPlan.html
 */
export class BackupReportPlan extends Construct {
  /** A daily control compliance report of a framework. */
  static controlCompliance(
    scope: Construct,
    id: string,
    props: ReportDelivery & { readonly framework: BackupAuditFramework; readonly reportPlanName?: string },
  ): BackupReportPlan {
    return new BackupReportPlan(scope, id, {
      ...props,
      reportPlanName: props.reportPlanName ?? `${props.framework.frameworkName}_control_compliance`,
      reportTemplate: "CONTROL_COMPLIANCE_REPORT",
      frameworks: [props.framework],
    });
  }

  /** A daily report of backup jobs. */
  static backupJobs(scope: Construct, id: string, props: ReportDelivery & { readonly reportPlanName: string }): BackupReportPlan {
    return new BackupReportPlan(scope, id, { ...props, reportTemplate: "BACKUP_JOB_REPORT" });
  }

  public readonly resource: BackupReportPlanResource;
  public readonly reportPlanName: string;
  /** The report plan's ARN (a token). */
  public readonly reportPlanArn: string;

  constructor(scope: Construct, id: string, props: BackupReportPlanProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("reportPlanName", props.reportPlanName);
    v.matches(
      "reportPlanName",
      props.reportPlanName,
      AUDIT_NAME_PATTERN,
      awsRejects("report plan names other than 1-256 letters, digits and underscores starting with a letter"),
    );
    v.check(
      (REPORT_TEMPLATES as readonly string[]).includes(props.reportTemplate),
      "reportTemplate",
      props.reportTemplate,
      awsRejects(`report templates other than ${REPORT_TEMPLATES.join(", ")}`),
    );
    v.required("s3BucketName", props.s3BucketName);
    v.matches("s3BucketName", props.s3BucketName, S3_BUCKET, awsRejects("bucket names other than 3-63 lowercase letters, digits, dots, hyphens"));
    v.matches(
      "s3KeyPrefix",
      props.s3KeyPrefix,
      /^[^/].{0,1022}[^/]$|^[^/]$/,
      awsRejects("key prefixes that start or end with a slash"),
      "AWS Backup adds /Backup/<region>/<date>/ after the prefix",
    );
    // AWS delivers a report that covers other accounts or regions as CSV only.
    // @see https://docs.aws.amazon.com/aws-backup/latest/devguide/working-with-audit-reports.html
    const organizationWide = (props.accounts?.length ?? 0) > 0 || (props.organizationUnits?.length ?? 0) > 0;
    const crossScope = organizationWide || (props.regions?.length ?? 0) > 0;
    const formats = props.formats ?? (crossScope ? ["CSV"] : ["CSV", "JSON"]);
    v.check(formats.length > 0, "formats", formats, libraryNeeds("at least one format (leave formats out for the default)"));
    v.check(
      !crossScope || !formats.includes("JSON"),
      "formats",
      formats,
      awsRejects("JSON for a report over accounts, organizational units or regions: it is delivered as CSV only"),
      'use ["CSV"], or leave accounts, organizationUnits and regions out for a report of this account and region',
    );
    formats.forEach((f, i) => v.check(f === "CSV" || f === "JSON", `formats[${i}]`, f, awsRejects('formats other than "CSV" and "JSON"')));
    v.check(new Set(formats).size === formats.length, "formats", formats, libraryRejects("a format listed twice"));
    const frameworks = props.frameworks ?? [];
    const arns = frameworks.map((f) => (typeof f === "string" ? f : f?.frameworkArn));
    arns.forEach((a, i) => {
      if (typeof frameworks[i] === "string" && !isUnresolved(a))
        v.matches(
          `frameworks[${i}]`,
          a,
          FRAMEWORK_ARN,
          awsRejects("anything but a backup framework ARN arn:<partition>:backup:<region>:<account>:framework:<name-id> here"),
        );
    });
    const compliance = COMPLIANCE_REPORT_TEMPLATES.includes(props.reportTemplate);
    v.check(
      !compliance || organizationWide || frameworks.length > 0,
      "frameworks",
      props.frameworks,
      awsRejects(`a ${props.reportTemplate} report without frameworks: it reports compliance with frameworks, so name at least one`),
    );
    // AWS refuses framework ARNs on a report over several accounts (a framework is one account's, in one region).
    // @see https://github.com/hashicorp/terraform-provider-aws/issues/32235
    v.check(
      !organizationWide || frameworks.length === 0,
      "frameworks",
      arns,
      awsRejects("framework ARNs on a compliance report over accounts or organizational units: it covers the frameworks of each account and region it names"),
      "remove frameworks, and create a framework in each covered account and region",
    );
    v.check(
      compliance || frameworks.length === 0,
      "frameworks",
      arns,
      awsRejects(
        `frameworks on a ${props.reportTemplate} report: only compliance reports (${COMPLIANCE_REPORT_TEMPLATES.join(", ")}) cover frameworks, and ${props.reportTemplate} reports jobs`,
      ),
      "remove frameworks, or use a compliance template",
    );
    v.check(
      props.description === undefined || props.description.length <= 1024,
      "description",
      props.description,
      awsRejects("descriptions longer than 1024 characters"),
    );
    (props.accounts ?? []).forEach((a, i) =>
      v.matches(`accounts[${i}]`, a, /^(\d{12}|ROOT)$/, awsRejects("accounts other than 12-digit account IDs and ROOT")),
    );
    (props.organizationUnits ?? []).forEach((o, i) =>
      v.matches(
        `organizationUnits[${i}]`,
        o,
        /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/,
        awsRejects("organizational units other than OU IDs such as ou-ab12-11111111"),
      ),
    );
    v.intInRange("numberOfFrameworks", props.numberOfFrameworks, 1, 1000, "", "aws");
    checkTags(v, "tags", props.tags);
    v.throwIfAny();

    this.reportPlanName = props.reportPlanName;
    this.resource = new BackupReportPlanResource(this, "Resource", {
      name: props.reportPlanName,
      description: props.description,
      reportDeliveryChannel: { s3BucketName: props.s3BucketName, s3KeyPrefix: props.s3KeyPrefix, formats: [...formats] },
      reportSetting: {
        reportTemplate: props.reportTemplate,
        frameworkArns: arns.length ? arns : undefined,
        numberOfFrameworks: props.numberOfFrameworks,
        accounts: props.accounts?.length ? [...props.accounts] : undefined,
        organizationUnits: props.organizationUnits?.length ? [...props.organizationUnits] : undefined,
        regions: props.regions?.length ? [...props.regions] : undefined,
      },
      tags: props.tags,
      provider: props.provider,
    });
    this.reportPlanArn = this.resource.arn;
  }
}
