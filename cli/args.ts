/** What the backup-dr commands share: usage errors, help requests, where lines go. */

/** A command line that cannot be run as given (exit code 2, with the command's usage). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** What a parser returns for `--help` / `-h`: print the command's usage, exit 0. */
export interface HelpRequest {
  readonly help: true;
}

export function isHelp(parsed: object): parsed is HelpRequest {
  return (parsed as Partial<HelpRequest>).help === true;
}

/** Where a command prints: `out` for results, `err` for problems. */
export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

export const consoleIo: CommandIo = { out: (l) => console.log(l), err: (l) => console.error(l) };

/** The value after an option (`--stack <name>`); a missing value or another option in its place is a usage error. */
export function optionValue(argv: readonly string[], index: number): string {
  const value = argv[index + 1];
  if (value === undefined || value.startsWith("--")) throw new UsageError(`${argv[index]} needs a value`);
  return value;
}
