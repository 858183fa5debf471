import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { App, Testing } from "../../modules/core/cdktf";
import { AccountStack, AccountStackProps } from "../../stacks/account-stack";
import { parseRollout } from "../../stacks/config/load";
import { RolloutConfigError } from "../../stacks/config/problems";
import { readDeployOrder } from "../../stacks/synth/deploy-order";
import { HCP_WORKSPACES_FILE, HcpWorkspaces } from "../../stacks/synth/hcp-workspaces";
import { synthesizeRollout } from "../../stacks/synth/synthesize";
import { errorOf, synthJson } from "../helpers";
import { rawRollout, readStacks } from "../rollout-helpers";
import { rawCloudRollout } from "../cloud-rollout";

/** The problems a raw rollout is refused with, as `<path>: <message>`. */
function problemsOf(raw: unknown): string[] {
  try {
    parseRollout(raw, "test rollout");
  } catch (e) {
    if (e instanceof RolloutConfigError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

function synthInto(outdir: string, raw: unknown) {
  return synthesizeRollout(new App({ outdir }), parseRollout(raw, "test rollout"));
}

const tempOut = () => fs.mkdtempSync(path.join(os.tmpdir(), "cloud-backend-"));

/** The cloud variant of the reference rollout, synthesized once for the tests that only read it (a synth takes seconds). */
let cloud: { outdir: string; result: ReturnType<typeof synthInto> };
beforeAll(() => {
  const outdir = tempOut();
  cloud = { outdir, result: synthInto(outdir, rawCloudRollout()) };
});

const cloudProps: AccountStackProps = {
  accountId: "222222222222",
  primaryRegion: "eu-west-1",
  backend: { type: "cloud", organization: "example-org", workspacePrefix: "prod" },
};

describe("stateBackend type cloud: config", () => {
  test("a cloud backend parses with HCP Terraform's hostname and the default run role name filled in", () => {
    // given
    const raw = rawCloudRollout("reference", { type: "cloud", organization: "example-org" });
    // when
    const config = parseRollout(raw, "test rollout");
    // then
    expect(config.stateBackend).toEqual({ type: "cloud", organization: "example-org", hostname: "app.terraform.io", runRoleName: "BackupDrHcpTerraform" });
  });

  test("an S3 backend without a type is still S3", () => {
    // given: the reference rollout as published, without stateBackend.type
    const raw = rawRollout("reference");
    // when
    const config = parseRollout(raw, "test rollout");
    // then
    expect(config.stateBackend.type).toBeUndefined();
    expect(config.stateBackend).toMatchObject({ bucket: "reference-tf-state", keyPrefix: "dr/reference" });
  });

  test.each([
    ["organization", { organization: "example org" }, "stateBackend.organization: Terraform rejects organization names other than letters, numbers, - and _"],
    [
      "hostname with a scheme",
      { hostname: "https://tfe.example.com" },
      "stateBackend.hostname: Terraform rejects a cloud block hostname with https:// or a path",
    ],
    ["hostname with a path", { hostname: "tfe.example.com/app" }, "stateBackend.hostname: Terraform rejects a cloud block hostname with https:// or a path"],
    [
      "hostname that is no host",
      { hostname: "tfe_example.com" },
      "stateBackend.hostname: Terraform rejects a cloud block hostname that is not a host name such as app.terraform.io",
    ],
    ["project", { project: " leading space" }, "stateBackend.project: Terraform rejects project names other than 1-40 letters, numbers, inner spaces"],
    [
      "workspace prefix characters",
      { workspacePrefix: "prod.backup" },
      "stateBackend.workspacePrefix: Terraform rejects workspace names other than letters, numbers, - and _",
    ],
    [
      "workspace prefix length",
      { workspacePrefix: "p".repeat(43) },
      "stateBackend.workspacePrefix: Terraform rejects workspace names longer than 90 characters (HCP Terraform), which <prefix>-<stack name> can reach with a prefix longer than 42",
    ],
    ["run role name", { runRoleName: "hcp/run" }, "stateBackend.runRoleName: "],
  ])("a bad %s is refused at its path", (_what, change, expected) => {
    // given
    const raw = rawCloudRollout("reference", { type: "cloud", organization: "example-org", ...change });
    // when
    const problems = problemsOf(raw);
    // then
    expect(problems).toEqual([expect.stringContaining(expected)]);
  });

  test("S3 settings in a cloud backend are refused as unknown keys at stateBackend", () => {
    // given
    const raw = rawCloudRollout("reference", { type: "cloud", organization: "example-org", bucket: "reference-tf-state" });
    // when / then
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^stateBackend: unknown key "bucket"/)]);
  });

  test("an unknown backend type is refused at stateBackend.type, naming both choices", () => {
    // given
    const raw = rawCloudRollout("reference", { type: "gcs", bucket: "x" });
    // when / then
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^stateBackend\.type: this library needs an S3 backend .* or type "cloud"/)]);
  });
});

