import { Construct } from "constructs";
import { Duration, Retention, Tags, Validator } from "../core";
import { checkRegion } from "../core/private/aws";
import { DeprecatedPropUse, pickRenamed, warnDeprecated } from "../core/private/deprecation";
import { durationIn } from "../core/private/duration";
import { isUnresolved } from "../core/private/errors";
import { retentionInDays } from "../core/private/retention";
import { checkTags } from "../core/private/tags";
import { DlmPolicyBase, checkCommonProps, commonPolicyConfig } from "./private/dlm-policy-base";
import { DlmPolicyCommonProps } from "./dlm-policy";
import { awsRejects, libraryRejects, providerRejects } from "../core/rules/authority";

/** What a default policy covers: every volume, or every instance (multi-volume snapshot sets), of the Region. */
export type DefaultPolicyResourceType = "VOLUME" | "INSTANCE";

/** What a default policy leaves out. */
export interface DefaultPolicyExclusions {
  /** VOLUME policies only: leave out boot volumes. @default false */
  readonly bootVolumes?: boolean;
  /** VOLUME policies only: leave out volumes of these types (at most 6 of standard, gp2, gp3, io1, io2, st1, sc1). @default none */
  readonly volumeTypes?: readonly string[];
  /** Leave out volumes or instances that carry any of these tags. @default none */
  readonly tags?: Tags;
}

export interface DefaultPolicyProps extends Omit<DlmPolicyCommonProps, "description"> {
  /** Cover every volume (VOLUME) or every instance (INSTANCE) of the Region that no other policy covers. */
  readonly resourceType: DefaultPolicyResourceType;
  /** @default "Default policy for EBS volumes" or "Default policy for EC2 instances" */
  readonly description?: string;
  /** Time between snapshots: 1-7 whole days, e.g. `Duration.days(1)`. @default Duration.days(1) */
  readonly createInterval?: Duration;
  /** How long each snapshot is kept: 2-14 days, longer than the create interval, e.g. `Retention.days(7)`. @default Retention.days(7) */
  readonly retainInterval?: Retention;
  /** @deprecated use `createInterval: Duration.days(n)`; this field is removed in the next minor version. */
  readonly createIntervalDays?: number;
  /** @deprecated use `retainInterval: Retention.days(n)`; this field is removed in the next minor version. */
  readonly retainIntervalDays?: number;
  /** The policy language; AWS takes only SIMPLIFIED for default policies. @default not written (AWS sets SIMPLIFIED) */
  readonly policyLanguage?: "SIMPLIFIED";
  /** Copy the source's tags to the snapshots. @default false, the provider's default */
  readonly copyTags?: boolean;
  /** Keep the last snapshots when their source stops being covered (e.g. it is deleted), instead of letting them expire. @default false */
  readonly extendDeletion?: boolean;
  /** What to leave out. @default nothing */
  readonly exclusions?: DefaultPolicyExclusions;
  /**
   * Regions to copy snapshots to (at most 3). AWS provider 6.25.0 has no argument for a default policy's
   * `CrossRegionCopyTargets`, so any value is refused: copy with a custom `SnapshotPolicy` schedule
   * (`crossRegionCopies`, encrypted with a customer-managed key of the target Region) instead.
   * @default no copies
   */
  readonly copyRegions?: readonly string[];
}

/** Options of the default policy presets. */
export type DefaultPolicyPresetOptions = Omit<DefaultPolicyProps, "resourceType">;

const VOLUME_TYPES = ["standard", "gp2", "gp3", "io1", "io2", "st1", "sc1"];

/**
 * A DLM default policy: the account-and-Region-wide safety net that snapshots every volume (VOLUME) or instance
 * (INSTANCE) that no custom policy covers, with a simplified create and retain interval in days. One of each kind per
 * account and Region. `default_policy` and its settings exist only in AWS provider 6.x.
 * @see https://docs.aws.amazon.com/ebs/latest/userguide/default-policies.html
 */
export class DefaultPolicy extends DlmPolicyBase {
  /** The default policy for volumes. */
  static forVolumes(scope: Construct, id: string, options: DefaultPolicyPresetOptions): DefaultPolicy {
    return new DefaultPolicy(scope, id, { ...options, resourceType: "VOLUME" });
  }

  /** The default policy for instances (multi-volume snapshot sets). */
  static forInstances(scope: Construct, id: string, options: DefaultPolicyPresetOptions): DefaultPolicy {
    return new DefaultPolicy(scope, id, { ...options, resourceType: "INSTANCE" });
  }

  /** What the policy covers. */
  public readonly resourceType: DefaultPolicyResourceType;

