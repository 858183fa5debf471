import { App } from "../modules/core/cdktf";
import { AirGappedVaultExampleStack, VaultFamilyExampleStack } from "./vault-examples";

/** Adds the embedded default app's stacks to an App. */
export function buildDefaultApp(app: App): App {
  new VaultFamilyExampleStack(app, "example-vaults");
  new AirGappedVaultExampleStack(app, "example-air-gapped-vault");
  return app;
}
