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

/** A test file whose one run applies a member stack against mocks where AWS Backup reads the framework's status as given. */
function recordingScenario(name: string, frameworkStatus: string): string {
  return [
    'mock_provider "aws" {',
    '  mock_data "aws_backup_framework" {',
    `    defaults = { status = "${frameworkStatus}" }`,
    "  }",
    // The provider checks these ARNs' shape before it calls AWS; the mock's random strings would fail that.
    '  mock_resource "aws_kms_key" {',
    '    defaults = { arn = "arn:aws:kms:eu-west-1:100000000011:key/0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d" }',
    "  }",
    '  mock_resource "aws_iam_role" {',
    '    defaults = { arn = "arn:aws:iam::100000000011:role/service-role/AWSBackup-reference" }',
    "  }",
    "}",
    "",
    "override_data {",
    "  target = data.terraform_remote_state.central_backup_state",
    '  values = { outputs = { central_vault_arn_eu_west_1 = "arn:aws:backup:eu-west-1:100000000002:backup-vault:reference-central" } }',
    "}",
    "",
    `run "${name}" {`,
    // The check reads the framework once it exists, which is at apply.
    "  command = apply",
    "}",
    "",
  ].join("\n");
}

describe("member stack AWS Config recording check, applied with terraform test and a mock provider", () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const events: Record<string, TestEvent[]> = {};

  beforeAll(async () => {
    // given: the reference rollout's member-data stack (plannable with the mirror's provider), with a local backend
    const out = synthRollout(rollout(rawRollout("reference")));
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "recording-tftest-"));
    const file = path.join(out, "stacks", "member-data", "cdk.tf.json");
    fs.copyFileSync(file, path.join(dir, "cdk.tf.json"));
    const mode = selectProviderMode();
    const terraform: Record<string, unknown> = { backend: { local: { path: "terraform.tfstate" } } };
    if (mode.overridesVersion) terraform.required_providers = { aws: { source: "hashicorp/aws", version: mode.version } };
    // terraform test destroys what a run applied; vaults and keys refuse that (prevent_destroy), so the copy lets it.
    const resource: Record<string, Record<string, unknown>> = {};
    const stack = JSON.parse(fs.readFileSync(file, "utf8")) as { resource: Record<string, Record<string, { lifecycle?: { prevent_destroy?: boolean } }>> };
    for (const [type, byName] of Object.entries(stack.resource))
      for (const [name, r] of Object.entries(byName))
        if (r.lifecycle?.prevent_destroy) (resource[type] ??= {})[name] = { lifecycle: { prevent_destroy: false } };
    fs.writeFileSync(path.join(dir, "zz_test_override.tf.json"), JSON.stringify({ terraform, resource }));
    fs.mkdirSync(path.join(dir, "tests"));
    fs.writeFileSync(path.join(dir, "tests", "recording.tftest.hcl"), recordingScenario("recording", "ACTIVE"));
    fs.writeFileSync(path.join(dir, "tests", "not_recording.tftest.hcl"), recordingScenario("not_recording", "INACTIVE"));
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
  const diagnostics = (name: string) =>
    (events[name] ?? []).filter((e) => e.diagnostic).map((e) => `${e.diagnostic!.severity}: ${e.diagnostic!.summary}: ${e.diagnostic!.detail}`);

  test("the check passes when the framework reads ACTIVE (AWS Config records what it evaluates)", () => {
    // then
    expect(diagnostics("recording")).toEqual([]);
    expect(status("recording")).toBe("pass");
  });

  test("the check reports a framework that is not ACTIVE, naming the region and the command that shows the recorder", () => {
    // then: terraform test fails a run on a failed check; plan and apply only warn
    expect(status("not_recording")).toBe("error");
    expect(diagnostics("not_recording")).toEqual([
      "error: Check block assertion failed: The Backup Audit Manager framework reference_data in eu-west-1 is INACTIVE, not ACTIVE: " +
        "AWS Config does not record every resource type it evaluates, so its controls report nothing for them. " +
        "Turn on an AWS Config recorder for those types in this account and region; aws configservice describe-configuration-recorder-status --region eu-west-1 shows it.",
    ]);
  });
});
