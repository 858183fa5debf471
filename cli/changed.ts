/**
 * backup-dr changed <git-ref|dir> [--out <dir>] [--rollout <file>] [--json]
 *
 * The stacks of a synth output that differ from an earlier synth, with their wave, so a pipeline plans and applies
 * only those. The earlier synth is a folder, or the app synthesized at a git ref.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ChangedStack, changedStacks } from "../stacks/synth/changed";
import { CommandIo, HelpRequest, UsageError, consoleIo, isHelp, optionValue } from "./args";
import { HarnessSetupError } from "./harness/terraform-harness";
import { UpgradeCheckSetupError, synthAtRef } from "./upgrade/git-ref";

export const CHANGED_USAGE = `usage: backup-dr changed <git-ref|dir> [--out <dir>] [--rollout <file>] [--json]

Lists the stacks of a synth output that are new, changed or gone compared with an earlier synth (cdktf metadata
ignored), each with its deploy wave, so a pipeline plans and applies only those.
  <git-ref|dir>     the earlier synth: a synth output folder, or a git ref at which the app is synthesized
  --out <dir>       the current synth output; default: cdktf.out (synthesize first)
  --rollout <file>  for a git ref: the rollout to synthesize there; default: ROLLOUT_CONFIG, else the app as it is
  --json            print the list as JSON
Prints one line per stack: <wave> <stack> <added|modified|removed>.
Exit codes: 0 listed (also when nothing changed), 2 usage or setup error.`;

export interface ChangedArgs {
  readonly previous: string;
  readonly out: string;
  readonly rollout?: string;
  readonly json: boolean;
}

export function parseChangedArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ChangedArgs | HelpRequest {
  let previous: string | undefined;
  let out = "cdktf.out";
  let rollout = env.ROLLOUT_CONFIG;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    else if (a === "--out") out = optionValue(argv, i++);
    else if (a === "--rollout") rollout = optionValue(argv, i++);
    else if (a === "--json") json = true;
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (previous !== undefined) throw new UsageError(`unexpected argument ${a}`);
    else previous = a;
  }
  if (previous === undefined) throw new UsageError("the earlier synth is required: a git ref or a synth output folder");
  return { previous, out, rollout, json };
}

/** Lists the changed stacks; a ref is synthesized into a temporary folder first. */
export async function runChanged(args: ChangedArgs, io: CommandIo = consoleIo): Promise<ChangedStack[]> {
  if (!fs.existsSync(path.join(args.out, "stacks"))) throw new UsageError(`${args.out} is not a synth output folder (no stacks/): synthesize first`);
  let previous = args.previous;
  let temp: string | undefined;
  if (!fs.existsSync(path.join(previous, "stacks"))) {
    temp = fs.mkdtempSync(path.join(os.tmpdir(), "backup-dr-changed-"));
    previous = path.join(temp, "out");
    await synthAtRef({ ref: args.previous, outdir: previous, rolloutFile: args.rollout ? path.resolve(args.rollout) : undefined, log: (l) => io.err(l) });
  }
  try {
    const changed = changedStacks(previous, args.out);
    if (args.json) io.out(JSON.stringify(changed, null, 2));
    else for (const c of changed) io.out(`${c.wave} ${c.stack} ${c.change}`);
    return changed;
  } finally {
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  }
}

export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  try {
    const args = parseChangedArgs(argv);
    if (isHelp(args)) {
      io.out(CHANGED_USAGE);
      return 0;
    }
    await runChanged(args, io);
    return 0;
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`changed: ${e.message}\n\n${CHANGED_USAGE}`);
      return 2;
    }
    if (e instanceof UpgradeCheckSetupError || e instanceof HarnessSetupError) {
      io.err(`changed: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
