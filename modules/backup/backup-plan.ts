import { Construct } from "constructs";
import { BackupPlan as BackupPlanResource } from "@cdktf/provider-aws/lib/backup-plan";
import { Annotations, Fn, TerraformProvider, TerraformResource, TerraformStack, Token } from "../core/cdktf";
import { BackupSelection, BackupSelectionProps } from "./backup-selection";
import { AwsEnvironment, Retention, Tags, Validator } from "../core";
import { warnDeprecated } from "../core/private/deprecation";
import { checkTags } from "../core/private/tags";
import { formatProblem, isUnresolved } from "../core/private/errors";
import { checkRoleArn } from "../core/private/aws";
import { BackupLifecycle, BackupRule, BackupRuleProps, CopyActionProps, MALWARE_SCANNERS, MalwareScanner } from "./backup-rule";
import { IBackupServiceRole } from "./backup-service-role";
import { RULE_NAME_PATTERN } from "./private/patterns";
import { Schedule } from "./schedule";
import { IBackupVault } from "./vault";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

/**
 * An advanced backup setting as AWS takes it. The only one AWS Backup has is Windows VSS for EC2.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_AdvancedBackupSetting.html
 */
export interface AdvancedBackupSetting {
  /** The resource type; only "EC2" is valid. */
  readonly resourceType: string;
  /** The options; only `{ WindowsVSS: "enabled" | "disabled" }` is valid. */
  readonly backupOptions: { readonly [option: string]: string };
}

/**
 * How a plan's malware scans run: which scanner, on which resource types, with which role.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/malware-protection.html
 */
export interface ScanSettingProps {
  /** The scanner. @default "GUARDDUTY" */
  readonly malwareScanner?: MalwareScanner;
  /** The resource types scanned: some of EBS, EC2, S3, or `["ALL"]`. */
  readonly resourceTypes: readonly string[];
  /** The role the scanner assumes (trusted by `malware-protection.guardduty.amazonaws.com`), or its ARN. */
  readonly scannerRole: IBackupServiceRole | string;
}

const SCAN_RESOURCE_TYPES: readonly string[] = ["ALL", "EBS", "EC2", "S3"];

export interface BackupPlanProps {
  /** The plan's name: 1-50 letters, digits, hyphens, underscores, periods. */
  readonly planName: string;
  /** The rules; more can be added with `addRule`. A plan needs at least one before synthesis. @default none */
  readonly rules?: readonly BackupRuleProps[];
  /**
   * Take application-consistent (VSS) backups of Windows EC2 instances. Set it only on plans meant for EC2: it emits
   * `advanced_backup_setting { resource_type = "EC2", backup_options = { WindowsVSS = "enabled" } }`. @default false
   */
  readonly windowsVss?: boolean;
  /** Advanced backup settings written out; only EC2 WindowsVSS exists. Prefer `windowsVss`. @default none */
  readonly advancedBackupSettings?: readonly AdvancedBackupSetting[];
  /** Malware scan settings of the plan, one per scanner; rules with `scanActions` need the one of their scanner. @default none */
  readonly scanSettings?: readonly ScanSettingProps[];
  /** Tags on the plan. @default none */
  readonly tags?: Tags;
  /** The provider (region alias) of the plan; its region is the region of the rules' target vaults. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** What every preset takes. */
export interface BackupPlanPresetProps {
  /** The vault recovery points are stored in. */
  readonly vault: IBackupVault;
  /** The plan's name. @default the construct ID */
  readonly planName?: string;
  /** When the rule runs. @default the preset's schedule, at 05:00 UTC */
  readonly schedule?: Schedule;
  /** Copies into other regions or accounts. @default none */
  readonly copyActions?: readonly CopyActionProps[];
  /** Windows VSS for EC2 (only on plans meant for EC2). @default false */
  readonly windowsVss?: boolean;
  /** Tags on each recovery point. @default none */
  readonly recoveryPointTags?: Tags;
  /** Tags on the plan. @default none */
  readonly tags?: Tags;
  /** The provider (region alias) of the plan. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

/** A backup plan, created here or elsewhere. */
export interface IBackupPlan {
  /** The plan's ID, as selections reference it. */
  readonly planId: string;
}

const WINDOWS_VSS_VALUES = ["enabled", "disabled"];
const PLAN_ARN = /^arn:aws(-[a-z]+)*:backup:[a-z]{2}(-[a-z]+)+-\d:\d{12}:backup-plan:[A-Za-z0-9-]{1,}$/;

/**
 * An AWS Backup plan: rules that say when to back up, into which vault, how long to keep recovery points and where
 * to copy them. Every rule is checked when it is added; a plan without rules is refused at synthesis.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html
 */
export class BackupPlan extends Construct implements IBackupPlan {
  /** Daily at 05:00 UTC, kept 35 days. */
  static daily35DayRetention(scope: Construct, id: string, props: BackupPlanPresetProps): BackupPlan {
    return BackupPlan.preset(scope, id, props, "daily", Schedule.daily(5), { deleteAfter: Retention.days(35) });
  }

