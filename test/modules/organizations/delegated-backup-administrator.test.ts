import { DelegatedBackupAdministrator } from "../../../modules/organizations";
import { errorOf, resources, testStack } from "../../helpers";

const MANAGEMENT = "111111111111";
const CENTRAL = "222222222222";

describe("DelegatedBackupAdministrator", () => {
  test("registers the account as delegated administrator for AWS Backup", () => {
    // given
    const stack = testStack();
    // when
    new DelegatedBackupAdministrator(stack, "Delegated", { accountId: CENTRAL, managementAccountId: MANAGEMENT });
    // then
    expect(resources(stack, "aws_organizations_delegated_administrator")).toEqual({
      Delegated: { account_id: CENTRAL, service_principal: "backup.amazonaws.com" },
    });
  });

  test("uses the provider it is given", () => {
    const stack = testStack();
    new DelegatedBackupAdministrator(stack, "Delegated", { accountId: CENTRAL, managementAccountId: MANAGEMENT, provider: stack.providerFor("us-west-2") });
    expect(resources(stack, "aws_organizations_delegated_administrator").Delegated.provider).toBe("aws.us_west_2");
  });

  test("refuses the management account: it cannot delegate to itself", () => {
    const msg = errorOf(() => new DelegatedBackupAdministrator(testStack(), "Delegated", { accountId: MANAGEMENT, managementAccountId: MANAGEMENT }));
    expect(msg).toBe(
      `test/Delegated: accountId = "${MANAGEMENT}": AWS rejects the management account as a delegated administrator. Fix: delegate to the central backup account`,
    );
  });

  test("refuses an account ID that is not 12 digits", () => {
    const msg = errorOf(() => new DelegatedBackupAdministrator(testStack(), "Delegated", { accountId: "2222", managementAccountId: MANAGEMENT }));
    expect(msg).toContain('accountId = "2222": AWS rejects account IDs other than 12 digits');
  });
});
