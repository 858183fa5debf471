import { Fn } from "../cdktf";
import { Validator } from "../errors";
import { PolicyDocument, PolicyStatement } from "../policy-document";
import { isUnresolved } from "./errors";
import { libraryRejects } from "../rules/authority";

/**
 * Renders a policy document for a resource argument. Literal documents become plain JSON text; documents that
 * hold tokens go through Terraform's `jsonencode`, because a token inside JSON text renders as invalid HCL.
 */
export function renderPolicy(doc: PolicyDocument): string {
  return containsToken(doc) ? Fn.jsonencode(doc) : JSON.stringify(doc);
}

function containsToken(value: unknown): boolean {
  if (typeof value === "string") return isUnresolved(value);
  if (Array.isArray(value)) return value.some(containsToken);
  if (value && typeof value === "object") return Object.values(value).some(containsToken);
  return false;
}

/** The actions of a statement as a list. */
export function actionsOf(s: PolicyStatement): readonly string[] {
  if (s.Action === undefined) return [];
  return typeof s.Action === "string" ? [s.Action] : s.Action;
}

/** A service principal's trust policy (sts:AssumeRole), used by every service role. */
export function serviceTrustPolicy(servicePrincipal: string, sourceAccount?: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: servicePrincipal },
        Action: "sts:AssumeRole",
        ...(sourceAccount ? { Condition: { StringEquals: { "aws:SourceAccount": sourceAccount } } } : {}),
      },
    ],
  };
}
const ORG_CONDITION_KEYS = ["aws:principalorgid", "aws:principalorgpaths"];

/** True when the statement's principal is everyone (`"*"` or `{ AWS: "*" }`). */
export function isWildcardPrincipal(s: PolicyStatement): boolean {
  if (s.Principal === "*") return true;
  if (!s.Principal) return false;
  const aws = s.Principal.AWS;
  return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
}

/** True when the statement carries an organization condition (aws:PrincipalOrgID or aws:PrincipalOrgPaths). */
export function hasOrgCondition(s: PolicyStatement): boolean {
  return Object.values(s.Condition ?? {}).some((byKey) => Object.keys(byKey).some((k) => ORG_CONDITION_KEYS.includes(k.toLowerCase())));
}

/** Refuses an Allow to `*` without any condition: such a statement opens the resource to every AWS account. */
export function checkNoUnconditionedWildcardAllow(where: string, field: string, doc: PolicyDocument): void {
  const v = new Validator(where);
  doc.Statement.forEach((s, i) => {
    v.check(
      !(s.Effect === "Allow" && isWildcardPrincipal(s) && !s.Condition),
      `${field}.Statement[${i}]`,
      s.Sid ?? s,
      libraryRejects('an Allow statement with principal "*" and no condition: it opens the resource to every AWS account (add e.g. aws:PrincipalOrgID)'),
    );
  });
  v.throwIfAny();
}