describe("stateBackend type cloud: stacks", () => {
  test("an account stack on HCP Terraform names its one workspace in a cloud block and has no backend block", () => {
    // given / when
    const json = synthJson(new AccountStack(Testing.app(), "central", cloudProps));
    // then
    expect(json.terraform.cloud).toEqual({ organization: "example-org", hostname: "app.terraform.io", workspaces: { name: "prod-central" } });
    expect(json.terraform.backend).toBeUndefined();
  });

  test("the project, when given, goes into the cloud block's workspaces", () => {
    // given / when
    const json = synthJson(new AccountStack(Testing.app(), "central", { ...cloudProps, backend: { ...cloudProps.backend, project: "Backup DR" } as never }));
    // then
    expect(json.terraform.cloud.workspaces).toEqual({ name: "prod-central", project: "Backup DR" });
  });

  test("HCL output (cdktf synth --hcl) keeps the project in the cloud block", () => {
    // given: HCL output asked for the way `cdktf synth --hcl` asks
    const outdir = tempOut();
    const before = process.env.SYNTH_HCL_OUTPUT;
    process.env.SYNTH_HCL_OUTPUT = "true";
    try {
      const app = new App({ outdir });
      new AccountStack(app, "central", { ...cloudProps, backend: { ...cloudProps.backend, project: "Backup DR" } as never });
      // when
      app.synth();
    } finally {
      if (before === undefined) delete process.env.SYNTH_HCL_OUTPUT;
      else process.env.SYNTH_HCL_OUTPUT = before;
    }
    // then
    const hcl = fs.readFileSync(path.join(outdir, "stacks", "central", "cdk.tf"), "utf8");
    expect(hcl).toMatch(/cloud \{[^}]*workspaces \{\s*name\s*=\s*"prod-central"\s*project\s*=\s*"Backup DR"\s*\}/);
  });

  test("a workspace name longer than HCP Terraform's 90 characters is refused, naming the field and the fix", () => {
    // given
    const backend = { type: "cloud", organization: "example-org", workspacePrefix: "p".repeat(80) } as const;
    // when
    const error = errorOf(() => new AccountStack(Testing.app(), "member-payments", { ...cloudProps, backend }));
    // then
    expect(error).toMatch(
      /backend\.workspacePrefix.*Terraform rejects workspace names longer than 90 characters \(HCP Terraform; this one has 96\).*shorten workspacePrefix/s,
    );
  });

  test("a Terraform Enterprise hostname with a scheme is refused by the stack too", () => {
    // given
    const backend = { type: "cloud", organization: "example-org", hostname: "https://tfe.example.com" } as const;
    // when / then
    expect(errorOf(() => new AccountStack(Testing.app(), "central", { ...cloudProps, backend }))).toMatch(
      /backend\.hostname.*Terraform rejects a cloud block hostname with https:\/\//s,
    );
  });

  test("members read the central stack's outputs from its workspace through the remote backend", () => {
    // given / when: the cloud reference rollout, synthesized
    const member = readStacks(cloud.outdir)["member-web"];
    // then
    expect(member.data.terraform_remote_state.central_backup_state).toEqual({
      backend: "remote",
      config: { organization: "example-org", hostname: "app.terraform.io", workspaces: { name: "reference-backup-vault-account" } },
    });
  });

  test("every stack of the rollout gets its own workspace named <rollout>-<stack>, in the configured project", () => {
    // given / when: the cloud reference rollout, synthesized
    const workspaces = Object.entries(readStacks(cloud.outdir)).map(([name, s]) => [name, s.terraform.cloud.workspaces]);
    // then
    expect(workspaces).toEqual([
      ["backup-vault-account", { name: "reference-backup-vault-account", project: "Backup DR" }],
      ["management", { name: "reference-management", project: "Backup DR" }],
      ["member-batch", { name: "reference-member-batch", project: "Backup DR" }],
      ["member-data", { name: "reference-member-data", project: "Backup DR" }],
      ["member-web", { name: "reference-member-web", project: "Backup DR" }],
    ]);
  });
});

