/**
 * AWS tag rules, shared by the constructs (default tags, recovery point tags) and the rollout config (its `tags`
 * and every tag a selection or restore test matches on).
 * @see https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions
 */
import { awsRejects } from "./authority";

/** Longest tag key AWS accepts. */
export const TAG_KEY_MAX_LENGTH = 128;
/** Longest tag value AWS accepts. */
export const TAG_VALUE_MAX_LENGTH = 256;
/** Most tags one resource may carry. */
export const MAX_TAGS_PER_RESOURCE = 50;
/**
 * Characters every tagging service accepts: letters, digits, spaces and `_ . : / = + - @`. IAM, KMS and AWS Backup
 * refuse others; EC2 (and so DLM's tags, including its `$(instance-id)` variables) accepts any.
 */
export const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Which tag rules apply. */
export interface TagRuleOptions {
  /** Also refuse characters outside TAG_CHARACTERS: for tags that reach IAM, KMS or AWS Backup resources. @default false */
  readonly everyService?: boolean;
}

/** The rule a tag key breaks, or undefined when AWS accepts it. */
export function tagKeyRule(key: string, options: TagRuleOptions = {}): string | undefined {
  if (key.length < 1 || key.length > TAG_KEY_MAX_LENGTH) return awsRejects(`tag keys that are not 1-${TAG_KEY_MAX_LENGTH} characters long`);
  if (/^aws:/i.test(key)) return awsRejects("tag keys starting with aws: (reserved for AWS)");
  if (options.everyService && !TAG_CHARACTERS.test(key))
    return awsRejects("tag keys with characters other than letters, digits, spaces and _ . : / = + - @ (in IAM, KMS and AWS Backup)");
  return undefined;
}

/** The rule a tag value breaks, or undefined when AWS accepts it. */
export function tagValueRule(value: unknown, options: TagRuleOptions = {}): string | undefined {
  if (typeof value !== "string") return awsRejects("tag values that are not strings");
  if (value.length > TAG_VALUE_MAX_LENGTH) return awsRejects(`tag values longer than ${TAG_VALUE_MAX_LENGTH} characters`);
  if (options.everyService && !TAG_CHARACTERS.test(value))
    return awsRejects("tag values with characters other than letters, digits, spaces and _ . : / = + - @ (in IAM, KMS and AWS Backup)");
  return undefined;
}

/** The rule a number of tags on one resource breaks, or undefined. */
export function tagCountRule(count: number): string | undefined {
  return count > MAX_TAGS_PER_RESOURCE ? awsRejects(`more than ${MAX_TAGS_PER_RESOURCE} tags on one resource`) : undefined;
}
