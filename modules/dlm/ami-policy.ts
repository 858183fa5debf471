import { Construct } from "constructs";
import { Retention, Tags, Validator } from "../core";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { IEncryptionKey } from "../kms";
import { DlmCreateRule } from "./dlm-create-rule";
import { DlmPolicyBase, checkCommonProps, checkTargetTags, renderSchedules, commonPolicyConfig } from "./private/dlm-policy-base";
import { DlmPolicyCommonProps } from "./dlm-policy";
import { DlmRetainRule } from "./dlm-retain-rule";
import { DlmSchedule } from "./dlm-schedule";
import { awsRejects, libraryNeeds, providerIgnores } from "../core/rules/authority";

export interface AmiPolicyProps extends DlmPolicyCommonProps {
  /** The policy creates AMIs of instances that carry any of these tags (1 to 50). */
  readonly targetTags: Tags;
  /** 1 to 4 schedules with unique names. */
  readonly schedules: readonly DlmSchedule[];
  /**
   * Leave instances running while the AMI is created (true), or reboot them first for file-system consistency (false).
   * @default not written: AWS's own default applies (as with the provider)
   */
  readonly noReboot?: boolean;
  /** AMI policies target INSTANCE; nothing else is accepted. @default "INSTANCE" */
  readonly resourceType?: "INSTANCE";
  /** Refused: `exclude_boot_volume` applies only to snapshot policies on INSTANCE. */
  readonly excludeBootVolume?: never;
}

/** Options of `AmiPolicy.dailyWithCrossRegionCopy`. */
export interface AmiDailyWithCopyOptions {
  /** The policy creates AMIs of instances that carry any of these tags. */
  readonly targetTags: Tags;
  /** The Region the AMIs are copied to. */
  readonly drRegion: string;
  /** A customer-managed KMS key in `drRegion` that encrypts the copies. */
  readonly drKeyArn: IEncryptionKey | string;
  /** How long each AMI is kept in the source Region, e.g. `Retention.days(7)`. @default Retention.days(7) */
  readonly retain?: Retention;
  /** How long each copy is kept in `drRegion`. @default the same as `retain` */
  readonly copyRetain?: Retention;
  /** Deprecate AMIs (and their copies) after this long, at most the retention. @default not deprecated */
  readonly deprecateAfter?: Retention;
  /** @deprecated use `retain: Retention.days(n)`; this field is removed in the next minor version. */
  readonly retainDays?: number;
  /** @deprecated use `copyRetain: Retention.days(n)`; this field is removed in the next minor version. */
  readonly copyRetainDays?: number;
  /** @deprecated use `deprecateAfter: Retention.days(n)`; this field is removed in the next minor version. */
  readonly deprecateAfterDays?: number;
  /** The account's `DlmServiceRoles`, its AMI role, or a role ARN. */
  readonly executionRole: DlmPolicyCommonProps["executionRole"];
  /** Time of day of the AMI, `HH:MM` UTC. @default "03:00" */
  readonly at?: string;
  /** @default false (instances are not rebooted) */
  readonly reboot?: boolean;
  /** @default a description naming the preset */
  readonly description?: string;
  /** @default "daily" */
  readonly scheduleName?: string;
  readonly region?: string;
  readonly tags?: Tags;
  readonly provider?: DlmPolicyCommonProps["provider"];
}

/**
 * An EBS-backed AMI policy (IMAGE_MANAGEMENT) for instances selected by tag: reboot or no-reboot, retain and deprecate
 * rules, and cross-Region copies. Copies use `target_region`, the only form the API accepts on AMI policies (it rejects
 * `target`, terraform-provider-aws #24226); `target_region` exists only in AWS provider 6.x.
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/ami-policy.html
 */
export class AmiPolicy extends DlmPolicyBase {
  /** Daily AMIs kept `retain` (7 days unless given), each copied to a DR Region and encrypted there with `drKeyArn`. */
  static dailyWithCrossRegionCopy(scope: Construct, id: string, o: AmiDailyWithCopyOptions): AmiPolicy {
    const v = new Validator(`${scope.node.path}/${id}`);
    const uses: DeprecatedPropUse[] = [];
    const renamed = (field: "retain" | "copyRetain" | "deprecateAfter", oldField: "retainDays" | "copyRetainDays" | "deprecateAfterDays") =>
      pickRenamed(v, uses, { field, value: o[field], oldField, oldValue: o[oldField], fromOld: Retention.days }).value;
    const retain = renamed("retain", "retainDays") ?? Retention.days(7);
    const copyRetain = renamed("copyRetain", "copyRetainDays") ?? retain;
    const deprecate = renamed("deprecateAfter", "deprecateAfterDays");
    v.throwIfAny();
    const kept = retain.isUnresolved() ? "as configured" : `kept ${retain}`;
    const policy = new AmiPolicy(scope, id, {
      description: o.description ?? `Daily AMIs ${kept} with copies in ${o.drRegion}`,
      executionRole: o.executionRole,
      targetTags: o.targetTags,
      noReboot: !(o.reboot ?? false),
      region: o.region,
      tags: o.tags,
      provider: o.provider,
      schedules: [
        new DlmSchedule({
          name: o.scheduleName ?? "daily",
          create: DlmCreateRule.daily(o.at ?? "03:00"),
          retain: DlmRetainRule.age(retain),
          deprecate: deprecate ? { age: deprecate } : undefined,
          crossRegionCopies: [{ region: o.drRegion, encryptionKey: o.drKeyArn, retain: copyRetain, deprecateAfter: deprecate }],
        }),
      ],
    });
    warnDeprecated(policy, uses);
    return policy;
  }

  constructor(scope: Construct, id: string, props: AmiPolicyProps) {
    super(scope, id, (where) => {
      const v = new Validator(where);
      const role = checkCommonProps(v, props, "AMI");
      checkTargetTags(v, props.targetTags);
      v.check(
        props.resourceType === undefined || props.resourceType === "INSTANCE",
        "resourceType",
        props.resourceType,
        awsRejects("IMAGE_MANAGEMENT (AMI) policies that target anything but INSTANCE"),
        "use a SnapshotPolicy for volumes",
      );
      const loose = props as { excludeBootVolume?: unknown };
      v.check(
        loose.excludeBootVolume === undefined,
        "excludeBootVolume",
        loose.excludeBootVolume,
        providerIgnores("exclude_boot_volume on AMI policies: it applies only to snapshot policies that target INSTANCE"),
      );
      v.check(props.noReboot === undefined || typeof props.noReboot === "boolean", "noReboot", props.noReboot, libraryNeeds("true or false"));
      v.throwIfAny();
      const schedules = renderSchedules(v, props.schedules, { policyType: "IMAGE_MANAGEMENT", resourceType: "INSTANCE", region: props.region });
      v.throwIfAny();
      return {
        role,
        config: {
          ...commonPolicyConfig(props, props.description),
          policyDetails: {
            policyType: "IMAGE_MANAGEMENT",
            resourceTypes: ["INSTANCE"],
            targetTags: { ...props.targetTags },
            // Written only when asked for: without it AWS applies its own default, as with the provider.
            parameters: props.noReboot === undefined ? undefined : { noReboot: props.noReboot },
            schedule: schedules,
          },
        },
      };
    });
  }
}
