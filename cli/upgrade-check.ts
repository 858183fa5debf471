/**
 * backup-dr upgrade-check <git-ref> [--rollout <name|file>]... [--stacks a,b] [--strict] [--plan-unchanged] [--keep]
 *
 * Exit codes: 0 safe as far as checked, 1 breaking changes found, 2 usage or setup error.
 */
import { CommandIo, HelpRequest, UsageError, consoleIo, isHelp, optionValue } from "./args";
import { HarnessSetupError } from "./harness/terraform-harness";
import { UpgradeCheckSetupError, runGitUpgradeCheck } from "./upgrade/git-ref";

export const UPGRADE_CHECK_USAGE = `usage: backup-dr upgrade-check <git-ref> [--rollout <default|reference|file.json>]... [--stacks <a,b>] [--strict]
                             [--plan-unchanged] [--keep]

Run inside a cdktf app's git repository. Plans the working tree against the state a deployment of <git-ref> would
have (fake credentials, no AWS access) and fails when a vault, vault lock, KMS key, backup plan, backup selection or
DLM policy would be destroyed or replaced. A stack whose configuration is the same in both versions (metadata aside),
as is that of every stack it reads, is reported unchanged and not planned; the stacks changed stacks read are planned
for the old version only, for their outputs.
  --rollout   a rollout config to synthesize the app with (ROLLOUT_CONFIG; repeatable): a file, or the name of one of
              this project's reference rollouts (default, reference). Without it: those reference rollouts when the
              repository has them, else the app is synthesized once as it is
  --stacks    only these stacks (comma-separated)
  --strict    also fail when a stack could be compared by address only (not plannable with a 5.x provider)
  --plan-unchanged  plan the unchanged stacks too
  --keep      keep the worktree and Terraform working folders
Exit codes: 0 nothing protected would be destroyed or replaced, 1 breaking changes (or, with --strict, stacks not
fully checked), 2 usage or setup error.`;

export interface CliArgs {
  readonly ref: string;
  readonly rollouts?: string[];
  readonly stacks?: string[];
  readonly strict: boolean;
  readonly planUnchanged: boolean;
  readonly keep: boolean;
}

/** Parses `upgrade-check`'s arguments (those after the command name). */
export function parseArgs(argv: readonly string[]): CliArgs | HelpRequest {
  let ref: string | undefined;
  const rollouts: string[] = [];
  let stacks: string[] | undefined;
  let strict = false;
  let planUnchanged = false;
  let keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    else if (a === "--rollout") rollouts.push(optionValue(argv, i++));
    else if (a === "--stacks")
      stacks = optionValue(argv, i++)
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "");
    else if (a === "--strict") strict = true;
    else if (a === "--plan-unchanged") planUnchanged = true;
    else if (a === "--keep") keep = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (ref !== undefined) throw new UsageError(`one git ref only (got ${ref} and ${a})`);
    else ref = a;
  }
  if (!ref) throw new UsageError("a git ref is required");
  return { ref, rollouts: rollouts.length > 0 ? rollouts : undefined, stacks, strict, planUnchanged, keep };
}

/**
 * `backup-dr upgrade-check ...`: runs the check for command-line arguments; returns the exit code. `output` is where
 * lines go: a CommandIo, or one function for the report lines (problems then go to stderr).
 */
export async function main(argv: readonly string[], output: CommandIo | ((line: string) => void) = consoleIo): Promise<number> {
  const io: CommandIo = typeof output === "function" ? { out: output, err: (l) => console.error(l) } : output;
  try {
    const args = parseArgs(argv);
    if (isHelp(args)) {
      io.out(UPGRADE_CHECK_USAGE);
      return 0;
    }
    const { exitCode } = await runGitUpgradeCheck({ ...args, log: io.out });
    return exitCode;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`upgrade-check: ${e.message}\n\n${UPGRADE_CHECK_USAGE}`);
      return 2;
    }
    if (e instanceof UpgradeCheckSetupError || e instanceof HarnessSetupError) {
      io.err(`upgrade-check: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