describe("stateBackend type cloud: deploy order and workspaces file", () => {
  test("deploy-order.json carries each stack's workspace instead of an S3 key, with the same waves and reads as on S3", () => {
    // given
    const s3Out = tempOut();
    synthInto(s3Out, rawRollout("reference"));
    // when
    const s3 = readDeployOrder(s3Out);
    const order = readDeployOrder(cloud.outdir);
    // then
    expect(order.waves).toEqual(s3.waves);
    expect(order.stacks.map((s) => [s.name, s.reads, s.after])).toEqual(s3.stacks.map((s) => [s.name, s.reads, s.after]));
    const central = order.stacks.find((s) => s.name === "backup-vault-account")!;
    expect(central.backend).toEqual({
      type: "cloud",
      organization: "example-org",
      hostname: "app.terraform.io",
      workspace: "reference-backup-vault-account",
      project: "Backup DR",
    });
    expect(order.stacks.filter((s) => "key" in s.backend)).toEqual([]);
  });

  test("hcp-workspaces.json lists each workspace with its rollout and wave tags and dynamic credentials for its account", () => {
    // given / when: the cloud reference rollout, synthesized
    const { outdir, result } = cloud;
    // then
    const file = JSON.parse(fs.readFileSync(path.join(outdir, HCP_WORKSPACES_FILE), "utf8")) as HcpWorkspaces;
    expect(result.files.hcpWorkspaces).toBe(path.join(outdir, HCP_WORKSPACES_FILE));
    expect(file.workspaces.map((w) => [w.name, w.wave])).toEqual(result.order.stacks.map((s) => [s.backend.workspace, s.wave]));
    const web = file.workspaces.find((w) => w.stack === "member-web")!;
    expect(web).toEqual({
      name: "reference-member-web",
      stack: "member-web",
      folder: "stacks/member-web",
      wave: 3,
      tags: { "backup-dr-rollout": "reference", "backup-dr-wave": "3" },
      accountId: web.accountId,
      variables: [
        { key: "TFC_AWS_PROVIDER_AUTH", value: "true", category: "env" },
        { key: "TFC_AWS_RUN_ROLE_ARN", value: `arn:aws:iam::${web.accountId}:role/BackupDrHcpTerraform`, category: "env" },
      ],
      runRole: {
        arn: `arn:aws:iam::${web.accountId}:role/BackupDrHcpTerraform`,
        oidcSubject: "organization:example-org:project:Backup DR:workspace:reference-member-web:run_phase:*",
        mayAssume: `arn:aws:iam::${web.accountId}:role/TerraformDeploy`,
      },
      readsStateOf: ["reference-backup-vault-account"],
      stateConsumers: [],
    });
    expect(web.accountId).toMatch(/^\d{12}$/);
    expect(file.oidc).toEqual({ providerUrl: "https://app.terraform.io", audience: "aws.workload.identity" });
  });

  test("the central workspace lists every member workspace as a consumer of its state", () => {
    // given / when: the cloud reference rollout, synthesized
    const file = JSON.parse(fs.readFileSync(path.join(cloud.outdir, HCP_WORKSPACES_FILE), "utf8")) as HcpWorkspaces;
    // then
    const central = file.workspaces.find((w) => w.stack === "backup-vault-account")!;
    expect(central.stateConsumers).toEqual(["reference-member-batch", "reference-member-data", "reference-member-web"]);
  });

  test("without a project, the subject claim names HCP Terraform's default project", () => {
    // given
    const outdir = tempOut();
    // when
    synthInto(outdir, rawCloudRollout("reference", { type: "cloud", organization: "example-org", workspacePrefix: "dr" }));
    // then
    const file = JSON.parse(fs.readFileSync(path.join(outdir, HCP_WORKSPACES_FILE), "utf8")) as HcpWorkspaces;
    expect(file.project).toBe("Default Project");
    expect(file.workspaces[0].runRole!.oidcSubject).toBe("organization:example-org:project:Default Project:workspace:dr-management:run_phase:*");
  });

  test("moving a rollout back to S3 removes the workspaces file an earlier synth left", () => {
    // given
    const outdir = tempOut();
    synthInto(outdir, rawCloudRollout());
    // when
    const result = synthInto(outdir, rawRollout("reference"));
    // then
    expect(fs.existsSync(path.join(outdir, HCP_WORKSPACES_FILE))).toBe(false);
    expect(result.files.hcpWorkspaces).toBeUndefined();
  });
});

describe("README section on HCP Terraform", () => {
  const readme = fs.readFileSync(path.join(__dirname, "../../README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## HCP Terraform and Terraform Enterprise"), readme.indexOf("## Moving to cdktn"));
  const blocks = [...section.matchAll(/```jsonc?\n([\s\S]*?)```/g)].map((m) => m[1]);

  test("its stateBackend example is a config the schema accepts", () => {
    // given
    const example = JSON.parse(blocks[0]).stateBackend;
    // when
    const config = parseRollout(rawCloudRollout("reference", example), "README example");
    // then
    expect(config.stateBackend).toMatchObject({ type: "cloud", organization: "example-org", workspacePrefix: "backup-dr-prod" });
  });

  test("its hcp-workspaces.json example has the fields synth writes, workspace by workspace", () => {
    // given: the README example (JSON with trailing commas) and the file of the cloud reference rollout
    const example = JSON.parse(blocks.find((b) => b.includes('"oidcSubject"'))!.replace(/,(\s*[}\]])/g, "$1")) as HcpWorkspaces;
    const written = JSON.parse(fs.readFileSync(path.join(cloud.outdir, HCP_WORKSPACES_FILE), "utf8")) as HcpWorkspaces;
    // when
    const keys = (o: object) => Object.keys(o).sort();
    // then
    expect(keys(example)).toEqual(keys(written));
    expect(keys(example.workspaces[0])).toEqual(keys(written.workspaces.find((w) => w.stack === "member-web")!));
  });
});
