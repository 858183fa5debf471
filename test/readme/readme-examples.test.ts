import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { manifestWarnings } from "../modules/warnings";

const ROOT = path.join(__dirname, "../..");

/** The TypeScript examples of the README, with the package import pointed at this checkout. */
function readmeExamples(): string[] {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) =>
    m[1].replace(/from "cdktf-aws-backup-dr"/g, `from ${JSON.stringify(path.join(ROOT, "index"))}`),
  );
}

/** Runs one example in a fresh folder (its cwd) and returns its synth output folder. */
function runExample(source: string, files: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-example-"));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  // Inside the repository so the test transform compiles it; removed afterwards.
  const file = path.join(ROOT, "test", `.readme-example-${process.pid}-${Date.now()}.ts`);
  fs.writeFileSync(file, source);
  const cwd = process.cwd();
  const outdir = process.env.CDKTF_OUTDIR;
  delete process.env.CDKTF_OUTDIR;
  process.chdir(dir);
  try {
    jest.isolateModules(() => {
      require(file);
    });
    return path.join(dir, "cdktf.out");
  } finally {
    process.chdir(cwd);
    if (outdir !== undefined) process.env.CDKTF_OUTDIR = outdir;
    fs.rmSync(file, { force: true });
  }
}

describe("README examples", () => {
  const examples = readmeExamples();

  test("the README has the two code examples", () => {
    expect(examples).toHaveLength(2);
  });

  test("the single-account example synthesizes its stack", () => {
    const out = runExample(examples[0]);
    expect(fs.readdirSync(path.join(out, "stacks"))).toEqual(["workload-prod"]);
    const stack = JSON.parse(fs.readFileSync(path.join(out, "stacks/workload-prod/cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.resource.aws_backup_plan)).toEqual(["Web_Plan"]);
    expect(Object.keys(stack.resource.aws_dlm_lifecycle_policy)).toEqual(["Web_Amis"]);
  });

  test("the single-account example uses no deprecated prop", () => {
    expect(manifestWarnings(runExample(examples[0]))).toEqual([]);
  });

  test("the rollout example synthesizes every account's stack and writes the DR report", () => {
    const rollout = fs.readFileSync(path.join(ROOT, "examples/rollouts/reference.json"), "utf8");
    const out = runExample(examples[1], { "rollout.json": rollout });
    expect(fs.readdirSync(path.join(out, "stacks")).sort()).toEqual(["backup-vault-account", "management", "member-batch", "member-data", "member-web"]);
    expect(fs.readFileSync(path.join(out, "dr-report.md"), "utf8")).toContain("# DR readiness: reference");
  });
});
