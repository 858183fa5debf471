import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  PROVIDER_6X_ONLY_ATTRIBUTES,
  checkSynthOutput,
  explain,
  plannedOutputs,
  prepareTerraform,
  selectProviderMode,
  terraformBinary,
} from "../../cli/harness/terraform-harness";
import { rollout, synthRollout } from "../rollout-helpers";
import { rawCloudRollout } from "../cloud-rollout";

interface Run {
  readonly code: number;
  readonly output: string;
}

function terraform(dir: string, env: NodeJS.ProcessEnv, ...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(terraformBinary(), args, { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as unknown as { code: number }).code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** The summaries of `terraform validate -json`, each with its detail. */
function diagnosticsOf(json: string): string[] {
  const parsed = JSON.parse(json) as { diagnostics: { severity: string; summary: string; detail?: string }[] };
  return parsed.diagnostics.map((d) => `${d.severity}: ${d.summary}: ${d.detail ?? ""}`);
}

/**
 * The synthesized stacks exactly as written: the `cloud` block and the `remote` remote-state reads stay, so it is
 * Terraform itself that judges them. Only the AWS provider version is pinned to what can be installed here.
 */
describe("reference rollout on HCP Terraform with real terraform", () => {
  let out: string;
  let work: string;
  let env: NodeJS.ProcessEnv;
  let providerOverride: object | undefined;

  beforeAll(async () => {
    out = synthRollout(rollout(rawCloudRollout("reference")));
    work = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-cloud-tf-"));
    const mode = selectProviderMode();
    env = await prepareTerraform(work, mode);
    // No HCP Terraform token, organization or workspace may come from the machine: the configuration alone is judged.
    for (const k of Object.keys(env)) if (/^TF_(TOKEN_|CLOUD_|WORKSPACE$)/.test(k)) delete env[k];
    providerOverride = mode.overridesVersion ? { terraform: { required_providers: { aws: { source: "hashicorp/aws", version: mode.version } } } } : undefined;
  });

  /** A copy of a stack folder to run terraform in, with the provider version override when one is needed. */
  function stackCopy(stack: string, edit: (config: any) => void = () => undefined): string {
    const dir = path.join(work, `${stack}-${fs.readdirSync(work).length}`);
    fs.cpSync(path.join(out, "stacks", stack), dir, { recursive: true });
    const file = path.join(dir, "cdk.tf.json");
    const config = JSON.parse(fs.readFileSync(file, "utf8"));
    edit(config);
    fs.writeFileSync(file, JSON.stringify(config));
    if (providerOverride) fs.writeFileSync(path.join(dir, "provider_override.tf.json"), JSON.stringify(providerOverride));
    return dir;
  }

  // A stack that only writes its workspace and one that also reads another: the other stacks differ from these in
  // resources only, which the S3 reference rollout's terraform test covers.
  test.each(["management", "member-web"])(
    "stack %s: terraform init -backend=false and validate accept the cloud block and the remote-state reads",
    async (stack) => {
      // given
      const dir = stackCopy(stack);
      const init = await terraform(dir, env, "init", "-backend=false", "-input=false", "-no-color");
      expect(init.code === 0 ? "" : init.output).toBe("");
      // when
      const validate = await terraform(dir, env, "validate", "-json", "-no-color");
      // then: nothing but the named 6.x-only attributes an older local provider does not know (none in this rollout)
      const unexpected = diagnosticsOf(validate.output).filter((d) => !PROVIDER_6X_ONLY_ATTRIBUTES.some((a) => d.includes(`"${a}"`)));
      expect(unexpected).toEqual([]);
      expect(validate.code).toBe(0);
    },
  );

  test("validate refuses a remote-state read whose remote backend config is wrong, so the check above can fail", async () => {
    // given: the member's cloud block and its read of the central workspace, with a misspelt key (no AWS resources, so
    // no provider to load: the read is what is judged)
    const member = JSON.parse(fs.readFileSync(path.join(out, "stacks", "member-web", "cdk.tf.json"), "utf8"));
    const read = member.data.terraform_remote_state.central_backup_state;
    const dir = path.join(work, "bad-remote-read");
    fs.mkdirSync(dir);
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        terraform: { cloud: member.terraform.cloud },
        data: { terraform_remote_state: { central_backup_state: { ...read, config: { ...read.config, workspaces: { nam: read.config.workspaces.name } } } } },
      }),
    );
    await terraform(dir, env, "init", "-backend=false", "-input=false", "-no-color");
    // when
    const validate = await terraform(dir, env, "validate", "-json", "-no-color");
    // then
    expect(validate.code).not.toBe(0);
    expect(diagnosticsOf(validate.output).join("\n")).toMatch(/Invalid backend configuration.*"remote".*unexpected attribute "nam"/s);
  });

  test("terraform init with the cloud block gets past the configuration checks and stops only at reaching HCP Terraform", async () => {
    // given: a member stack as synthesized, no token, and (here) no network
    const dir = stackCopy("member-web");
    // when
    const init = await terraform(dir, env, "init", "-input=false", "-no-color");
    // then: it fails where it contacts the host (discovery, or the login it needs), never on the cloud block itself
    expect(init.code).not.toBe(0);
    expect(init.output).toMatch(/Initializing HCP Terraform/);
    expect(init.output).not.toMatch(
      /Invalid workspaces configuration|Invalid or missing required argument|Invalid (HCP Terraform|Terraform Cloud) configuration/,
    );
    expect(init.output).toMatch(/Failed to request discovery document|Required token could not be found|terraform login/);
  });

  test("terraform init refuses a cloud block that gives both a workspace name and tags, so the check above can fail", async () => {
    // given: the stack's workspace selected by name and by tags at once (what Terraform 1.11 does not allow)
    const dir = stackCopy("member-web", (c) => {
      c.terraform.cloud.workspaces.tags = ["backup-dr-rollout:reference"];
    });
    // when
    const init = await terraform(dir, env, "init", "-input=false", "-no-color");
    // then
    expect(init.code).not.toBe(0);
    expect(init.output).toMatch(/Invalid workspaces configuration[\s\S]*Only one of workspace "tags" or "name" is allowed/);
  });

  test("the offline check (backup-dr validate) plans a member with the planned outputs of the central workspace it reads", async () => {
    // given: the central stack and a member that reads it by workspace name
    const stacks = ["backup-vault-account", "member-web"];
    // when
    const results = await checkSynthOutput(out, { stacks });
    // then: both planned; the member's copies go to the vault the central plan outputs
    for (const r of results) expect(r.ok ? "" : explain(r)).toBe("");
    expect(results.map((r) => [r.stack, r.planned, r.planSkipped])).toEqual(stacks.map((s) => [s, true, undefined]));
    const central = plannedOutputs(results[0].plan!);
    const plans = results[1].plan!.planned_values.root_module.resources!.filter((r) => r.type === "aws_backup_plan");
    const destinations = plans.flatMap((p) => (p.values.rule as any[]).flatMap((rule) => (rule.copy_action ?? []).map((c: any) => c.destination_vault_arn)));
    expect(destinations.length).toBeGreaterThan(0);
    for (const d of destinations) expect(Object.values(central)).toContain(d);
  });
});
