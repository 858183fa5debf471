import { Construct } from "constructs";
import { BackupRestoreTestingPlan } from "@cdktf/provider-aws/lib/backup-restore-testing-plan";
import { TerraformProvider } from "../core/cdktf";
import { Duration, Tags, Validator } from "../core";
import { checkBackupVaultArn } from "../core/private/aws";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { durationIn } from "../core/private/duration";
import { checkTags } from "../core/private/tags";
import { Schedule } from "./schedule";
import { RESTORE_TESTING_NAME_PATTERN } from "./private/patterns";
import { IBackupVault } from "./vault";
import { awsRejects, libraryNeeds, libraryRejects } from "../core/rules/authority";

export type RestoreTestingAlgorithm = "LATEST_WITHIN_WINDOW" | "RANDOM_WITHIN_WINDOW";
export type RecoveryPointType = "CONTINUOUS" | "SNAPSHOT";

/**
 * Which recovery points a restore test picks.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingRecoveryPointSelection.html
 */
export interface RecoveryPointSelection {
  /** The latest or a random recovery point within the window. @default "LATEST_WITHIN_WINDOW" */
  readonly algorithm?: RestoreTestingAlgorithm;
  /** The vaults recovery points are picked from (vaults or vault ARNs), or `["*"]` for every vault. */
  readonly includeVaults: readonly (IBackupVault | string)[];
  /** Vaults left out. @default none */
  readonly excludeVaults?: readonly (IBackupVault | string)[];
  /** Snapshot and/or continuous (point-in-time) recovery points. @default ["SNAPSHOT"] */
  readonly recoveryPointTypes?: readonly RecoveryPointType[];
  /** How far back recovery points are picked from: 1-365 whole days, e.g. `Duration.days(7)`. @default Duration.days(30) */
  readonly selectionWindow?: Duration;
  /** @deprecated use `selectionWindow: Duration.days(n)`; this field is removed in the next minor version. */
  readonly selectionWindowDays?: number;
}

export interface RestoreTestingPlanProps {
  /** The plan's name: 1-50 letters, digits and underscores. Changing it replaces the plan. */
  readonly planName: string;
  /** When restore tests run. */
  readonly schedule: Schedule;
  /** Time after the scheduled time within which a test must start: 1-168 whole hours, e.g. `Duration.hours(24)`. @default Duration.hours(24) */
  readonly startWindow?: Duration;
  /** @deprecated use `startWindow: Duration.hours(n)`; this field is removed in the next minor version. */
  readonly startWindowHours?: number;
  /** Which recovery points are restored. */
  readonly recoveryPointSelection: RecoveryPointSelection;
  /** Tags on the plan. @default none */
  readonly tags?: Tags;
  /** The provider (region alias) of the vaults' region. @default the stack's default provider */
  readonly provider?: TerraformProvider;
}

const ALGORITHMS: readonly string[] = ["LATEST_WITHIN_WINDOW", "RANDOM_WITHIN_WINDOW"];
const POINT_TYPES: readonly string[] = ["CONTINUOUS", "SNAPSHOT"];

/**
 * An AWS Backup restore testing plan: on a schedule, restores recovery points picked from the given vaults, so backups
 * are known to restore. Add a `RestoreTestingSelection` per resource type to test.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html
 */
export class RestoreTestingPlan extends Construct {
  /** Weekly on Sunday at 06:00 UTC, the latest snapshot of the last week from the given vaults. */
  static weeklyLatest(
    scope: Construct,
    id: string,
    props: { readonly planName: string; readonly vaults: readonly (IBackupVault | string)[]; readonly provider?: TerraformProvider },
  ): RestoreTestingPlan {
    return new RestoreTestingPlan(scope, id, {
      planName: props.planName,
      schedule: Schedule.weekly("SUN", 6),
      recoveryPointSelection: { includeVaults: props.vaults, selectionWindow: Duration.days(7) },
      provider: props.provider,
    });
  }

  public readonly resource: BackupRestoreTestingPlan;
  public readonly planName: string;
  /** The plan's ARN (a token). */
  public readonly planArn: string;

