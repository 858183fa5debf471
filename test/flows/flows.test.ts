import { buildRolloutModel } from "../../stacks/model/model";
import { rawRollout, readStacks, rollout, synthRollout } from "../rollout-helpers";
import { RolloutPolicies, proveFlows, rolloutFlows } from "./flows";
import { unknownActions } from "./actions";

const KINDS = ["backup job", "copy to central", "copy to DR region", "DLM AMI cross-region copy", "DLM share then central copy", "copy-back"];

describe.each(["default", "reference"] as const)("flow proofs of the %s rollout", (name) => {
  const config = rollout(rawRollout(name));
  const stacks = readStacks(synthRollout(config));
  const model = buildRolloutModel(config);

  test("every data path is allowed and every deny proof holds", async () => {
    // given
    const policies = new RolloutPolicies(stacks);
    const flows = rolloutFlows(model, policies);
    // when
    const outcomes = await proveFlows(policies, flows);
    // then
    expect(outcomes.filter((o) => !o.ok).map((o) => o.failure)).toEqual([]);
    const proven = outcomes.filter((o) => o.flow.expect === "allow").length;
    const denied = outcomes.filter((o) => o.flow.expect === "deny").length;
    process.stdout.write(`${name}: flows: proven=${proven}/${proven} denied-as-expected=${denied}/${denied}\n`);
  });

  test("the flows cover every kind of data path and every deny proof", () => {
    // given / when
    const flows = rolloutFlows(model, new RolloutPolicies(stacks));
    // then
    const kinds = new Set(
      flows.map((f) =>
        f.name
          .split(": ")
          .slice(0, f.expect === "deny" ? 2 : 1)
          .join(": "),
      ),
    );
    for (const k of name === "default"
      ? KINDS
      : KINDS.filter((k) => k !== "DLM AMI cross-region copy" && k !== "DLM share then central copy" && k !== "copy to DR region"))
      expect(kinds).toContain(k);
    for (const d of [
      "deny: recovery point deletion by a non-break-glass administrator",
      "deny: copy-in from outside the organization",
      "deny: central key deletion by a central administrator",
    ])
      expect(kinds).toContain(d);
  });

  test("every action in every emitted policy exists", async () => {
    // given
    const policies = new RolloutPolicies(stacks);
    // when
    const unknown = await unknownActions([...policies.byAccount.values()].flatMap((p) => p.all));
    // then
    expect(unknown).toEqual([]);
  });
});

describe("a flow proof fails when one statement it needs is missing", () => {
  const config = rollout(rawRollout("default"));
  const stacks = readStacks(synthRollout(config));
  const model = buildRolloutModel(config);

  test.each([
    ["backup job", "aws_kms_key.WorkloadKey_us_east_1", "AccountAdministersKey", "kms:CreateGrant"],
    ["copy to central", "aws_backup_vault_policy.CentralVault_us_east_1_AccessPolicy", "AllowCopyIntoFromOrganization", "backup:CopyIntoBackupVault"],
    ["copy to central", "aws_kms_key.WorkloadKey_us_east_1", "CopyAccountGrantsForAwsResources", "kms:CreateGrant"],
    ["copy to DR region", "AWSBackupServiceRolePolicyForBackup", "BackupVaultPermissions", "backup:CopyIntoBackupVault"],
    ["DLM AMI cross-region copy", "DlmServiceRoles_AmiRoleKeyUse", "GrantsForEbs", "kms:CreateGrant"],
    ["DLM share then central copy", "DlmServiceRoles_SnapshotRoleSourceKeyUse", "UseSnapshotKeys", "kms:Decrypt"],
    ["copy-back", "aws_backup_vault_policy.Vault_us_east_1_AccessPolicy", "AllowCopyIntoFromAccounts", "backup:CopyIntoBackupVault"],
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
    const policies = new RolloutPolicies(stacks);
    const flows = rolloutFlows(model, policies).filter((f) => f.name.startsWith(`${kind}:`) && f.name.includes("us-east-1"));
    // when
    expect(policies.removeStatement(policy, sid)).toBeGreaterThan(0);
    const failures = (await proveFlows(policies, flows)).filter((o) => !o.ok);
    // then: the failure names the flow, the request and the policy that decided it
    expect(failures.length).toBeGreaterThan(0);
    expect(failures[0].failure).toContain(`${kind}:`);
    expect(failures[0].failure).toContain(action);
    expect(failures[0].failure).toMatch(kind.startsWith("deny") ? /allowed \(identity/ : /ImplicitlyDenied|ExplicitlyDenied/);
    expect(failures[0].failure).toContain(kind.startsWith("deny") || policy.includes(".") ? policy.split(".")[0] : "");
  });

  test("an action AWS does not know is reported with its policy", async () => {
    // given
    const policies = new RolloutPolicies(stacks);
    const central = [...policies.byAccount.values()].find((p) => p.stack === "central-backup")!;
    const key = [...central.keys.values()][0];
    key.policy.Statement.push({ Sid: "Typo", Effect: "Allow", Principal: { AWS: "arn:aws:iam::222222222222:root" }, Action: "kms:Decrypts", Resource: "*" });
    // when
    const unknown = await unknownActions(central.all);
    // then
    expect(unknown).toEqual([`${key.name}: kms:Decrypts`]);
  });
});
