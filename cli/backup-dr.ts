#!/usr/bin/env node
/**
 * backup-dr: the package's command-line tools, one entry with subcommands (the package's `bin`). Each command's
 * module is loaded only when it runs, so `backup-dr --help` does not load terraform or rollout code.
 */
import { CommandIo, consoleIo } from "./args";

type Command = (argv: readonly string[], io: CommandIo) => Promise<number>;

/** The subcommands, by name. */
export const COMMANDS: Readonly<Record<string, Command>> = {
  validate: async (argv, io) => (await import("./validate")).main(argv, io),
  "upgrade-check": async (argv, io) => (await import("./upgrade-check")).main(argv, io),
  report: async (argv, io) => (await import("./report")).main(argv, io),
  changed: async (argv, io) => (await import("./changed")).main(argv, io),
  pipeline: async (argv, io) => (await import("./pipeline")).main(argv, io),
};

export const USAGE = `usage: backup-dr <command> [options]

Commands:
  validate [<synth-out-dir>] [--no-plan] [--stack <name>]...
      terraform validate and a plan without AWS access of every stack of a cdktf synth output (default: cdktf.out),
      then the flow proofs of a rollout's synth output (needs @cloud-copilot/iam-simulate, AGPL-3.0, installed by you)
  upgrade-check <git-ref> [--rollout <name|file>]... [--stacks <a,b>] [--strict] [--keep]
      would deploying the working tree over a deployment of <git-ref> destroy or replace a vault, lock, key,
      backup plan, selection or DLM policy? (run inside the app's git repository)
  report [--config <rollout.json>] [--out <dir>]
      the DR readiness report (dr-report.md, dr-report.json) of a rollout config
  changed <git-ref|dir> [--out <dir>] [--rollout <file>] [--json]
      the stacks of a synth output that differ from an earlier synth (a folder, or the app at a git ref), by wave
  pipeline --format github|gitlab [--out <dir>] [--role-arn <pattern>] ...
      a GitHub Actions workflow or GitLab CI pipeline for the stacks, wave by wave, from deploy-order.json
  help [<command>]
      this text, or a command's (also: backup-dr <command> --help)

Environment:
  TF_PROVIDER_MIRROR   a filesystem mirror of the AWS provider, for use without registry access (offline);
                       unset: terraform init installs the version the stacks pin (online)
  TERRAFORM_BINARY     the terraform executable (default: terraform on PATH)

Exit codes: 0 success, 1 findings (a failed stack, a breaking change, config problems), 2 usage or setup error.`;

/** Runs `backup-dr <argv...>`; returns the exit code. */
export async function main(argv: readonly string[], io: CommandIo = consoleIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(USAGE);
    return 2;
  }
  if (command === "help" || command === "--help" || command === "-h") {
    const topic = rest[0];
    if (topic !== undefined && COMMANDS[topic]) return COMMANDS[topic](["--help"], io);
    if (topic !== undefined) {
      io.err(`backup-dr: unknown command "${topic}"\n\n${USAGE}`);
      return 2;
    }
    io.out(USAGE);
    return 0;
  }
  const run = Object.prototype.hasOwnProperty.call(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
    io.err(`backup-dr: unknown command "${command}"\n\n${USAGE}`);
    return 2;
  }
  return run(rest, io);
}

if (require.main === module) {
  process.env.CHECKPOINT_DISABLE ??= "1";
  // Exit once stdout and stderr have drained: process.exit right after a write can cut off output to a pipe.
  const exit = (code: number) => process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
  main(process.argv.slice(2)).then(exit, (e) => {
    console.error(e);
    exit(2);
  });
}
