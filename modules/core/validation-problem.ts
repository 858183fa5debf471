/** What was wrong with one input: the field, the value given, the rule it breaks and, where known, the fix. */
export interface ValidationProblem {
  /** Where the value came from: a construct path or a JSON path. */
  readonly where: string;
  /** The field (prop or config key) that holds the bad value. */
  readonly field: string;
  /** The value that was given. */
  readonly value: unknown;
  /** The rule the value breaks, in words. */
  readonly rule: string;
  /** How to fix it, when there is one obvious fix. */
  readonly fix?: string;
}
