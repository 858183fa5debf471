import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CommandIo, UsageError } from "../../cli/args";
import { USAGE, main } from "../../cli/backup-dr";
import { REPORT_USAGE, parseReportArgs } from "../../cli/report";
import { parseArgs as parseUpgradeCheckArgs } from "../../cli/upgrade-check";
import { VALIDATE_USAGE, parseValidateArgs } from "../../cli/validate";

const ROOT = path.join(__dirname, "../..");

/** Runs `backup-dr <argv>` in-process and collects what it prints. */
async function backupDr(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l) };
  const code = await main(argv, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("backup-dr validate: arguments", () => {
  test("defaults to cdktf.out, every stack, with a plan", () => {
    expect(parseValidateArgs([])).toEqual({ outDir: "cdktf.out", plan: true, stacks: undefined });
  });

  test("takes a folder, --no-plan and repeated --stack", () => {
    expect(parseValidateArgs(["out", "--no-plan", "--stack", "a", "--stack", "b"])).toEqual({ outDir: "out", plan: false, stacks: ["a", "b"] });
  });

  test("refuses --stack without a name", () => {
    expect(() => parseValidateArgs(["--stack"])).toThrow(new UsageError("--stack needs a value"));
    expect(() => parseValidateArgs(["--stack", "--no-plan"])).toThrow(UsageError);
  });

  test("refuses unknown options and a second folder", () => {
    expect(() => parseValidateArgs(["--plan-only"])).toThrow("unknown option --plan-only");
    expect(() => parseValidateArgs(["a", "b"])).toThrow("one synth output folder only (got a and b)");
  });

  test("--help is a help request", () => {
    expect(parseValidateArgs(["out", "--help"])).toEqual({ help: true });
  });
});

describe("backup-dr upgrade-check: arguments", () => {
  test("takes a ref, repeated --rollout, comma-separated --stacks, --strict, --plan-unchanged and --keep", () => {
    expect(
      parseUpgradeCheckArgs(["v1.0.0", "--rollout", "reference", "--rollout", "my.json", "--stacks", "a, b,", "--strict", "--plan-unchanged", "--keep"]),
    ).toEqual({
      ref: "v1.0.0",
      rollouts: ["reference", "my.json"],
      stacks: ["a", "b"],
      strict: true,
      planUnchanged: true,
      keep: true,
    });
  });

  test("leaves the rollouts to the repository when none is given", () => {
    expect(parseUpgradeCheckArgs(["HEAD"])).toEqual({ ref: "HEAD", rollouts: undefined, stacks: undefined, strict: false, planUnchanged: false, keep: false });
  });

  test("requires exactly one ref", () => {
    expect(() => parseUpgradeCheckArgs([])).toThrow("a git ref is required");
    expect(() => parseUpgradeCheckArgs(["a", "b"])).toThrow("one git ref only (got a and b)");
  });

  test("refuses unknown options and options without their value", () => {
    expect(() => parseUpgradeCheckArgs(["HEAD", "--force"])).toThrow("unknown option --force");
    expect(() => parseUpgradeCheckArgs(["HEAD", "--rollout"])).toThrow("--rollout needs a value");
  });
});

describe("backup-dr report: arguments", () => {
  test("defaults to the embedded rollout, written to the current folder", () => {
    expect(parseReportArgs([])).toEqual({ config: undefined, out: "." });
  });

  test("takes --config and --out", () => {
    expect(parseReportArgs(["--config", "r.json", "--out", "reports"])).toEqual({ config: "r.json", out: "reports" });
  });

  test("refuses a bare file name, pointing at --config", () => {
    expect(() => parseReportArgs(["r.json"])).toThrow("unexpected argument r.json (the config is given with --config)");
  });
});

describe("backup-dr: commands", () => {
  test("--help and help print the usage and exit 0", async () => {
    for (const argv of [["--help"], ["help"], ["-h"]]) {
      const r = await backupDr(...argv);
      expect({ argv, code: r.code, out: r.out }).toEqual({ argv, code: 0, out: USAGE });
    }
  });

  test("help <command> and <command> --help print that command's usage", async () => {
    expect(await backupDr("help", "validate")).toEqual({ code: 0, out: VALIDATE_USAGE, err: "" });
    expect(await backupDr("report", "--help")).toEqual({ code: 0, out: REPORT_USAGE, err: "" });
  });

  test("an unknown command prints the usage to stderr and exits 2", async () => {
    const r = await backupDr("deploy");
    expect(r.code).toBe(2);
    expect(r.err).toContain('backup-dr: unknown command "deploy"');
    expect(r.err).toContain("usage: backup-dr <command> [options]");
  });

  test("no command at all exits 2 with the usage", async () => {
    expect(await backupDr()).toEqual({ code: 2, out: "", err: USAGE });
  });

  test("a usage error of a command exits 2 with that command's usage", async () => {
    const r = await backupDr("validate", "--stack");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`validate: --stack needs a value\n\n${VALIDATE_USAGE}`);
  });

  test("validate of a folder that is no synth output is a setup error (exit 2) that says to synthesize", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "not-synth-"));
    const r = await backupDr("validate", dir, "--no-plan");
    expect(r.code).toBe(2);
    expect(r.err).toContain(`${path.join(dir, "stacks")} does not exist: synthesize first`);
  });

  test("validate of a stack the output does not have names the stacks it has (exit 2)", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "synth-"));
    fs.mkdirSync(path.join(out, "stacks", "only"), { recursive: true });
    fs.writeFileSync(path.join(out, "stacks", "only", "cdk.tf.json"), "{}");
    const r = await backupDr("validate", out, "--stack", "other");
    expect(r.code).toBe(2);
    expect(r.err).toBe(`error: no stack other in ${out} (its stacks: only)`);
  });

  test("report writes dr-report.md and dr-report.json of a rollout file", async () => {
    // given
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "report-")), "nested");
    // when
    const r = await backupDr("report", "--config", path.join(ROOT, "examples/rollouts/reference.json"), "--out", out);
    // then
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(out, "dr-report.md"), "utf8")).toContain("# DR readiness: reference");
    expect(JSON.parse(fs.readFileSync(path.join(out, "dr-report.json"), "utf8")).rollout).toBe("reference");
    expect(r.out).toContain(`${path.join(out, "dr-report.md")}, ${path.join(out, "dr-report.json")}`);
  });

  test("report without --config reports the embedded default rollout", async () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
    const r = await backupDr("report", "--out", out);
    expect(r.code).toBe(0);
    expect(r.out).toContain("DR readiness report of the embedded default rollout");
    expect(fs.existsSync(path.join(out, "dr-report.json"))).toBe(true);
  });

  test("report of a bad config prints every problem with its JSON path, writes nothing and exits 1", async () => {
    // given: two problems in the reference rollout
    const config = JSON.parse(fs.readFileSync(path.join(ROOT, "examples/rollouts/reference.json"), "utf8"));
    config.members[0].accountId = "12345";
    config.centralBackup.regions = ["eu-west-9"];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "report-"));
    const file = path.join(dir, "bad.json");
    fs.writeFileSync(file, JSON.stringify(config));
    // when
    const r = await backupDr("report", "--config", file, "--out", dir);
    // then
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^error: .*bad\.json: 2 problems in the rollout config:/);
    expect(r.err).toContain("  - members[0].accountId: ");
    expect(r.err).toContain("  - centralBackup.regions[0]: ");
    expect(fs.existsSync(path.join(dir, "dr-report.md"))).toBe(false);
  });
});
