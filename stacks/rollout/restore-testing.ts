import { Construct } from "constructs";
import { BackupServiceRole, IBackupVault, RestoreTestingPlan, RestoreTestingSelection, Schedule } from "../../modules/backup";
import { Duration } from "../../modules/core";
import { TerraformProvider } from "../../modules/core/cdktf";
import type { RestoreTestingModel } from "../model/model";

/** What a restore testing plan of the rollout takes from the model, in a member or the central account. */
export type RestoreTestingSettings = Pick<RestoreTestingModel, "schedule" | "selectionWindowDays" | "validationWindowHours" | "tag" | "selections">;

/**
 * One restore testing plan over one vault, with a selection per tested resource type (the resources carrying the
 * restore-test tag), run with `role`. Members test their own and their DR-region vaults, the central account its vaults.
 */
export function addRestoreTesting(
  scope: Construct,
  id: string,
  rt: RestoreTestingSettings,
  planName: string,
  vault: IBackupVault | string,
  role: BackupServiceRole,
  provider?: TerraformProvider,
): RestoreTestingPlan {
  const plan = new RestoreTestingPlan(scope, id, {
    planName,
    schedule: Schedule.cron(rt.schedule),
    recoveryPointSelection: { includeVaults: [vault], selectionWindow: Duration.days(rt.selectionWindowDays) },
    provider,
  });
  for (const s of rt.selections) {
    new RestoreTestingSelection(scope, `${id}_${s.resourceType}`, {
      selectionName: s.selectionName,
      plan,
      protectedResourceType: s.resourceType,
      role,
      protectedResourceConditions: { stringEquals: [{ key: `aws:ResourceTag/${rt.tag.key}`, value: rt.tag.value }] },
      validationWindow: Duration.hours(rt.validationWindowHours),
      provider,
    });
  }
  return plan;
}
