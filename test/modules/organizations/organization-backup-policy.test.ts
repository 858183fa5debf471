import { Retention } from "../../../modules/core";
import { Token } from "../../../modules/core/cdktf";
import { BackupPolicyPlan, OrganizationBackupPolicy, OrganizationBackupPolicyProps } from "../../../modules/organizations";
import { buildBackupPolicyDocument } from "../../../modules/organizations/private/backup-policy-document";
import { errorOf, resources, testStack } from "../../helpers";
import { warningsIn } from "../warnings";

const ROOT = "r-ab12";
const OU = "ou-ab12-cd34ef56";
const ACCOUNT = "333333333333";

const PLAN: BackupPolicyPlan = {
  name: "org-standard",
  regions: ["us-east-1"],
  rules: [{ name: "daily", schedule: "cron(0 5 ? * * *)", targetVaultName: "local", deleteAfter: Retention.days(35) }],
  selectionTag: { key: "backup", values: ["standard"] },
  roleName: "BackupService",
  rolePath: "/service-role/",
};

const BASE: OrganizationBackupPolicyProps = { policyName: "org-standard", plans: [PLAN], targets: [OU] };

function policyIn(props: Partial<OrganizationBackupPolicyProps> = {}) {
  const stack = testStack();
  const policy = new OrganizationBackupPolicy(stack, "Policy", { ...BASE, ...props });
  return { stack, policy };
}

describe("OrganizationBackupPolicy: the policy", () => {
  test("is a BACKUP_POLICY whose content is the validated document", () => {
    // given / when
    const { stack } = policyIn({ description: "Daily backups kept 35 days", tags: { Owner: "platform" } });
    // then
    const p = resources(stack, "aws_organizations_policy").Policy;
    expect(p.type).toBe("BACKUP_POLICY");
    expect(p.name).toBe("org-standard");
    expect(p.description).toBe("Daily backups kept 35 days");
    expect(p.tags).toEqual({ Owner: "platform" });
    expect(JSON.parse(p.content)).toEqual(buildBackupPolicyDocument([PLAN]));
  });

  test("exposes the document it wrote", () => {
    const { policy } = policyIn();
    expect(policy.document).toEqual(buildBackupPolicyDocument([PLAN]));
  });

  test("writes a retention that is a token as a Terraform reference inside the content", () => {
    const { stack } = policyIn({ plans: [{ ...PLAN, rules: [{ ...PLAN.rules[0], deleteAfter: Retention.days(Token.asNumber("${var.retention_days}")) }] }] });
    expect(resources(stack, "aws_organizations_policy").Policy.content).toContain('"delete_after_days":{"@@assign":"${var.retention_days}"}');
  });

  test("reports a bad plan with the construct's path", () => {
    const msg = errorOf(() => policyIn({ plans: [{ ...PLAN, regions: ["moon-1"] }] }));
    expect(msg).toContain('test/Policy: plans[0].regions[0] = "moon-1": AWS rejects region names it has not published');
  });

  test("refuses a policy name longer than 128 characters", () => {
    expect(errorOf(() => policyIn({ policyName: "p".repeat(129) }))).toContain("policyName = ");
  });
});

describe("OrganizationBackupPolicy: attachments", () => {
  test("attaches the policy to each root, OU and account, by the policy's ID", () => {
    // given / when
    const { stack } = policyIn({ targets: [ROOT, OU, ACCOUNT] });
    // then
    const attachments = resources(stack, "aws_organizations_policy_attachment");
    expect(Object.keys(attachments).sort()).toEqual(["Policy_Attachment_333333333333", "Policy_Attachment_ou_ab12_cd34ef56", "Policy_Attachment_r_ab12"]);
    expect(Object.values(attachments).map((a: any) => [a.target_id, a.policy_id])).toEqual(
      expect.arrayContaining([
        [ROOT, "${aws_organizations_policy.Policy.id}"],
        [OU, "${aws_organizations_policy.Policy.id}"],
        [ACCOUNT, "${aws_organizations_policy.Policy.id}"],
      ]),
    );
  });

  test.each([
    ["an account ID that is not 12 digits", "12345"],
    ["an OU ID without its root part", "ou-cd34ef56"],
    ["a root ID in capitals", "r-AB12"],
  ])("refuses %s", (_what, target) => {
    expect(errorOf(() => policyIn({ targets: [target] }))).toContain(
      `targets[0] = "${target}": AWS rejects targets other than a root ID (r-...), an OU ID (ou-...-...) or a 12-digit account ID`,
    );
  });

  test("refuses a policy attached nowhere", () => {
    expect(errorOf(() => policyIn({ targets: [] }))).toContain("targets = []: this library needs at least one root, OU or account to attach the policy to");
  });

  test("refuses the same target twice", () => {
    expect(errorOf(() => policyIn({ targets: [OU, OU] }))).toContain("this library rejects a target listed twice");
  });
});

describe("OrganizationBackupPolicy: deprecated numeric props", () => {
  test("warn on the policy once per deprecated prop, with the same content as the value types", () => {
    // given
    const oldRule = { name: "daily", schedule: "cron(0 5 ? * * *)", targetVaultName: "local", deleteAfterDays: 35 };
    // when
    const { stack, policy } = policyIn({ plans: [{ ...PLAN, rules: [oldRule, { ...oldRule, name: "second" }] }] });
    // then
    expect(resources(stack, "aws_organizations_policy").Policy.content).toBe(
      JSON.stringify(buildBackupPolicyDocument([{ ...PLAN, rules: [PLAN.rules[0], { ...PLAN.rules[0], name: "second" }] }])),
    );
    expect(warningsIn(policy)).toEqual([
      "[test/Policy] plans[0].rules[0].deleteAfterDays = 35: deleteAfterDays is deprecated and will be removed in the next minor version. Fix: use plans[0].rules[0].deleteAfter: Retention.days(35)",
    ]);
  });

  test("value types alone give no warning", () => {
    expect(warningsIn(policyIn().stack)).toEqual([]);
  });
});
