/**
 * The AWS managed policies that the rollout's roles attach, and that the flow proofs evaluate: copies of AWS's
 * published documents (with their AWS version), kept as data files so a proof evaluates what AWS evaluates. They are
 * written for the `aws` partition; a policy is loaded for the partition of the ARN it is attached by.
 */
import backupServiceLinked from "./managed-policies/AWSBackupServiceLinkedRolePolicyForBackup.json";
import backupService from "./managed-policies/AWSBackupServiceRolePolicyForBackup.json";
import restores from "./managed-policies/AWSBackupServiceRolePolicyForRestores.json";
import dlm from "./managed-policies/AWSDataLifecycleManagerServiceRole.json";
import dlmAmis from "./managed-policies/AWSDataLifecycleManagerServiceRoleForAMIManagement.json";
import reports from "./managed-policies/AWSServiceRolePolicyForBackupReports.json";
import type { NamedPolicy, Policy } from "./policies";

interface ManagedPolicyData {
  readonly name: string;
  readonly versionId: string;
  readonly document: unknown;
}

const DATA: readonly ManagedPolicyData[] = [backupServiceLinked, backupService, restores, dlm, dlmAmis, reports];
const BY_NAME = new Map(DATA.map((d) => [d.name, d]));

/** The names of the managed policies kept as data. */
export const MANAGED_POLICY_NAMES: readonly string[] = DATA.map((d) => d.name);

/**
 * An AWS managed policy by its ARN (`arn:<partition>:iam::aws:policy/...`), its ARNs in that partition. Throws for a
 * policy that is not kept as data: a role attaching it cannot be proven.
 */
export function managedPolicy(arn: string): NamedPolicy {
  const name = arn.split("/").pop()!;
  const data = BY_NAME.get(name);
  if (!data) throw new Error(`no data for the AWS managed policy ${arn}: the flow proofs know ${MANAGED_POLICY_NAMES.join(", ")}`);
  const partition = arn.split(":")[1];
  const text = JSON.stringify(data.document);
  const policy: Policy = JSON.parse(partition === "aws" ? text : text.replace(/"arn:aws:/g, `"arn:${partition}:`));
  return { name: `${arn} (${data.versionId})`, policy };
}
