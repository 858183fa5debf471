import { buildRolloutModel } from "../../stacks/model/model";
import { DENY_KINDS, FLOW_KINDS, rolloutFlows } from "../../stacks/flows/flows";
import { managedPolicy } from "../../stacks/flows/managed-policies";
import { RolloutPolicies } from "../../stacks/flows/policies";
import { RunSimulation, flowSummaryLine, loadFlowEvaluator, proveFlows } from "../../stacks/flows/prove";
import { rawRollout, readStacks, rollout, synthRollout } from "../rollout-helpers";
import { unknownActions } from "./actions";

/** The evaluator, a devDependency: the tests fail (never skip) when it is missing. */
function evaluator(): RunSimulation {
  const load = loadFlowEvaluator();
  if ("missing" in load) throw new Error(`the flow proofs need the evaluator: ${load.missing}`);
  return load.run;
}

const NOT_IN_REFERENCE = [
  "DLM AMI cross-region copy",
  "DLM share then central copy",
  "copy to DR region",
  "restore test of central copies",
  "restore test of DR-region copies",
];

describe.each(["default", "reference", "govcloud"] as const)("flow proofs of the %s rollout", (name) => {
  const config = rollout(rawRollout(name));
  const stacks = readStacks(synthRollout(config));
  const set = rolloutFlows(buildRolloutModel(config));

  test("every data path is allowed and every deny proof holds", async () => {
    // given
    const policies = new RolloutPolicies(stacks, set.external);
    // when
    const outcomes = await proveFlows(evaluator(), policies, set.flows);
    // then
    expect(outcomes.filter((o) => !o.ok).map((o) => o.failure)).toEqual([]);
    const proven = outcomes.filter((o) => o.flow.expect === "allow").length;
    const denied = outcomes.filter((o) => o.flow.expect === "deny").length;
    expect(flowSummaryLine(outcomes)).toBe(`flows: proven=${proven}/${proven} denied-as-expected=${denied}/${denied}`);
  });

  test("the flows cover every kind of data path and every deny proof", () => {
    // given / when
    const kinds = new Set(set.flows.map((f) => f.kind));
    // then
    for (const k of name === "default" ? FLOW_KINDS : FLOW_KINDS.filter((k) => !NOT_IN_REFERENCE.includes(k))) expect(kinds).toContain(k);
    for (const d of DENY_KINDS) expect(kinds).toContain(d);
  });

  test("every action in every emitted policy exists", async () => {
    // given
    const policies = new RolloutPolicies(stacks, set.external);
    // when
    const unknown = await unknownActions([...policies.byAccount.values()].flatMap((p) => p.all));
    // then
    expect(unknown).toEqual([]);
  });
});

describe("a flow proof fails when one statement it needs is missing", () => {
  const config = rollout(rawRollout("default"));
  const stacks = readStacks(synthRollout(config));
  const set = rolloutFlows(buildRolloutModel(config));

  test.each([
    ["backup job", "aws_kms_key.WorkloadKey_us_east_1", "AccountAdministersKey", "kms:CreateGrant"],
    ["copy to central", "aws_backup_vault_policy.CentralVault_us_east_1_AccessPolicy", "AllowCopyIntoFromOrganization", "backup:CopyIntoBackupVault"],
    ["copy to central", "aws_kms_key.WorkloadKey_us_east_1", "CopyAccountGrantsForAwsResources", "kms:CreateGrant"],
    ["copy to DR region", "AWSBackupServiceRolePolicyForBackup", "BackupVaultPermissions", "backup:CopyIntoBackupVault"],
    ["DLM AMI cross-region copy", "DlmServiceRoles_AmiRoleKeyUse", "GrantsForEbs", "kms:CreateGrant"],
    ["DLM share then central copy", "DlmServiceRoles_SnapshotRoleSourceKeyUse", "UseSnapshotKeys", "kms:Decrypt"],
    ["copy-back", "aws_backup_vault_policy.Vault_us_east_1_AccessPolicy", "AllowCopyIntoFromAccounts", "backup:CopyIntoBackupVault"],
    ["copy-back", "aws_kms_key.CentralVault_us_east_1_Key", "OrganizationUsesKeyForCopies", "kms:DescribeKey"],
    ["report delivery", "aws_s3_bucket_policy.ReportBucket_Policy", "BackupAuditManagerReports", "s3:PutObject"],
    ["restore test of central copies", "AWSBackupServiceRolePolicyForRestores", "EBSPermissions", "ec2:CreateVolume"],
    ["restore test of DR-region copies", "AWSBackupServiceRolePolicyForRestores", "EBSPermissions", "ec2:CreateVolume"],
    [
      "deny: recovery point deletion by a non-break-glass administrator",
      "aws_backup_vault_policy.Vault_us_east_1",
      "DenyRecoveryPointDeletionExceptBreakGlass",
      "backup:DeleteRecoveryPoint",
    ],
    [
      "deny: central key deletion by a central administrator",
      "aws_kms_key.CentralVault_us_east_1_Key",
      "DenyKeyDeletionExceptBreakGlass",
      "kms:ScheduleKeyDeletion",
    ],
  ])("%s, without %s %s", async (kind, policy, sid, action) => {
    // given
    const policies = new RolloutPolicies(stacks, set.external);
    const flows = set.flows.filter(
      (f) => f.kind === kind && (f.name.includes("us-east-1") || kind === "report delivery" || kind === "restore test of DR-region copies"),
    );
    expect(flows.length).toBeGreaterThan(0);
    // when
    expect(policies.removeStatement(policy, sid)).toBeGreaterThan(0);
    const failures = (await proveFlows(evaluator(), policies, flows)).filter((o) => !o.ok);
    // then: the failure names the flow, the request and the policy that decided it
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].failure).toContain(`${kind}:`);
    expect(failures[0].failure).toContain(action);
    expect(failures[0].failure).toMatch(kind.startsWith("deny") ? /allowed \(identity/ : /ImplicitlyDenied|ExplicitlyDenied/);
    expect(failures[0].failure).toContain(kind.startsWith("deny") || policy.includes(".") ? policy.split(".")[0] : "");
  });

  test("an action AWS does not know is reported with its policy", async () => {
    // given
    const policies = new RolloutPolicies(stacks, set.external);
    const central = [...policies.byAccount.values()].find((p) => p.stack === "central-backup")!;
    const key = [...central.keys.values()][0];
    key.policy.Statement.push({ Sid: "Typo", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "kms:Decrypts", Resource: "*" });
    // when
    const unknown = await unknownActions(central.all);
    // then
    expect(unknown).toEqual([`${key.name}: kms:Decrypts`]);
  });
});

