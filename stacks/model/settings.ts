/**
 * AWS Backup's account settings as the rollout needs them: the management account's global settings, with every flag
 * explicit, and the region settings (resource-type opt-in) of every member account and region.
 */
import { TAG_SELECTED_RESOURCE_TYPES } from "../../modules/backup/private/resource-types";
import type { RolloutConfig } from "../config/schema";

/** The management account's global settings, every flag explicit (the provider reads all of them back). */
export interface GlobalSettingsModel {
  /** Copies into the central account need it. */
  readonly crossAccountBackup: boolean;
  /** Multi-party approval: the rollout makes no air-gapped vaults, so it stays off. */
  readonly multiPartyApproval: boolean;
  /** On when the central account is registered as delegated administrator, so it can manage AWS Backup for the organization. */
  readonly delegatedAdministrator: boolean;
}

/** The region settings of one account and region. */
export interface RegionSettingsModel {
  /** The region the settings are for. */
  readonly region: string;
  /** Opt-in per resource type, as the region settings resource takes it. */
  readonly resourceTypeOptIn: Readonly<Record<string, boolean>>;
  /** The resource types tag selections back up in this region: opted in and selected by a protection policy's backup. */
  readonly protectedResourceTypes: readonly string[];
  /** Why the opt-in is what it is, for the report. */
  readonly reason: string;
}

export function globalSettingsModel(delegatesAdministrator: boolean): GlobalSettingsModel {
  return { crossAccountBackup: true, multiPartyApproval: false, delegatedAdministrator: delegatesAdministrator };
}

/**
 * Region settings for one account and region. A protection policy that backs up by tag in the region reaches every
 * resource type carrying the tag, so the types every region offers are opted in; restore testing needs its types opted
 * in too; the config adds or removes types. Nothing is emitted where no backup runs and the config says nothing.
 * Opt-in only decides which resources a backup plan's tag assignment reaches (AWS: "when the resource is included in
 * an on-demand backup or scheduled backup plan"), so the management and central accounts, where the rollout runs no
 * plans, and DLM-only member regions get none unless the config asks: writing them would only take over settings
 * nothing here depends on. The DR report lists those member regions as left alone.
 * @see https://docs.aws.amazon.com/aws-backup/latest/devguide/API_DescribeRegionSettings.html
 */
export function regionSettingsModel(
  config: RolloutConfig,
  region: string,
  backsUp: boolean,
  restoreTestedTypes: readonly string[],
): RegionSettingsModel | undefined {
  const optIn: Record<string, boolean> = {};
  if (backsUp) for (const t of TAG_SELECTED_RESOURCE_TYPES) optIn[t] = true;
  for (const t of restoreTestedTypes) optIn[t] = true;
  const configured = config.backupRegionSettings?.resourceTypeOptIn ?? {};
  for (const [t, on] of Object.entries(configured)) if (on !== undefined) optIn[t] = on;
  if (Object.keys(optIn).length === 0) return undefined;
  const sorted = Object.fromEntries(
    Object.keys(optIn)
      .sort()
      .map((t) => [t, optIn[t]]),
  );
  const reasons = [
    backsUp ? "a protection policy backs up by tag here" : undefined,
    restoreTestedTypes.length > 0 ? `restore testing of ${restoreTestedTypes.join(", ")}` : undefined,
    Object.keys(configured).length > 0 ? "backupRegionSettings in the rollout config" : undefined,
  ].filter((r): r is string => r !== undefined);
  return {
    region,
    resourceTypeOptIn: sorted,
    protectedResourceTypes: backsUp ? Object.keys(sorted).filter((t) => sorted[t]) : [],
    reason: reasons.join("; "),
  };
}