  /** Weekly on Sunday at 05:00 UTC, kept 13 weeks (91 days). */
  static weekly13WeekRetention(scope: Construct, id: string, props: BackupPlanPresetProps): BackupPlan {
    return BackupPlan.preset(scope, id, props, "weekly", Schedule.weekly("SUN", 5), { deleteAfter: Retention.weeks(13) });
  }

  /** Monthly on the 1st at 05:00 UTC, in cold storage after 90 days, kept a year (365 days). */
  static monthly1YearRetention(scope: Construct, id: string, props: BackupPlanPresetProps): BackupPlan {
    return BackupPlan.preset(scope, id, props, "monthly", Schedule.monthly(1, 5), { coldStorageAfter: Retention.days(90), deleteAfter: Retention.days(365) });
  }

  /** Refers to an existing plan by ID (e.g. a plan of another stack), for selections. */
  static fromPlanId(planId: string): IBackupPlan {
    new Validator("BackupPlan.fromPlanId").required("planId", planId).throwIfAny();
    return { planId };
  }

  /** Refers to an existing plan by ARN `arn:<partition>:backup:<region>:<account>:backup-plan:<id>`, for selections. */
  static fromPlanArn(planArn: string): IBackupPlan {
    if (isUnresolved(planArn)) return { planId: Token.asString(Fn.element(Fn.split(":", planArn), 6)) };
    const v = new Validator("BackupPlan.fromPlanArn");
    v.matches(
      "planArn",
      planArn,
      PLAN_ARN,
      awsRejects("anything but a backup-plan ARN arn:<partition>:backup:<region>:<12-digit account>:backup-plan:<id> here"),
    );
    v.throwIfAny();
    return { planId: planArn.slice(planArn.lastIndexOf(":") + 1) };
  }

  private static preset(scope: Construct, id: string, p: BackupPlanPresetProps, ruleName: string, schedule: Schedule, lifecycle: BackupLifecycle): BackupPlan {
    return new BackupPlan(scope, id, {
      planName: p.planName ?? id,
      windowsVss: p.windowsVss,
      tags: p.tags,
      provider: p.provider,
      rules: [
        {
          ruleName,
          targetVault: p.vault,
          schedule: p.schedule ?? schedule,
          lifecycle,
          recoveryPointTags: p.recoveryPointTags,
          copyActions: p.copyActions,
        },
      ],
    });
  }

  public readonly resource: BackupPlanResource;
  public readonly planName: string;
  /** The plan's ID (a token). */
  public readonly planId: string;
  /** The plan's ARN (a token). */
  public readonly planArn: string;
  /** The plan's version (a token): it changes whenever the plan changes. */
  public readonly planVersion: string;
  /** The plan is for EC2 with Windows VSS. */
  public readonly windowsVss: boolean;
  private readonly ruleList: BackupRule[] = [];
  private readonly scanSettings: readonly { readonly malwareScanner: string }[];
  private readonly provider?: TerraformProvider;
  private readonly dependencies = new Set<TerraformResource>();
  private readonly providerRegion?: string;

