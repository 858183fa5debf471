import { partitionOf } from "../../../modules/core";
import { accountRootArn, backupVaultArn, iamRoleArn, resolveEnvironment } from "../../../modules/core/private/aws";
import { errorOf } from "../../helpers";

describe("partitionOf", () => {
  test.each([
    ["us-gov-west-1", "aws-us-gov"],
    ["us-gov-east-1", "aws-us-gov"],
    ["cn-north-1", "aws-cn"],
    ["cn-northwest-1", "aws-cn"],
    ["us-east-1", "aws"],
    ["eu-west-1", "aws"],
    ["ap-southeast-7", "aws"],
  ])("%s is in partition %s", (region, partition) => {
    expect(partitionOf(region)).toBe(partition);
  });
});

describe("ARN builders", () => {
  test("a role ARN names the partition, no region, and the path", () => {
    // given / when
    const arn = iamRoleArn(partitionOf("us-gov-west-1"), "111111111111", "AWSBackup-org", "/service-role/");
    // then
    expect(arn).toBe("arn:aws-us-gov:iam::111111111111:role/service-role/AWSBackup-org");
  });

  test("a role ARN without a path uses the root path", () => {
    expect(iamRoleArn("aws", "111111111111", "Deploy")).toBe("arn:aws:iam::111111111111:role/Deploy");
  });

  test("a role ARN can name the receiving account of an Organizations policy", () => {
    expect(iamRoleArn("aws-cn", "$account", "AWSBackup-org", "/service-role/")).toBe("arn:aws-cn:iam::$account:role/service-role/AWSBackup-org");
  });

  test("a vault ARN names the partition and the region", () => {
    const arn = backupVaultArn({ accountId: "222222222222", region: "cn-north-1", partition: partitionOf("cn-north-1") }, "central");
    expect(arn).toBe("arn:aws-cn:backup:cn-north-1:222222222222:backup-vault:central");
  });

  test("an account root ARN names the partition", () => {
    expect(accountRootArn("aws-us-gov", "333333333333")).toBe("arn:aws-us-gov:iam::333333333333:root");
  });
});

describe("resolveEnvironment", () => {
  test("fills in the partition of the region when none is given", () => {
    // given / when
    const env = resolveEnvironment("test", { accountId: "111111111111", region: "us-gov-east-1" });
    // then
    expect(env.partition).toBe("aws-us-gov");
  });

  test("keeps the commercial partition for commercial regions", () => {
    expect(resolveEnvironment("test", { accountId: "111111111111", region: "eu-west-1" }).partition).toBe("aws");
  });

  test("refuses a partition that is not the region's, naming both", () => {
    // given / when
    const message = errorOf(() => resolveEnvironment("test", { accountId: "111111111111", region: "us-gov-west-1", partition: "aws" }));
    // then
    expect(message).toContain(
      'env.partition = "aws": AWS rejects ARNs whose partition is not that of their region, and region us-gov-west-1 is in aws-us-gov: the ARNs built from this would name resources that cannot exist',
    );
    expect(message).toContain("set it to aws-us-gov");
  });
});