  constructor(scope: Construct, id: string, props: RestoreTestingPlanProps) {
    super(scope, id);
    const v = new Validator(this.node.path);
    v.required("planName", props.planName);
    v.matches(
      "planName",
      props.planName,
      RESTORE_TESTING_NAME_PATTERN,
      awsRejects("restore testing plan names other than 1-50 letters, digits and underscores"),
    );
    v.check(props.schedule instanceof Schedule, "schedule", props.schedule, libraryNeeds("a Schedule"), 'e.g. Schedule.weekly("SUN", 6)');
    const uses: DeprecatedPropUse[] = [];
    const start = pickRenamed(v, uses, {
      field: "startWindow",
      value: props.startWindow,
      oldField: "startWindowHours",
      oldValue: props.startWindowHours,
      fromOld: Duration.hours,
    });
    const startHours = start.value === undefined ? undefined : durationIn(v, start.field, start.value, "HOURS", "AWS Backup");
    if (startHours !== undefined) v.check(startHours >= 1 && startHours <= 168, start.field, start.given, awsRejects("start windows outside 1 to 168 hours"));
    const sel = props.recoveryPointSelection;
    v.check(sel !== undefined && sel !== null, "recoveryPointSelection", sel, awsRejects("a restore testing plan without a recovery point selection"));
    const algorithm = sel?.algorithm ?? "LATEST_WITHIN_WINDOW";
    v.check(ALGORITHMS.includes(algorithm), "recoveryPointSelection.algorithm", algorithm, awsRejects(`algorithms other than ${ALGORITHMS.join(", ")}`));
    const types = sel?.recoveryPointTypes ?? ["SNAPSHOT"];
    v.check(
      types.length > 0,
      "recoveryPointSelection.recoveryPointTypes",
      types,
      awsRejects("a recovery point selection without recovery point types (CONTINUOUS, SNAPSHOT)"),
    );
    types.forEach((t, i) =>
      v.check(
        POINT_TYPES.includes(t),
        `recoveryPointSelection.recoveryPointTypes[${i}]`,
        t,
        awsRejects(`recovery point types other than ${POINT_TYPES.join(", ")}`),
      ),
    );
    v.check(new Set(types).size === types.length, "recoveryPointSelection.recoveryPointTypes", types, libraryRejects("a type listed twice"));
    const window = pickRenamed(v, uses, {
      field: "recoveryPointSelection.selectionWindow",
      value: sel?.selectionWindow,
      oldField: "recoveryPointSelection.selectionWindowDays",
      oldValue: sel?.selectionWindowDays,
      fromOld: Duration.days,
    });
    const windowDays = window.value === undefined ? undefined : durationIn(v, window.field, window.value, "DAYS", "AWS Backup");
    if (windowDays !== undefined)
      v.check(windowDays >= 1 && windowDays <= 365, window.field, window.given, awsRejects("selection windows outside 1 to 365 days"));
    const include = vaultArns(v, "recoveryPointSelection.includeVaults", sel?.includeVaults ?? [], true);
    v.check(
      include.length > 0,
      "recoveryPointSelection.includeVaults",
      sel?.includeVaults,
      awsRejects('a recovery point selection without vaults: name at least one, or ["*"] for every vault'),
    );
    const exclude = vaultArns(v, "recoveryPointSelection.excludeVaults", sel?.excludeVaults ?? [], false);
    checkTags(v, "tags", props.tags);
    v.throwIfAny();
    warnDeprecated(this, uses);

    this.planName = props.planName;
    this.resource = new BackupRestoreTestingPlan(this, "Resource", {
      name: props.planName,
      scheduleExpression: props.schedule.expression,
      scheduleExpressionTimezone: props.schedule.timezone,
      startWindowHours: startHours,
      recoveryPointSelection: [
        {
          algorithm,
          includeVaults: include,
          excludeVaults: exclude.length ? exclude : undefined,
          recoveryPointTypes: [...types],
          selectionWindowDays: windowDays,
        },
      ],
      tags: props.tags,
      provider: props.provider,
    });
    this.planArn = this.resource.arn;
  }
}

function vaultArns(v: Validator, field: string, vaults: readonly (IBackupVault | string)[], allowWildcard: boolean): string[] {
  const arns = vaults.map((x) => (typeof x === "string" ? x : x?.vaultArn));
  arns.forEach((a, i) => {
    if (a === "*") {
      v.check(
        allowWildcard && arns.length === 1,
        `${field}[${i}]`,
        a,
        allowWildcard
          ? libraryRejects('"*" together with other vaults: it already means every vault, so list it alone')
          : libraryRejects('"*" among excluded vaults: it would exclude every vault'),
      );
    } else {
      v.required(`${field}[${i}]`, a, libraryNeeds("a backup vault or its ARN"));
      checkBackupVaultArn(v, `${field}[${i}]`, a);
    }
  });
  v.check(new Set(arns).size === arns.length, field, arns, libraryRejects("a vault listed twice"));
  return arns;
}