  constructor(scope: Construct, id: string, props: BackupPlanProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("planName", props.planName);
    v.matches("planName", props.planName, RULE_NAME_PATTERN, awsRejects("plan names other than 1-50 letters, digits, hyphens, underscores and periods"));
    checkTags(v, "tags", props.tags);
    (props.advancedBackupSettings ?? []).forEach((s, i) => checkAdvancedSetting(v, `advancedBackupSettings[${i}]`, s));
    v.check(
      !(props.windowsVss && props.advancedBackupSettings?.length),
      "advancedBackupSettings",
      props.advancedBackupSettings,
      libraryNeeds("one of windowsVss and advancedBackupSettings, not both: windowsVss already sets the only advanced backup setting"),
      "use one of windowsVss and advancedBackupSettings",
    );
    const scanSettings = (props.scanSettings ?? []).map((s, i) => {
      const sf = `scanSettings[${i}]`;
      const scanner = s?.malwareScanner ?? "GUARDDUTY";
      v.check(MALWARE_SCANNERS.includes(scanner), `${sf}.malwareScanner`, scanner, awsRejects(`scanners other than ${MALWARE_SCANNERS.join(", ")}`));
      const types = s?.resourceTypes ?? [];
      v.check(types.length > 0, `${sf}.resourceTypes`, types, awsRejects(`a scan setting without resource types (${SCAN_RESOURCE_TYPES.join(", ")})`));
      types.forEach((t, j) =>
        v.check(
          SCAN_RESOURCE_TYPES.includes(t),
          `${sf}.resourceTypes[${j}]`,
          t,
          awsRejects(`scan resource types other than ${SCAN_RESOURCE_TYPES.join(", ")}`),
        ),
      );
      v.check(
        !types.includes("ALL") || types.length === 1,
        `${sf}.resourceTypes`,
        types,
        libraryRejects('"ALL" together with other types: it already names every type, so list it alone'),
      );
      const roleArn = typeof s?.scannerRole === "string" ? s.scannerRole : s?.scannerRole?.roleArn;
      v.required(`${sf}.scannerRole`, roleArn, awsRejects("a scan setting without the role the scanner assumes"));
      checkRoleArn(v, `${sf}.scannerRole`, roleArn);
      return { malwareScanner: scanner, resourceTypes: [...types], scannerRoleArn: roleArn! };
    });
    const scanners = scanSettings.map((s) => s.malwareScanner);
    v.check(
      new Set(scanners).size === scanners.length,
      "scanSettings",
      scanners,
      libraryRejects("a scanner listed twice: scanSettings has one entry per scanner"),
    );
    v.throwIfAny();

    this.planName = props.planName;
    this.scanSettings = scanSettings;
    this.provider = props.provider;
    this.windowsVss = props.windowsVss === true || (props.advancedBackupSettings ?? []).some((s) => s.backupOptions.WindowsVSS === "enabled");
    const advanced = props.windowsVss
      ? [{ resourceType: "EC2", backupOptions: { WindowsVSS: "enabled" } }]
      : (props.advancedBackupSettings ?? []).map((s) => ({ resourceType: s.resourceType, backupOptions: { ...s.backupOptions } }));
    this.resource = new BackupPlanResource(this, "Resource", {
      name: props.planName,
      rule: [],
      advancedBackupSetting: advanced.length ? advanced : undefined,
      scanSetting: scanSettings.length ? scanSettings : undefined,
      tags: props.tags,
      provider: props.provider,
    });
    const region = (props.provider as { region?: unknown } | undefined)?.region;
    this.providerRegion = typeof region === "string" && !isUnresolved(region) ? region : undefined;
    this.planId = this.resource.id;
    this.planArn = this.resource.arn;
    this.planVersion = this.resource.version;

    this.node.addValidation({
      validate: () =>
        this.ruleList.length > 0
          ? []
          : [
              formatProblem({
                where: this.node.path,
                field: "rules",
                value: [],
                rule: awsRejects("a backup plan without rules"),
                fix: "pass rules or call addRule",
              }),
            ],
    });
    (props.rules ?? []).forEach((r) => this.addRule(r));
  }

  /** The rules, in the order they were added. */
  get rules(): readonly BackupRule[] {
    return this.ruleList;
  }

  /** The account, region and partition the plan runs in (those of its rules' target vaults); undefined while it has no rules. */
  get env(): Required<AwsEnvironment> | undefined {
    return this.ruleList[0]?.targetVault.env;
  }

