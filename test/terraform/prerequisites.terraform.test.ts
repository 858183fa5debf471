import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { prepareTerraform, selectProviderMode, terraformBinary } from "../../cli/harness/terraform-harness";
import { rawRollout, rollout, synthRollout } from "../rollout-helpers";

/** One `terraform test` event of interest: a run's status or a diagnostic, with the run it belongs to. */
interface TestEvent {
  readonly type: string;
  readonly "@testrun"?: string;
  readonly test_run?: { readonly run: string; readonly progress: string; readonly status?: string };
  readonly diagnostic?: { readonly severity: string; readonly summary: string; readonly detail?: string };
}

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(terraformBinary(), args, { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const DATA = "data.aws_organizations_organization.OrganizationPrerequisites_Organization";

/** A test file whose one run plans the management stack against an organization the mock provider describes. */
function scenario(name: string, policyTypes: string, principals: string): string {
  return [
    'mock_provider "aws" {}',
    "",
    `run "${name}" {`,
    "  command = plan",
    "  override_data {",
    `    target = ${DATA}`,
    "    values = {",
    `      roots = [{ id = "r-ab12", arn = "arn:aws:organizations::111111111111:root/o-a1b2c3d4e5/r-ab12", name = "Root", policy_types = ${policyTypes} }]`,
    `      aws_service_access_principals = ${principals}`,
    "    }",
    "  }",
    "}",
    "",
  ].join("\n");
}

describe("management stack prerequisites, planned with terraform test and a mock provider", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const events: Record<string, TestEvent[]> = {};

  beforeAll(async () => {
    // given: the default rollout's management stack, with a local backend and the mirror's provider version
    const out = synthRollout(rollout(rawRollout("default")));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "prerequisites-tftest-"));
    fs.copyFileSync(path.join(out, "stacks", "management", "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
    const mode = selectProviderMode();
    const terraform: Record<string, unknown> = { backend: { local: { path: "terraform.tfstate" } } };
    if (mode.overridesVersion) terraform.required_providers = { aws: { source: "hashicorp/aws", version: mode.version } };
    fs.writeFileSync(path.join(dir, "zz_test_override.tf.json"), JSON.stringify({ terraform }));
    fs.mkdirSync(path.join(dir, "tests"));
    const enabled = '[{ type = "BACKUP_POLICY", status = "ENABLED" }]';
    const backup = '["backup.amazonaws.com"]';
    fs.writeFileSync(path.join(dir, "tests", "ready.tftest.hcl"), scenario("ready", enabled, backup));
    fs.writeFileSync(path.join(dir, "tests", "no_policy_type.tftest.hcl"), scenario("no_policy_type", "[]", backup));
    fs.writeFileSync(
      path.join(dir, "tests", "policy_type_disabled.tftest.hcl"),
      scenario("policy_type_disabled", '[{ type = "BACKUP_POLICY", status = "PENDING_DISABLE" }]', backup),
    );
    fs.writeFileSync(path.join(dir, "tests", "no_trusted_access.tftest.hcl"), scenario("no_trusted_access", enabled, '["config.amazonaws.com"]'));
    env = await prepareTerraform(dir, mode);
    const init = await run(["init", "-backend=false", "-input=false", "-no-color"], dir, env);
    if (init.code !== 0) throw new Error(`terraform init failed:\n${init.stderr}${init.stdout}`);
    // when
    const test = await run(["test", "-json", "-no-color"], dir, env);
    for (const line of test.stdout.split("\n")) {
      if (!line.trim().startsWith("{")) continue;
      const e = JSON.parse(line) as TestEvent;
      const runName = e["@testrun"];
      if (runName) (events[runName] ??= []).push(e);
    }
    if (Object.keys(events).length === 0) throw new Error(`terraform test printed no run events:\n${test.stderr}${test.stdout}`);
  }, 600_000);

  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const status = (name: string) => events[name]?.find((e) => e.type === "test_run" && e.test_run?.progress === "complete")?.test_run?.status;
  const errors = (name: string) =>
    (events[name] ?? []).filter((e) => e.diagnostic?.severity === "error").map((e) => `${e.diagnostic!.summary}: ${e.diagnostic!.detail}`);

  test("the plan passes when BACKUP_POLICY is enabled on the root and AWS Backup has trusted access", () => {
    // then
    expect(errors("ready")).toEqual([]);
    expect(status("ready")).toBe("pass");
  });

  test("the plan fails when the root lacks the BACKUP_POLICY type, printing the command that enables it", () => {
    // then
    expect(status("no_policy_type")).toBe("error");
    expect(errors("no_policy_type")).toEqual([
      "Resource postcondition failed: The policy type BACKUP_POLICY is not enabled on the organization root r-ab12, so policies of that type cannot be attached. " +
        "Enable it from the management account: aws organizations enable-policy-type --root-id r-ab12 --policy-type BACKUP_POLICY",
    ]);
  });

  test("the plan fails when the BACKUP_POLICY type is listed on the root but not enabled", () => {
    // then
    expect(status("policy_type_disabled")).toBe("error");
    expect(errors("policy_type_disabled").join("\n")).toContain("aws organizations enable-policy-type --root-id r-ab12 --policy-type BACKUP_POLICY");
  });

  test("the plan fails without trusted access for AWS Backup, printing the command that enables it", () => {
    // then
    expect(status("no_trusted_access")).toBe("error");
    expect(errors("no_trusted_access")).toEqual([
      "Resource postcondition failed: Trusted access for backup.amazonaws.com is not enabled in the organization, so it cannot register a delegated administrator or act across accounts. " +
        "Enable it from the management account: aws organizations enable-aws-service-access --service-principal backup.amazonaws.com",
    ]);
  });
});
