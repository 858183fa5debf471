import { OrganizationPrerequisites, enablePolicyTypeCommand, enableServiceAccessCommand } from "../../../modules/organizations";
import { errorOf, synthJson, testStack } from "../../helpers";

function organizationData(stack: ReturnType<typeof testStack>): any {
  return synthJson(stack).data.aws_organizations_organization.Prerequisites_Organization;
}

describe("OrganizationPrerequisites", () => {
  test("reads the organization and checks each policy type on the root and each trusted service in a postcondition", () => {
    // given
    const stack = testStack();
    // when
    new OrganizationPrerequisites(stack, "Prerequisites", { rootId: "r-ab12", policyTypes: ["BACKUP_POLICY"], servicePrincipals: ["backup.amazonaws.com"] });
    // then
    const [policyType, trusted] = organizationData(stack).lifecycle.postcondition;
    expect(policyType.condition).toBe(
      '${contains(flatten([for r in self.roots : [for t in r.policy_types : t.type if t.status == "ENABLED"] if r.id == "r-ab12"]), "BACKUP_POLICY")}',
    );
    expect(policyType.error_message).toContain("aws organizations enable-policy-type --root-id r-ab12 --policy-type BACKUP_POLICY");
    expect(trusted.condition).toBe('${contains(self.aws_service_access_principals, "backup.amazonaws.com")}');
    expect(trusted.error_message).toContain("aws organizations enable-aws-service-access --service-principal backup.amazonaws.com");
  });

  test("without anything to check, the organization is read without conditions", () => {
    // given
    const stack = testStack();
    // when
    new OrganizationPrerequisites(stack, "Prerequisites", { rootId: "r-ab12" });
    // then
    expect(organizationData(stack).lifecycle).toBeUndefined();
  });

  test("the fix commands are the documented AWS CLI calls", () => {
    expect(enablePolicyTypeCommand("r-ab12", "BACKUP_POLICY")).toBe("aws organizations enable-policy-type --root-id r-ab12 --policy-type BACKUP_POLICY");
    expect(enableServiceAccessCommand("backup.amazonaws.com")).toBe("aws organizations enable-aws-service-access --service-principal backup.amazonaws.com");
  });

  test("refuses a root ID that is not one, naming the field", () => {
    // given / when
    const msg = errorOf(() => new OrganizationPrerequisites(testStack(), "Prerequisites", { rootId: "o-a1b2c3d4e5" }));
    // then
    expect(msg).toContain("rootId");
    expect(msg).toContain("AWS rejects root IDs other than r- and 4-32 lowercase letters or digits (e.g. r-ab12)");
  });
});
