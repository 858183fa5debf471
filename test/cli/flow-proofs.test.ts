import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runFlowProofs } from "../../cli/flow-proofs";
import { App } from "../../modules/core/cdktf";
import { loadFlowEvaluator } from "../../stacks/flows/prove";
import { synthesizeRollout } from "../../stacks/synth/synthesize";
import { rawRollout, rollout } from "../rollout-helpers";

/** A synth output of the default rollout as `cdktf synth` writes it: stacks, DR report, flows.json. */
function synthDefault(): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-flows-"));
  synthesizeRollout(new App({ outdir, skipValidation: false }), rollout(rawRollout("default")));
  return outdir;
}

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (l: string) => out.push(l), err: (l: string) => err.push(l) } };
}

describe("backup-dr validate: flow proofs", () => {
  const outdir = synthDefault();
  afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test("the synth writes the flows and a report section that says validate proves them", () => {
    // given / when: the synth above
    const report = fs.readFileSync(path.join(outdir, "dr-report.md"), "utf8");
    // then
    expect(JSON.parse(fs.readFileSync(path.join(outdir, "flows.json"), "utf8")).flows.length).toBeGreaterThan(0);
    expect(report).toContain("## Flow proofs");
    expect(report).toContain("`backup-dr validate` proves them");
  });

  test("with the evaluator installed, every flow is proven, the line is printed and each result lands in the report", async () => {
    // given
    const { out, err, io: cio } = io();
    // when
    const status = await runFlowProofs(outdir, cio);
    // then
    expect({ status, err }).toEqual({ status: "proven", err: [] });
    const line = out.find((l) => l.startsWith("flows: "))!;
    expect(line).toMatch(/^flows: proven=(\d+)\/\1 denied-as-expected=(\d+)\/\2$/);
    const report = fs.readFileSync(path.join(outdir, "dr-report.md"), "utf8");
    expect(report.match(/## Flow proofs/g)).toHaveLength(1);
    expect(report).toContain(`**${line}**`);
    expect(report).toMatch(/^\| copy to central: .+ \| allowed \| proven \|$/m);
    expect(report).toMatch(/^\| deny: central key deletion by a central administrator: .+ \| denied \| proven \|$/m);
    const results = JSON.parse(fs.readFileSync(path.join(outdir, "flow-proofs.json"), "utf8"));
    expect(results.flows.every((f: { ok: boolean }) => f.ok)).toBe(true);
  });

  test("without the evaluator, validate says loudly that the proofs were not run, why and how to run them, and prints no passing line", async () => {
    // given: an evaluator that is not installed
    const { out, err, io: cio } = io();
    // when
    const status = await runFlowProofs(outdir, cio, { loadEvaluator: () => loadFlowEvaluator("@cloud-copilot/no-such-evaluator") });
    // then
    expect(status).toBe("not-run");
    expect(err.join("\n")).toMatch(/^WARNING: flow proofs were NOT run: @cloud-copilot\/no-such-evaluator is not installed/);
    expect(err.join("\n")).toContain("AGPL-3.0");
    expect(err.join("\n")).toContain("npm install --save-dev @cloud-copilot/iam-simulate");
    expect(out.filter((l) => /proven=/.test(l))).toEqual([]);
    expect(out).toContain(`flows: NOT RUN (${JSON.parse(fs.readFileSync(path.join(outdir, "flows.json"), "utf8")).flows.length} flows unproven)`);
    expect(fs.existsSync(path.join(outdir, "flow-proofs.json"))).toBe(false);
    expect(fs.readFileSync(path.join(outdir, "dr-report.md"), "utf8")).toContain("**Not run**: @cloud-copilot/no-such-evaluator is not installed");
  });

  test("a policy missing from the synthesized stacks fails its flow, named with the request and the policies that decided it", async () => {
    // given: a copy of the output without the AMI role's key permissions of one member
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-flows-broken-"));
    fs.cpSync(outdir, broken, { recursive: true });
    const member = fs.readdirSync(path.join(broken, "stacks")).find((s) => s.startsWith("member-"))!;
    const file = path.join(broken, "stacks", member, "cdk.tf.json");
    const json = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(json.resource.aws_iam_role_policy.DlmServiceRoles_AmiRoleKeyUse).toBeDefined();
    delete json.resource.aws_iam_role_policy.DlmServiceRoles_AmiRoleKeyUse;
    fs.writeFileSync(file, JSON.stringify(json));
    const { out, err, io: cio } = io();
    // when
    const status = await runFlowProofs(broken, cio);
    // then
    expect(status).toBe("failed");
    expect(err[0]).toMatch(/^flow proof failed: DLM AMI cross-region copy: .+ kms:\w+ on arn:aws:kms:.+: ImplicitlyDenied: no statement allows it/);
    expect(out.find((l) => l.startsWith("flows: "))).toMatch(/^flows: proven=(\d+)\/(?!\1)\d+ /);
    expect(fs.readFileSync(path.join(broken, "dr-report.md"), "utf8")).toContain("| **FAILED** |");
    fs.rmSync(broken, { recursive: true, force: true });
  });

  test("a synth output without flows.json (another cdktf app) gets a note, not a warning", async () => {
    // given
    const other = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-flows-none-"));
    const { out, err, io: cio } = io();
    // when
    const status = await runFlowProofs(other, cio);
    // then
    expect({ status, err }).toEqual({ status: "not-run", err: [] });
    expect(out).toEqual([`flows: not run: ${other} has no flows.json (a synth of a backup-dr rollout writes it)`]);
    fs.rmSync(other, { recursive: true, force: true });
  });
});
