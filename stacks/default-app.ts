import { App } from "../modules/core/cdktf";
import { AirGappedVaultExampleStack, VaultFamilyExampleStack } from "./vault-examples";
import { BackupPlanExampleStack } from "./backup-plan-examples";

/** Adds the embedded default app's stacks to an App. */
export function buildDefaultApp(app: App): App {
  new VaultFamilyExampleStack(app, "example-vaults");
  new AirGappedVaultExampleStack(app, "example-air-gapped-vault");
  new BackupPlanExampleStack(app, "example-backup-plans");
  return app;
}