describe("a flow proof of the GovCloud rollout fails when one statement it needs is missing", () => {
  const config = rollout(rawRollout("govcloud"));
  const stacks = readStacks(synthRollout(config));
  const set = rolloutFlows(buildRolloutModel(config));

  test.each([
    ["copy-back", "aws_backup_vault_policy.Vault_us_gov_west_1_AccessPolicy", "AllowCopyIntoFromAccounts", "backup:CopyIntoBackupVault"],
    ["copy-back", "aws_kms_key.CentralVault_us_gov_west_1_Key", "OrganizationUsesKeyForCopies", "kms:DescribeKey"],
    ["report delivery", "aws_s3_bucket_policy.ReportBucket_Policy", "BackupAuditManagerReports", "s3:PutObject"],
    ["restore test of central copies", "AWSBackupServiceRolePolicyForRestores", "EBSPermissions", "ec2:CreateVolume"],
  ])("%s, without %s %s", async (kind, policy, sid, action) => {
    // given
    const policies = new RolloutPolicies(stacks, set.external);
    const flows = set.flows.filter((f) => f.kind === kind && (f.name.includes("us-gov-west-1") || kind === "report delivery"));
    expect(flows.length).toBeGreaterThan(0);
    // when
    expect(policies.removeStatement(policy, sid)).toBeGreaterThan(0);
    const failures = (await proveFlows(evaluator(), policies, flows)).filter((o) => !o.ok);
    // then
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].failure).toContain(`${kind}:`);
    expect(failures[0].failure).toContain(action);
    expect(failures[0].failure).toContain("arn:aws-us-gov:");
    expect(failures[0].failure).toMatch(/ImplicitlyDenied|ExplicitlyDenied/);
  });
});

describe("managed policies", () => {
  test("a managed policy attached in another partition names that partition's ARNs", () => {
    // given / when
    const policy = managedPolicy("arn:aws-us-gov:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores");
    // then
    const text = JSON.stringify(policy.policy);
    expect(text).not.toContain('"arn:aws:');
    expect(text).toContain('"arn:aws-us-gov:ec2:*::snapshot/*"');
    expect(policy.name).toMatch(/^arn:aws-us-gov:iam::aws:policy\/service-role\/AWSBackupServiceRolePolicyForRestores \(v\d+\)$/);
  });

  test("a managed policy without data cannot be proven, and the error says which policies are known", () => {
    // given / when / then
    expect(() => managedPolicy("arn:aws:iam::aws:policy/AdministratorAccess")).toThrow(
      /^no data for the AWS managed policy arn:aws:iam::aws:policy\/AdministratorAccess: the flow proofs know AWSBackupServiceLinkedRolePolicyForBackup, /,
    );
  });
});