  constructor(scope: Construct, id: string, props: DefaultPolicyProps) {
    const deprecations: DeprecatedPropUse[] = [];
    super(scope, id, (where) => {
      const uses: DeprecatedPropUse[] = [];
      const type = props.resourceType;
      const description = props.description ?? (type === "INSTANCE" ? "Default policy for EC2 instances" : "Default policy for EBS volumes");
      const v = new Validator(where);
      const role = checkCommonProps(v, { ...props, description }, "SNAPSHOT");
      v.check(type === "VOLUME" || type === "INSTANCE", "resourceType", type, awsRejects("default policies for anything but VOLUME or INSTANCE"));
      const createPick = pickRenamed(v, uses, {
        field: "createInterval",
        value: props.createInterval,
        oldField: "createIntervalDays",
        oldValue: props.createIntervalDays,
        fromOld: Duration.days,
      });
      const retainPick = pickRenamed(v, uses, {
        field: "retainInterval",
        value: props.retainInterval,
        oldField: "retainIntervalDays",
        oldValue: props.retainIntervalDays,
        fromOld: Retention.days,
      });
      // Default policies count both intervals in days.
      const create = createPick.value === undefined ? 1 : durationIn(v, createPick.field, createPick.value, "DAYS", "A DLM default policy");
      const retain = retainPick.value === undefined ? 7 : retentionInDays(v, retainPick.field, retainPick.value, "A DLM default policy");
      if (create !== undefined)
        v.check(create >= 1 && create <= 7, createPick.field, createPick.given ?? create, awsRejects("default policy create intervals outside 1 to 7 days"));
      if (retain !== undefined)
        v.check(retain >= 2 && retain <= 14, retainPick.field, retainPick.given ?? retain, awsRejects("default policy retain intervals outside 2 to 14 days"));
      if (create !== undefined && retain !== undefined && !isUnresolved(create)) {
        v.check(
          retain > create,
          retainPick.field,
          retainPick.given ?? retain,
          awsRejects(`a retain interval not longer than the create interval (${create} days): at least one snapshot is always kept`),
        );
      }
      v.check(
        props.policyLanguage === undefined || props.policyLanguage === "SIMPLIFIED",
        "policyLanguage",
        props.policyLanguage,
        awsRejects("a default policy in any policy language but SIMPLIFIED (STANDARD is for custom policies)"),
      );
      const ex = props.exclusions;
      if (ex) {
        if (type === "INSTANCE") {
          v.check(
            ex.bootVolumes === undefined,
            "exclusions.bootVolumes",
            ex.bootVolumes,
            awsRejects("boot-volume exclusions on default policies for INSTANCE: they apply only to default policies for VOLUME"),
          );
          v.check(
            ex.volumeTypes === undefined,
            "exclusions.volumeTypes",
            ex.volumeTypes,
            awsRejects("volume-type exclusions on default policies for INSTANCE: they apply only to default policies for VOLUME"),
          );
        }
        const types = ex.volumeTypes ?? [];
        v.check(types.length <= 6, "exclusions.volumeTypes", types, awsRejects("more than 6 excluded volume types"));
        types.forEach((t, i) =>
          v.check(VOLUME_TYPES.includes(t), `exclusions.volumeTypes[${i}]`, t, awsRejects(`volume types other than ${VOLUME_TYPES.join(", ")}`)),
        );
        checkTags(v, "exclusions.tags", ex.tags);
      }
      const regions = props.copyRegions ?? [];
      if (regions.length > 0) {
        v.check(regions.length <= 3, "copyRegions", regions, awsRejects(`default policies that copy to more than 3 Regions: this one names ${regions.length}`));
        v.check(new Set(regions).size === regions.length, "copyRegions", regions, libraryRejects("a Region listed twice"));
        regions.forEach((r, i) => {
          checkRegion(v, `copyRegions[${i}]`, r);
          if (props.region && !isUnresolved(props.region))
            v.check(r !== props.region, `copyRegions[${i}]`, r, awsRejects("a copy into the policy's own Region"));
        });
        v.check(
          false,
          "copyRegions",
          regions,
          providerRejects(
            "a default policy's cross-Region copy targets (CrossRegionCopyTargets): version 6.25.0 has no argument for them, so Terraform cannot deploy them",
          ),
          "copy with a custom SnapshotPolicy schedule (crossRegionCopies, encrypted with a customer-managed key of the target Region)",
        );
      }
      v.throwIfAny();
      deprecations.push(...uses);
      const exclusions =
        ex && (ex.bootVolumes !== undefined || (ex.volumeTypes?.length ?? 0) > 0 || Object.keys(ex.tags ?? {}).length > 0)
          ? {
              excludeBootVolumes: ex.bootVolumes,
              excludeVolumeTypes: ex.volumeTypes && ex.volumeTypes.length > 0 ? [...ex.volumeTypes] : undefined,
              excludeTags: ex.tags && Object.keys(ex.tags).length > 0 ? { ...ex.tags } : undefined,
            }
          : undefined;
      return {
        role,
        config: {
          ...commonPolicyConfig(props, description),
          defaultPolicy: type,
          policyDetails: {
            resourceType: type,
            createInterval: create!,
            retainInterval: retain!,
            copyTags: props.copyTags,
            policyLanguage: props.policyLanguage,
            extendDeletion: props.extendDeletion ?? false,
            exclusions,
          },
        },
      };
    });
    this.resourceType = props.resourceType;
    warnDeprecated(this, deprecations);
  }
}
