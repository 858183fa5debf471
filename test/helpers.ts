import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, TerraformStack, Testing } from "../modules/core/cdktf";
import { AccountStack } from "../stacks/account-stack";

/** A stack for unit tests: one account, us-east-1 plus us-west-2, an explicit S3 backend. */
export function testStack(id = "test"): AccountStack {
  const app = Testing.app();
  return new AccountStack(app, id, {
    accountId: "111111111111",
    primaryRegion: "us-east-1",
    additionalRegions: ["us-west-2"],
    backend: { bucket: "test-state-bucket", region: "us-east-1" },
  });
}

/** The synthesized JSON of a stack, parsed. */
export function synthJson(stack: TerraformStack): { resource: Record<string, Record<string, any>>; [k: string]: any } {
  return JSON.parse(Testing.synth(stack));
}

/** All resources of a type in a synthesized stack, by logical ID. */
export function resources(stack: TerraformStack, type: string): Record<string, any> {
  return synthJson(stack).resource?.[type] ?? {};
}

/** Synthesizes an app into a fresh temp folder and returns the folder. */
export function synthToTemp(build: (app: App) => void, prefix = "backup-dr-synth-"): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const app = new App({ outdir, skipValidation: false });
  build(app);
  app.synth();
  return outdir;
}

/** The message of the error thrown by fn; fails the test when nothing is thrown. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected an error, but none was thrown");
}
