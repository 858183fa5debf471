/**
 * AWS Organizations identifiers: the organization, its root and its OUs, whose IDs must belong together.
 * @see https://docs.aws.amazon.com/organizations/latest/APIReference/API_OrganizationalUnit.html
 */
import { awsRejects, providerRejects } from "./authority";

/** An organization ID: `o-` and 10-32 lowercase letters or digits. */
export const ORGANIZATION_ID_PATTERN = /^o-[a-z0-9]{10,32}$/;
/** A root ID: `r-` and 4-32 lowercase letters or digits. */
export const ROOT_ID_PATTERN = /^r-[0-9a-z]{4,32}$/;
/** An OU ID: `ou-`, the root's suffix, `-`, 8-32 lowercase letters or digits. */
export const OU_ID_PATTERN = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;

/** The rule an OU ID breaks given the root it must sit under, or undefined. */
export function ouUnderRootRule(ouId: string, rootId: string): string | undefined {
  const root = /^r-([0-9a-z]+)$/.exec(rootId)?.[1];
  const ou = /^ou-([0-9a-z]+)-/.exec(ouId)?.[1];
  if (root === undefined || ou === undefined || root === ou) return undefined;
  // A predicate after the OU ID (the config checks put the ID first), so the attribution comes after.
  return `cannot be in root ${rootId}: IDs of its OUs start with ou-${root}- (ou-<root ID without r->-), and ${awsRejects("OU IDs it has no OU for")}`;
}

/** The rule an IAM role ARN breaks given the account it must be in, or undefined. */
export function roleInAccountRule(roleArn: string, accountId: string, owner: string): string | undefined {
  const account = /^arn:[^:]+:iam::(\d{12}):/.exec(roleArn)?.[1];
  if (account === undefined || account === accountId) return undefined;
  // A predicate after the role ARN (the config checks put the ARN first), so the attribution comes after.
  return `is a role in account ${account}, but ${owner} is account ${accountId}: ${providerRejects("every plan once Terraform assumes it, as its allowed_account_ids names only that account")}`;
}
