/**
 * npm run upgrade-check -- <git-ref> [--rollout <name|file>]... [--stacks a,b] [--strict] [--keep]
 *
 * Exit codes: 0 safe as far as checked, 1 breaking changes found, 2 usage or setup error.
 */
import { HarnessSetupError } from "./harness/terraform-harness";
import { UpgradeCheckSetupError, runGitUpgradeCheck } from "./upgrade/git-ref";

const USAGE = `usage: npm run upgrade-check -- <git-ref> [--rollout <default|reference|file.json>]... [--stacks <a,b>] [--strict] [--keep]

Plans the working tree against the state a deployment of <git-ref> would have, offline, and fails when a vault,
vault lock, KMS key, backup plan, backup selection or DLM policy would be destroyed or replaced.
  --rollout   rollout to synthesize (repeatable); default: the reference rollouts default and reference
  --stacks    only these stacks (comma-separated)
  --strict    also fail when a stack could be compared by address only (not plannable with the local provider)
  --keep      keep the worktree and Terraform working folders`;

export interface CliArgs {
  readonly ref: string;
  readonly rollouts?: string[];
  readonly stacks?: string[];
  readonly strict: boolean;
  readonly keep: boolean;
}

export function parseArgs(argv: readonly string[]): CliArgs {
  let ref: string | undefined;
  const rollouts: string[] = [];
  let stacks: string[] | undefined;
  let strict = false;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith("--")) throw new UpgradeCheckSetupError(`${a} needs a value\n${USAGE}`);
      return v;
    };
    if (a === "--rollout") rollouts.push(value());
    else if (a === "--stacks")
      stacks = value()
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    else if (a === "--strict") strict = true;
    else if (a === "--keep") keep = true;
    else if (a === "--help" || a === "-h") throw new UpgradeCheckSetupError(USAGE);
    else if (a.startsWith("--") || ref !== undefined) throw new UpgradeCheckSetupError(`unexpected argument ${a}\n${USAGE}`);
    else ref = a;
  }
  if (!ref) throw new UpgradeCheckSetupError(`a git ref is required\n${USAGE}`);
  return { ref, rollouts: rollouts.length > 0 ? rollouts : undefined, stacks, strict, keep };
}

/** Runs the check for command-line arguments; returns the exit code. */
export async function main(argv: readonly string[], log: (line: string) => void = (l) => console.log(l)): Promise<number> {
  try {
    const args = parseArgs(argv);
    const { exitCode } = await runGitUpgradeCheck({ ...args, log });
    return exitCode;
  } catch (e) {
    if (e instanceof UpgradeCheckSetupError || e instanceof HarnessSetupError) {
      console.error(`upgrade-check: ${e.message}`);
      return 2;
    }
    throw e;
  }
}

if (require.main === module) {
  process.env.CHECKPOINT_DISABLE = "1";
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
