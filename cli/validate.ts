/**
 * backup-dr validate [<synth-out-dir>] [--no-plan] [--stack <name>]...
 *
 * terraform validate and a plan (fake credentials, local backend: no AWS access) of every stack of a cdktf synth
 * output, through the terraform harness. Works on the output of any cdktf app.
 */
import * as os from "node:os";
import { CommandIo, HelpRequest, UsageError, consoleIo, isHelp, optionValue } from "./args";
import { runFlowProofs } from "./flow-proofs";
import { HarnessSetupError, checkSynthOutput, describeProviderMode, explain, listStacks } from "./harness/terraform-harness";

export const VALIDATE_USAGE = `usage: backup-dr validate [<synth-out-dir>] [--no-plan] [--stack <name>]...

Runs terraform validate and a plan without AWS access (fake credentials, a local backend, remote state served from
the plans of upstream stacks) for every stack of a cdktf synth output. Then proves the flows of a backup-dr rollout
(flows.json, written by its synth): every data path allowed and every deny proof holding, by IAM evaluation of the
synthesized policies; prints "flows: proven=N/N denied-as-expected=M/M" and writes each result into the DR report.
The evaluator, @cloud-copilot/iam-simulate (AGPL-3.0), is not installed with this package: without it the proofs are
not run, and validate says so.
  <synth-out-dir>   the synth output folder (holding stacks/<name>/cdk.tf.json or cdk.tf); default: cdktf.out
  --no-plan         validate only
  --stack <name>    only this stack (repeatable)

The AWS provider: online (TF_PROVIDER_MIRROR unset), terraform init installs the version the stacks pin; offline
(TF_PROVIDER_MIRROR=<filesystem mirror>), the mirror's version is used (see the README).
Exit codes: 0 every stack passed (and every flow proof held, where run), 1 a stack failed or a flow proof failed,
2 usage or setup error (no terraform, no provider).`;

export interface ValidateArgs {
  /** The synth output folder. */
  readonly outDir: string;
  /** Whether to plan after validate. */
  readonly plan: boolean;
  /** Only these stacks; undefined means every stack. */
  readonly stacks?: readonly string[];
}

/** Parses `validate`'s arguments (those after the command name). */
export function parseValidateArgs(argv: readonly string[]): ValidateArgs | HelpRequest {
  const stacks: string[] = [];
  let outDir: string | undefined;
  let plan = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--help" || a === "-h") return { help: true };
    else if (a === "--no-plan") plan = false;
    else if (a === "--stack") stacks.push(optionValue(argv, i++));
    else if (a.startsWith("-")) throw new UsageError(`unknown option ${a}`);
    else if (outDir !== undefined) throw new UsageError(`one synth output folder only (got ${outDir} and ${a})`);
    else outDir = a;
  }
  return { outDir: outDir ?? "cdktf.out", plan, stacks: stacks.length > 0 ? stacks : undefined };
}

/** Runs `validate`; returns the exit code. */
export async function runValidate(args: ValidateArgs, io: CommandIo = consoleIo): Promise<number> {
  const available = listStacks(args.outDir);
  const unknown = (args.stacks ?? []).filter((s) => !available.includes(s));
  if (unknown.length > 0) {
    throw new HarnessSetupError(`no stack ${unknown.join(", ")} in ${args.outDir} (its stacks: ${available.join(", ") || "none"})`);
  }
  const started = Date.now();
  io.out(`Checking ${args.outDir} with terraform validate${args.plan ? " and an offline plan" : ""}, ${os.cpus().length} at a time`);
  const results = await checkSynthOutput(args.outDir, {
    plan: args.plan,
    showPlans: false,
    stacks: args.stacks,
    onProgress: (l) => io.out(l),
    onProviderMode: (mode) =>
      io.out(
        `Provider: ${describeProviderMode(mode)}${mode.toleratedAttributes.length > 0 ? "; errors naming attributes that exist only in AWS provider 6.x are tolerated" : ""}`,
      ),
  });
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) io.err(explain(r));
  const planned = results.filter((r) => r.planned).length;
  const validateOnly = results.filter((r) => r.ok && !r.planned).length;
  io.out(
    `${results.length} stacks: ${results.length - failed.length} passed, ${failed.length} failed; ${planned} planned, ${validateOnly} validated only [${((Date.now() - started) / 1000).toFixed(1)}s]`,
  );
  // The proofs are about the whole rollout: every account's policies take part in a cross-account request.
  if (args.stacks) {
    io.out("flows: not run: flow proofs need every stack (no --stack)");
    return failed.length === 0 ? 0 : 1;
  }
  const flows = await runFlowProofs(args.outDir, io);
  return failed.length === 0 && flows !== "failed" ? 0 : 1;
}

/** `backup-dr validate ...`: parses, runs, and turns usage and setup errors into exit code 2. */
export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  try {
    const args = parseValidateArgs(argv);
    if (isHelp(args)) {
      io.out(VALIDATE_USAGE);
      return 0;
    }
    return await runValidate(args, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`validate: ${e.message}\n\n${VALIDATE_USAGE}`);
      return 2;
    }
    if (e instanceof HarnessSetupError) {
      io.err(`error: ${e.message}`);
      return 2;
    }
    throw e;
  }
}
