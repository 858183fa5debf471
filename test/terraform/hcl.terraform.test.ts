import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { checkSynthOutput, explain, terraformBinary } from "../../cli/harness/terraform-harness";
import { unquoteMetaReferences } from "../../stacks/synth/synth-output";

const ROOT = path.join(__dirname, "../..");
const CDKTF = path.join(ROOT, "node_modules/cdktf-cli/bundle/bin/cdktf");

/** Runs `cdktf synth` of the default rollout into outdir, the way a pipeline does. */
function cdktfSynth(outdir: string, ...args: string[]): void {
  const env: NodeJS.ProcessEnv = { ...process.env, CHECKPOINT_DISABLE: "1" };
  delete env.ROLLOUT_CONFIG;
  delete env.SYNTH_EXAMPLES;
  delete env.SYNTH_HCL_OUTPUT;
  const r = spawnSync(process.execPath, [CDKTF, "synth", "-o", outdir, ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cdktf synth ${args.join(" ")} exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
}

/** The files of each stack folder, by stack. */
function stackFiles(outdir: string): Record<string, string[]> {
  const dir = path.join(outdir, "stacks");
  return Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((s) => [s, fs.readdirSync(path.join(dir, s)).sort()]),
  );
}

describe("HCL output (cdktf synth --hcl)", () => {
  test("replaces the JSON output in the same folder, is terraform-fmt clean, and validates without warnings", async () => {
    // given: a JSON synth in the output folder
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-hcl-"));
    cdktfSynth(outdir);
    const jsonStacks = stackFiles(outdir);
    expect(Object.keys(jsonStacks).length).toBeGreaterThan(0);
    for (const files of Object.values(jsonStacks)) expect(files).toContain("cdk.tf.json");

    // when: an HCL synth into the same folder
    cdktfSynth(outdir, "--hcl");

    // then: every stack has cdk.tf and no stale cdk.tf.json
    const hclStacks = stackFiles(outdir);
    expect(Object.keys(hclStacks)).toEqual(Object.keys(jsonStacks));
    for (const [stack, files] of Object.entries(hclStacks)) expect({ stack, files }).toEqual({ stack, files: ["cdk.tf", "metadata.json"] });

    const fmt = spawnSync(terraformBinary(), ["fmt", "-check", "-recursive", "-diff", "-no-color", path.join(outdir, "stacks")], {
      encoding: "utf8",
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    expect(fmt.error).toBeUndefined();
    expect(fmt.stdout).toBe("");
    expect(fmt.status).toBe(0);

    const results = await checkSynthOutput(outdir, { plan: false });
    expect(results.map((r) => r.stack)).toEqual(Object.keys(hclStacks));
    for (const r of results) expect(r.ok ? "" : explain(r)).toBe("");
    // no warnings either (cdktf's quoted provider and depends_on references are deprecated syntax)
    for (const r of results)
      expect({ stack: r.stack, diagnostics: r.diagnostics.map((d) => `${d.severity}: ${d.summary}`) }).toEqual({ stack: r.stack, diagnostics: [] });

    // and switching back to JSON removes the HCL files
    cdktfSynth(outdir);
    for (const [stack, files] of Object.entries(stackFiles(outdir))) expect({ stack, files }).toEqual({ stack, files: ["cdk.tf.json"] });
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});

describe("unquoteMetaReferences", () => {
  test("writes quoted provider and depends_on meta-arguments of resources and data sources as references", () => {
    const hcl = [
      'resource "aws_kms_key" "Key" {',
      '  description = "provider = \\"aws\\""',
      '  provider    = "aws.eu_west_1"',
      "  depends_on = [",
      '    "aws_iam_role.Role",',
      '    "data.aws_iam_policy_document.Doc",',
      "  ]",
      "}",
      'data "aws_iam_policy_document" "Doc" {',
      '  depends_on = ["aws_iam_role.Role", "aws_iam_role.Other"]',
      '  provider   = "aws"',
      "}",
    ].join("\n");
    expect(unquoteMetaReferences(hcl).split("\n")).toEqual([
      'resource "aws_kms_key" "Key" {',
      '  description = "provider = \\"aws\\""',
      "  provider    = aws.eu_west_1",
      "  depends_on = [",
      "    aws_iam_role.Role,",
      "    data.aws_iam_policy_document.Doc,",
      "  ]",
      "}",
      'data "aws_iam_policy_document" "Doc" {',
      "  depends_on = [aws_iam_role.Role, aws_iam_role.Other]",
      "  provider   = aws",
      "}",
    ]);
  });

  test("also unquotes output depends_on; leaves heredoc bodies, nested blocks and module blocks alone", () => {
    const hcl = [
      'output "x" {',
      '  depends_on = ["aws_instance.Vm"]',
      "}",
      'resource "aws_instance" "Vm" {',
      "  user_data = <<EOF",
      '  provider = "aws"',
      "EOF",
      "  nested {",
      '    provider = "aws"',
      "  }",
      "}",
      'module "m" {',
      '  depends_on = ["aws_instance.Vm"]',
      "}",
    ].join("\n");
    expect(unquoteMetaReferences(hcl)).toBe(hcl.replace('output "x" {\n  depends_on = ["aws_instance.Vm"]', 'output "x" {\n  depends_on = [aws_instance.Vm]'));
  });
});
