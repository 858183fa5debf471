import { Testing } from "../../modules/core/cdktf";
import { BackupVault } from "../../modules/backup";
import { AccountStack, AccountStackProps } from "../../stacks/account-stack";
import { errorOf, synthJson } from "../helpers";

const props: AccountStackProps = {
  accountId: "222222222222",
  primaryRegion: "eu-west-1",
  additionalRegions: ["eu-central-1"],
  deployRoleArn: "arn:aws:iam::222222222222:role/deploy",
  backend: { bucket: "org-state", region: "eu-west-1", keyPrefix: "backup-dr/prod" },
  defaultTags: { Owner: "platform" },
};

describe("AccountStack", () => {
  test("pins allowed_account_ids, the deploy role and default tags on every provider, aliased per region", () => {
    const stack = new AccountStack(Testing.app(), "central", props);
    const providers = synthJson(stack).provider.aws;
    expect(providers).toHaveLength(2);
    for (const p of providers) {
      expect(p.allowed_account_ids).toEqual(["222222222222"]);
      expect(p.assume_role[0].role_arn).toBe("arn:aws:iam::222222222222:role/deploy");
      expect(p.default_tags).toEqual([{ tags: { Owner: "platform" } }]);
    }
    expect(providers.map((p: any) => [p.region, p.alias])).toEqual([
      ["eu-west-1", undefined],
      ["eu-central-1", "eu_central_1"],
    ]);
  });

  test("uses an encrypted, locked S3 backend with one key per stack", () => {
    const stack = new AccountStack(Testing.app(), "central", props);
    expect(synthJson(stack).terraform.backend.s3).toEqual({
      bucket: "org-state",
      region: "eu-west-1",
      key: "backup-dr/prod/central.tfstate",
      encrypt: true,
      use_lockfile: true,
    });
  });

  test("gives resources readable logical IDs without hashes", () => {
    const stack = new AccountStack(Testing.app(), "central", props);
    new BackupVault(stack, "Central", {
      vaultName: "central",
      env: { accountId: "222222222222", region: "eu-west-1" },
      accessPolicy: { breakGlassRoleArns: ["arn:aws:iam::222222222222:role/bg"] },
    });
    const json = synthJson(stack);
    expect(Object.keys(json.resource.aws_backup_vault)).toEqual(["Central"]);
    expect(Object.keys(json.resource.aws_kms_key)).toEqual(["Central_Key"]);
  });

  test("refuses two constructs that would share a Terraform address", () => {
    const stack = new AccountStack(Testing.app(), "central", props);
    const env = { accountId: "222222222222", region: "eu-west-1" };
    const accessPolicy = { breakGlassRoleArns: ["arn:aws:iam::222222222222:role/bg"] };
    new BackupVault(stack, "A_Key", { vaultName: "one", env, accessPolicy });
    const message = errorOf(() => new BackupVault(stack, "A", { vaultName: "two", env, accessPolicy }));
    expect(message).toContain('constructs "A_Key/Resource" and "A/Key/Resource" would both get the Terraform address "A_Key"');
  });

  test.each([
    [{ accountId: "22222222222" }, 'accountId = "22222222222"', "AWS rejects account IDs other than 12 digits"],
    [{ primaryRegion: "eu-west-7" }, 'primaryRegion = "eu-west-7"', "region name"],
    [{ additionalRegions: ["eu-west-1"] }, "additionalRegions", "this library rejects a region listed twice"],
    [{ deployRoleArn: "arn:aws:iam::222222222222:user/x" }, "deployRoleArn", "IAM role ARN"],
    [{ backend: { bucket: "Bad_Bucket", region: "eu-west-1" } }, 'backend.bucket = "Bad_Bucket"', "AWS rejects bucket names other than 3-63 lowercase letters"],
  ])("refuses %j", (change, field, rule) => {
    const message = errorOf(() => new AccountStack(Testing.app(), "central", { ...props, ...change }));
    expect(message).toContain(field);
    expect(message).toContain(rule);
  });

  test("names the stack's regions when asked for a provider of another", () => {
    const stack = new AccountStack(Testing.app(), "central", props);
    expect(errorOf(() => stack.providerFor("us-east-1"))).toContain(
      'region = "us-east-1": this library rejects regions this stack has no provider for (it has eu-west-1, eu-central-1)',
    );
  });
});
