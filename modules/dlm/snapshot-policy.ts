import { Construct } from "constructs";
import { Retention, Tags, Validator } from "../core";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { DlmCreateRule } from "./dlm-create-rule";
import { DlmPolicyBase, checkCommonProps, checkTargetTags, renderSchedules, commonPolicyConfig } from "./private/dlm-policy-base";
import { DlmPolicyCommonProps } from "./dlm-policy";
import { DlmRetainRule } from "./dlm-retain-rule";
import { DlmCrossRegionCopyOptions, DlmFastRestoreOptions, DlmSchedule, DlmShareOptions } from "./dlm-schedule";
import { awsRejects, providerIgnores } from "../core/rules/authority";

/** What a snapshot policy targets: single volumes, or every volume of an instance (multi-volume snapshot sets). */
export type SnapshotResourceType = "VOLUME" | "INSTANCE";

export interface SnapshotPolicyProps extends DlmPolicyCommonProps {
  /** Snapshot single volumes (VOLUME) or all volumes of an instance together (INSTANCE). */
  readonly resourceType: SnapshotResourceType;
  /** The policy snapshots volumes or instances that carry any of these tags (1 to 50). */
  readonly targetTags: Tags;
  /** 1 to 4 schedules with unique names. */
  readonly schedules: readonly DlmSchedule[];
  /** INSTANCE policies only: leave the root volume out of the snapshot set. @default false */
  readonly excludeBootVolume?: boolean;
  /** Refused: `no_reboot` applies only to AMI policies (the provider would silently drop it here). */
  readonly noReboot?: never;
}

/** Options of the snapshot policy presets. */
export interface SnapshotPresetOptions {
  /** The policy snapshots volumes that carry any of these tags. */
  readonly targetTags: Tags;
  /** The account's `DlmServiceRoles`, its snapshot role, or a role ARN. */
  readonly executionRole: DlmPolicyCommonProps["executionRole"];
  /** @default a description naming the preset */
  readonly description?: string;
  /** Copies into other Regions. @default none */
  readonly crossRegionCopies?: readonly DlmCrossRegionCopyOptions[];
  /** Share with other accounts. @default not shared */
  readonly share?: DlmShareOptions;
  /** Fast snapshot restore. @default off */
  readonly fastRestore?: DlmFastRestoreOptions;
  /** @default the schedule's preset name */
  readonly scheduleName?: string;
  readonly region?: string;
  readonly tags?: Tags;
  readonly provider?: DlmPolicyCommonProps["provider"];
}

/** What `SnapshotPolicy.dailyVolumes` takes besides the preset options. */
export interface DailyVolumesOptions {
  /** How long each snapshot is kept, e.g. `Retention.days(14)`. @default Retention.days(7) */
  readonly retain?: Retention;
  /** Time of day of the snapshot, `HH:MM` UTC. @default "03:00" */
  readonly at?: string;
  /** @deprecated use `retain: Retention.days(n)`; this field is removed in the next minor version. */
  readonly retainDays?: number;
}

/**
 * An EBS snapshot policy (EBS_SNAPSHOT_MANAGEMENT) for volumes or instances selected by tag: up to four schedules,
 * each with its own create, retain, copy, share, fast-restore, archive and script rules. Cross-Region copies use
 * `target` (the snapshot-policy form).
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-ami-policy.html
 */
export class SnapshotPolicy extends DlmPolicyBase {
  /** Daily snapshots of tagged volumes at `at` UTC, each kept `retain` (7 days unless given). */
  static dailyVolumes(scope: Construct, id: string, options: SnapshotPresetOptions & DailyVolumesOptions): SnapshotPolicy {
    const v = new Validator(`${scope.node.path}/${id}`);
    const uses: DeprecatedPropUse[] = [];
    const retain =
      pickRenamed(v, uses, { field: "retain", value: options.retain, oldField: "retainDays", oldValue: options.retainDays, fromOld: Retention.days }).value ??
      Retention.days(7);
    v.throwIfAny();
    const policy = new SnapshotPolicy(scope, id, {
      ...SnapshotPolicy.common(options),
      description: options.description ?? `Daily volume snapshots ${retain.isUnresolved() ? "as configured" : `kept ${retain}`}`,
      resourceType: "VOLUME",
      schedules: [
        new DlmSchedule({
          name: options.scheduleName ?? "daily",
          create: DlmCreateRule.daily(options.at ?? "03:00"),
          retain: DlmRetainRule.age(retain),
          crossRegionCopies: options.crossRegionCopies,
          share: options.share,
          fastRestore: options.fastRestore,
        }),
      ],
    });
    warnDeprecated(policy, uses);
    return policy;
  }

  /** Hourly snapshots of tagged volumes, the newest `retainCount` kept (24 unless given: one day of hourly restore points). */
  static hourlyVolumes(scope: Construct, id: string, options: SnapshotPresetOptions & { readonly retainCount?: number }): SnapshotPolicy {
    const retainCount = options.retainCount ?? 24;
    return new SnapshotPolicy(scope, id, {
      ...SnapshotPolicy.common(options),
      description: options.description ?? `Hourly volume snapshots newest ${retainCount} kept`,
      resourceType: "VOLUME",
      schedules: [
        new DlmSchedule({
          name: options.scheduleName ?? "hourly",
          create: DlmCreateRule.hourly(),
          retain: DlmRetainRule.count(retainCount),
          crossRegionCopies: options.crossRegionCopies,
          share: options.share,
          fastRestore: options.fastRestore,
        }),
      ],
    });
  }

  private static common(o: SnapshotPresetOptions) {
    return { targetTags: o.targetTags, executionRole: o.executionRole, region: o.region, tags: o.tags, provider: o.provider };
  }

  /** What the policy targets. */
  public readonly resourceType: SnapshotResourceType;

  constructor(scope: Construct, id: string, props: SnapshotPolicyProps) {
    super(scope, id, (where) => {
      const v = new Validator(where);
      const role = checkCommonProps(v, props, "SNAPSHOT");
      v.check(
        props.resourceType === "VOLUME" || props.resourceType === "INSTANCE",
        "resourceType",
        props.resourceType,
        awsRejects("snapshot policies that target anything but VOLUME or INSTANCE"),
      );
      checkTargetTags(v, props.targetTags);
      const loose = props as { noReboot?: unknown };
      v.check(
        loose.noReboot === undefined,
        "noReboot",
        loose.noReboot,
        providerIgnores("no_reboot on snapshot policies: it applies only to AMI policies"),
        "use an AmiPolicy to create AMIs",
      );
      if (props.excludeBootVolume !== undefined) {
        v.check(
          props.resourceType === "INSTANCE",
          "excludeBootVolume",
          props.excludeBootVolume,
          providerIgnores("exclude_boot_volume on snapshot policies that target VOLUME: it applies only to those that target INSTANCE"),
        );
      }
      v.throwIfAny();
      const schedules = renderSchedules(v, props.schedules, { policyType: "EBS_SNAPSHOT_MANAGEMENT", resourceType: props.resourceType, region: props.region });
      v.throwIfAny();
      return {
        role,
        config: {
          ...commonPolicyConfig(props, props.description),
          policyDetails: {
            policyType: "EBS_SNAPSHOT_MANAGEMENT",
            resourceTypes: [props.resourceType],
            targetTags: { ...props.targetTags },
            parameters: props.excludeBootVolume !== undefined ? { excludeBootVolume: props.excludeBootVolume } : undefined,
            schedule: schedules,
          },
        },
      };
    });
    this.resourceType = props.resourceType;
  }
}
