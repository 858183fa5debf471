import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parse } from "yaml";
import { CommandIo, UsageError } from "../../cli/args";
import { main } from "../../cli/backup-dr";
import { parseChangedArgs } from "../../cli/changed";
import { parsePipelineArgs } from "../../cli/pipeline";
import { App } from "../../modules/core/cdktf";
import { parseRollout } from "../../stacks/config/load";
import { synthesizeRollout } from "../../stacks/synth/synthesize";
import { rawRollout } from "../rollout-helpers";

async function backupDr(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

function synthInto(raw: unknown): string {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "changed-cli-"));
  synthesizeRollout(new App({ outdir }), parseRollout(raw, "test rollout"));
  return outdir;
}

describe("backup-dr changed: arguments", () => {
  test("the earlier synth is required; --out defaults to cdktf.out; --rollout defaults to ROLLOUT_CONFIG", () => {
    expect(() => parseChangedArgs([], {})).toThrow(UsageError);
    expect(parseChangedArgs(["main"], { ROLLOUT_CONFIG: "r.json" })).toEqual({ previous: "main", out: "cdktf.out", rollout: "r.json", json: false });
    expect(parseChangedArgs(["old", "--out", "new", "--json"], {})).toEqual({ previous: "old", out: "new", rollout: undefined, json: true });
    expect(() => parseChangedArgs(["a", "b"], {})).toThrow("unexpected argument b");
  });
});

describe("backup-dr changed", () => {
  const previous = synthInto(rawRollout("default"));

  test("against a folder: editing one member lists exactly that member's stack with its wave", async () => {
    const edited = rawRollout("default");
    edited.members[0].deployRoleArn = "arn:aws:iam::333333333333:role/OtherDeployRole";
    const current = synthInto(edited);
    const r = await backupDr("changed", previous, "--out", current);
    expect(r).toEqual({ code: 0, out: "3 member-payments modified", err: "" });
  });

  test("--json prints the list as JSON", async () => {
    const r = await backupDr("changed", previous, "--out", synthInto(rawRollout("default")), "--json");
    expect(JSON.parse(r.out)).toEqual([]);
  });

  test("against a git ref: the app synthesized at HEAD, compared with the working tree's synth of the same rollout", async () => {
    // given the default rollout with one member edited, synthesized by the working tree
    const edited = rawRollout("default");
    edited.members[1].deployRoleArn = "arn:aws:iam::444444444444:role/OtherDeployRole";
    const current = synthInto(edited);
    // when compared with the app at HEAD, which synthesizes the embedded default rollout (in a clean checkout the
    // working tree's code is HEAD's, so the edit is the only difference)
    const r = await backupDr("changed", "HEAD", "--out", current);
    // then only the edited member differs
    expect(r.code).toBe(0);
    expect(r.out).toBe("3 member-analytics modified");
  });

  test("a folder that is not a synth output is a usage error", async () => {
    const r = await backupDr("changed", previous, "--out", os.tmpdir() + "/no-such-synth");
    expect(r.code).toBe(2);
    expect(r.err).toContain("is not a synth output folder");
  });
});

describe("backup-dr pipeline", () => {
  const out = synthInto(rawRollout("default"));

  test("--format is required and must be github or gitlab", () => {
    expect(() => parsePipelineArgs([])).toThrow("--format must be github or gitlab");
    expect(() => parsePipelineArgs(["--format", "jenkins"])).toThrow("--format must be github or gitlab, got jenkins");
    expect(() => parsePipelineArgs(["--format", "github", "--max-parallel", "0"])).toThrow(UsageError);
  });

  test("--hcp-token-secret takes a secret or variable name", () => {
    expect(parsePipelineArgs(["--format", "gitlab", "--hcp-token-secret", "TFE_TOKEN"])).toMatchObject({ hcpTokenSecret: "TFE_TOKEN" });
    expect(() => parsePipelineArgs(["--format", "gitlab", "--hcp-token-secret", "tfe-token"])).toThrow(
      '--hcp-token-secret must be a secret or variable name (letters, digits and _, not starting with a digit), got "tfe-token"',
    );
  });

  test("writes a GitHub workflow for the synth output's waves, with the role pattern given", async () => {
    const r = await backupDr("pipeline", "--format", "github", "--out", out, "--role-arn", "arn:{partition}:iam::{account}:role/ci");
    expect(r.code).toBe(0);
    const workflow = parse(r.out);
    expect(workflow.jobs["wave-1"].strategy.matrix.include[0]).toMatchObject({ stack: "management", role: "arn:aws:iam::111111111111:role/ci" });
    expect(workflow.jobs["wave-1"].steps.find((s: { name?: string }) => s.name === "plan").run).toContain(`${out}/\${{ matrix.folder }}`);
  });

  test("writes a GitLab pipeline", async () => {
    const r = await backupDr("pipeline", "--format", "gitlab", "--out", out);
    expect(parse(r.out).stages).toEqual(["synth", "wave-1", "wave-2", "wave-3"]);
  });

  test("a folder without deploy-order.json is a usage error that says to synthesize", async () => {
    const r = await backupDr("pipeline", "--format", "github", "--out", os.tmpdir());
    expect(r.code).toBe(2);
    expect(r.err).toContain("deploy-order.json does not exist");
  });
});