  /** Adds a rule, checking it against the rules already in the plan. */
  addRule(props: BackupRuleProps): BackupRule {
    const field = `rules[${this.ruleList.length}]`;
    const rule = new BackupRule(props, this.node.path, field);
    const v = new Validator(this.node.path);
    v.check(
      !this.ruleList.some((r) => r.ruleName === rule.ruleName),
      `${field}.ruleName`,
      rule.ruleName,
      awsRejects("two rules of one plan with the same name, and this is already the name of another rule of this plan"),
    );
    if (this.providerRegion !== undefined) {
      v.check(
        rule.targetVault.env.region === this.providerRegion,
        `${field}.targetVault`,
        rule.targetVault.vaultArn,
        awsRejects(`target vaults outside the region of the plan's provider (${this.providerRegion}): a plan backs up into vaults of its own region`),
        "create the plan with the provider of the vault's region, or copy to this vault with copyActions",
      );
    }
    const env = this.env;
    if (env) {
      const t = rule.targetVault.env;
      v.check(
        t.accountId === env.accountId && t.region === env.region && t.partition === env.partition,
        `${field}.targetVault`,
        rule.targetVault.vaultArn,
        awsRejects(
          `target vaults outside the plan's account and region (${env.accountId}, ${env.region}), where the other rules' vaults are: a plan backs up into vaults of its own region`,
        ),
        "use copyActions to reach vaults in other regions or accounts",
      );
    }
    rule.scanActions.forEach((s, i) =>
      v.check(
        this.scanSettings.some((x) => x.malwareScanner === s.malwareScanner),
        `${field}.scanActions[${i}].malwareScanner`,
        s.malwareScanner,
        awsRejects("a scan action whose scanner has no scan setting in the plan: the scan runs with that setting's role and resource types"),
        "add scanSettings for this scanner to the plan",
      ),
    );
    v.throwIfAny();
    warnDeprecated(this, rule.deprecatedProps);
    for (const c of rule.copyActions) {
      // Only for a destination given as a bare token ARN: a vault reference (even with a token ARN) states its bounds.
      if (isUnresolved(c.destination.env.region) && !c.destination.lockBounds) {
        // Said once per copy: a locked destination whose bounds this plan cannot see fails every copy job silently.
        Annotations.of(this).addInfo(
          `${field}: copy destination ${c.destination.vaultArn} is known only at apply time, so its lock bounds (if it is locked) are not checked; ` +
            "pass BackupVault.fromVaultArn(arn, lockBounds) to have them checked",
        );
      }
    }
    this.ruleList.push(rule);
    for (const vault of [rule.targetVault, ...rule.copyActions.map((c) => c.destination)]) this.dependOn(vault);
    this.resource.putRule(this.ruleList.map((r) => r.toBlock()));
    return rule;
  }

  /** Assigns resources to this plan: a `BackupSelection` of this plan, created in the plan's scope with its provider. */
  addSelection(id: string, props: Omit<BackupSelectionProps, "plan">): BackupSelection {
    return new BackupSelection(this, id, { provider: this.provider, ...props, plan: this });
  }

  /** Days of the shortest retention of any recovery point or copy the plan makes; `Infinity` when all are kept forever. */
  shortestRetentionDays(): number {
    return Math.min(...this.ruleList.flatMap((r) => [r.retentionDays, ...r.copyActions.map((c) => c.retentionDays)]));
  }

  /** Every vault the plan's recovery points and copies land in, by ARN. */
  vaults(): IBackupVault[] {
    const all = new Map<string, IBackupVault>();
    for (const r of this.ruleList) {
      all.set(r.targetVault.vaultArn, r.targetVault);
      for (const c of r.copyActions) all.set(c.destination.vaultArn, c.destination);
    }
    return [...all.values()];
  }

  /** Regions other than the plan's own that copies go to, sorted. */
  copyRegions(): string[] {
    const own = this.env?.region;
    return [...new Set(this.ruleList.flatMap((r) => r.copyActions.map((c) => c.destination.env.region)))].filter((r) => r !== own).sort();
  }

  /** Accounts other than the plan's own that copies go to, sorted. */
  copyAccounts(): string[] {
    const own = this.env?.accountId;
    return [...new Set(this.ruleList.flatMap((r) => r.copyActions.map((c) => c.destination.env.accountId)))].filter((a) => a !== own).sort();
  }

  /** Makes the plan wait for a vault created in the same stack, whose name and ARN it names literally. */
  private dependOn(vault: IBackupVault): void {
    const res = (vault as { resource?: unknown }).resource;
    if (!(vault instanceof Construct) || !TerraformResource.isTerraformResource(res)) return;
    if (TerraformStack.of(vault) !== TerraformStack.of(this) || this.dependencies.has(res)) return;
    this.dependencies.add(res);
    // depends_on takes bare addresses; an fqn token would render as an interpolation, which Terraform refuses there.
    this.resource.addOverride(
      "depends_on",
      [...this.dependencies].map((d) => `${d.terraformResourceType}.${d.friendlyUniqueId}`),
    );
  }
}

function checkAdvancedSetting(v: Validator, field: string, s: AdvancedBackupSetting): void {
  const options = s?.backupOptions ?? {};
  const keys = Object.keys(options);
  v.check(
    s?.resourceType === "EC2",
    `${field}.resourceType`,
    s?.resourceType,
    awsRejects('advanced backup settings for resource types other than "EC2" (Windows VSS, the only one, is for EC2)'),
    "remove the setting from plans that are not for EC2 instances",
  );
  v.check(
    keys.length === 1 && keys[0] === "WindowsVSS" && WINDOWS_VSS_VALUES.includes(options.WindowsVSS),
    `${field}.backupOptions`,
    options,
    awsRejects('backup options other than { WindowsVSS: "enabled" } or { WindowsVSS: "disabled" }'),
  );
}
