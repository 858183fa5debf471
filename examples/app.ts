import { App } from "../modules/core/cdktf";
import { AirGappedVaultExampleStack, VaultFamilyExampleStack } from "./vaults";
import { BackupPlanExampleStack } from "./backup-plans";
import { DlmAmiExampleStack, DlmCrossAccountExampleStack, DlmDefaultExampleStack, DlmSnapshotsExampleStack } from "./dlm";

/** Adds one example stack per module family (vaults, plans, DLM policies) to an App: `SYNTH_EXAMPLES=1 npx cdktf synth`. */
export function buildExampleApp(app: App): App {
  new VaultFamilyExampleStack(app, "example-vaults");
  new AirGappedVaultExampleStack(app, "example-air-gapped-vault");
  new BackupPlanExampleStack(app, "example-backup-plans");
  new DlmSnapshotsExampleStack(app, "example-dlm-snapshots");
  new DlmAmiExampleStack(app, "example-dlm-ami");
  new DlmCrossAccountExampleStack(app, "example-dlm-cross-account");
  new DlmDefaultExampleStack(app, "example-dlm-default");
  return app;
}
