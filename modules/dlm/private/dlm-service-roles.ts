import { Validator } from "../../core";
import { checkRoleArn } from "../../core/private/aws";
import { isUnresolved } from "../../core/private/errors";
import { DLM_AMI_MANAGED_POLICY, DLM_SNAPSHOT_MANAGED_POLICY, DlmRolePurpose, DlmRoleSource, DlmServiceRoles, IDlmExecutionRole } from "../dlm-service-roles";
import { awsRejects, libraryRejects } from "../../core/rules/authority";

/**
 * Resolves a policy's execution role and refuses a role known to be made for the other purpose: AMI policies need the
 * AMI-management managed policy, every other policy the snapshot one.
 */
export function resolveExecutionRole(v: Validator, field: string, source: DlmRoleSource | undefined, purpose: DlmRolePurpose): IDlmExecutionRole {
  v.required(field, source, awsRejects("a policy without the IAM role DLM runs it as"));
  if (source === undefined || source === null) return { roleArn: "" };
  if (source instanceof DlmServiceRoles) return source.roleFor(purpose);
  if (typeof source === "string") {
    checkRoleArn(v, field, source);
    return { roleArn: source };
  }
  const wanted = purpose === "AMI" ? DLM_AMI_MANAGED_POLICY : DLM_SNAPSHOT_MANAGED_POLICY;
  const other = purpose === "AMI" ? "snapshotRole" : "amiRole";
  const right = purpose === "AMI" ? "amiRole" : "snapshotRole";
  v.check(
    source.purpose === undefined || source.purpose === purpose,
    field,
    isUnresolved(source.roleArn) ? `DlmServiceRoles.${other}` : source.roleArn,
    libraryRejects(`the role for ${source.purpose === "AMI" ? "AMI" : "snapshot"} policies here: this policy needs the role with ${wanted}`),
    `use DlmServiceRoles.${right} (or pass the DlmServiceRoles construct itself)`,
  );
  if (!isUnresolved(source.roleArn)) checkRoleArn(v, field, source.roleArn);
  return source;
}
