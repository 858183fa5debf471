/**
 * Whose rule an error enforces, said in the words users read: every rule text a construct raises starts with one of
 * these phrases (or, for this project's secure defaults, is worded by `secureDefaultRule`), so a user can tell at once
 * whether AWS would refuse the value anyway, whether Terraform would, or whether it is this library asking.
 *
 * One home: the constructs, the rule helpers and the Validator build their rule texts with these functions; a static
 * test fails on any rule text that is neither built here nor by `secureDefaultRule`.
 */

/**
 * Who makes a rule:
 * - `aws`: the AWS API refuses the value (or accepts it and silently does not use it: `awsIgnores`);
 * - `terraform`: `terraform validate` or `plan` fails on it;
 * - `provider`: the AWS provider for Terraform refuses it (or cannot express it);
 * - `library`: this library's own usage rule (its types, props that exclude each other by its design).
 * This project's secure defaults are a fifth class, worded by `secureDefaultRule`.
 */
export type RuleAuthority = "aws" | "terraform" | "provider" | "library";

const REJECTS: Readonly<Record<RuleAuthority, string>> = {
  aws: "AWS rejects",
  terraform: "Terraform rejects",
  provider: "the AWS provider rejects",
  library: "this library rejects",
};

/** The phrase every attributed rule text starts with, by authority (secure defaults excepted: they say so at the end). */
export const ATTRIBUTION_PHRASES: Readonly<Record<RuleAuthority, readonly string[]>> = {
  aws: ["AWS rejects ", "AWS ignores "],
  terraform: ["Terraform rejects "],
  provider: ["the AWS provider rejects ", "the AWS provider ignores "],
  library: ["this library rejects ", "this library needs "],
};

/** The marker `secureDefaultRule` puts in the text of a secure default's error. */
export const SECURE_DEFAULT_MARKER = "(this project's secure default ";

/** A rule AWS enforces: its API refuses the value. `what` is what it refuses, e.g. `tag keys starting with aws:`. */
export function awsRejects(what: string): string {
  return rejects("aws", what);
}

/** A value AWS accepts and silently does not use, so it would mislead. `what` is what it ignores. */
export function awsIgnores(what: string): string {
  return `AWS ignores ${what}`;
}

/** A rule of Terraform itself: `terraform validate` or `plan` fails. */
export function terraformRejects(what: string): string {
  return rejects("terraform", what);
}

/** A rule of the AWS provider for Terraform: it refuses the value, or has no argument to deploy it. */
export function providerRejects(what: string): string {
  return rejects("provider", what);
}

/** A value the AWS provider accepts and silently drops (it never reaches AWS), so it would mislead. */
export function providerIgnores(what: string): string {
  return `the AWS provider ignores ${what}`;
}

/** This library's own rule, refusing a value its API does not take. */
export function libraryRejects(what: string): string {
  return rejects("library", what);
}

/** This library's own rule, asking for what its API needs, e.g. `a Schedule (Schedule.cron, Schedule.daily, ...)`. */
export function libraryNeeds(what: string): string {
  return `this library needs ${what}`;
}

/** The rule text of the given authority refusing `what`. */
export function rejects(by: RuleAuthority, what: string): string {
  return `${REJECTS[by]} ${what}`;
}

/** Whose rule a rule text states, or undefined when it does not say (which the static attribution test forbids). */
export function ruleAuthorityOf(rule: string): RuleAuthority | "secure-default" | undefined {
  if (rule.includes(SECURE_DEFAULT_MARKER)) return "secure-default";
  for (const [by, phrases] of Object.entries(ATTRIBUTION_PHRASES) as [RuleAuthority, readonly string[]][]) {
    if (phrases.some((p) => rule.startsWith(p))) return by;
  }
  return undefined;
}
