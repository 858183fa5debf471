import { Retention } from "../../../modules/core";
import { CrossAccountCopyPolicy } from "../../../modules/dlm";
import { errorOf } from "../../helpers";
import { EAST_KEY, WEST_COPY, WEST_KEY, onlyPolicy, stackWithRoles } from "./dlm-fixtures";

describe("CrossAccountCopyPolicy", () => {
  test("copies snapshots shared by the source accounts when they are shared (MANAGED_CWE shareSnapshot)", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    new CrossAccountCopyPolicy(stack, "Copy", {
      description: "Copy shared snapshots",
      executionRole: roles,
      sourceAccountIds: ["333333333333", "444444444444"],
      actions: [{ copies: [WEST_COPY] }],
    });
    // then
    const details = onlyPolicy(stack, "Copy").policy_details;
    expect(details.policy_type).toBe("EVENT_BASED_POLICY");
    expect(details.event_source).toEqual({
      type: "MANAGED_CWE",
      parameters: {
        event_type: "shareSnapshot",
        snapshot_owner: ["333333333333", "444444444444"],
        description_regex: "^.*Created for policy: policy-[0-9a-f]+.*$",
      },
    });
  });

  test("encrypts every copy with its local key and keeps it for the set time", () => {
    const { stack, roles } = stackWithRoles();
    new CrossAccountCopyPolicy(stack, "Copy", {
      description: "Copy shared snapshots",
      executionRole: roles,
      sourceAccountIds: ["333333333333"],
      actions: [{ name: "to-dr", copies: [WEST_COPY, { region: "us-east-1", encryptionKey: EAST_KEY, retain: Retention.months(3) }] }],
    });
    expect(onlyPolicy(stack, "Copy").policy_details.action).toEqual({
      name: "to-dr",
      cross_region_copy: [
        { target: "us-west-2", encryption_configuration: { encrypted: true, cmk_arn: WEST_KEY }, retain_rule: { interval: 30, interval_unit: "DAYS" } },
        { target: "us-east-1", encryption_configuration: { encrypted: true, cmk_arn: EAST_KEY }, retain_rule: { interval: 3, interval_unit: "MONTHS" } },
      ],
    });
  });

  test("has no target tags, schedules or resource types", () => {
    const { stack, roles } = stackWithRoles();
    new CrossAccountCopyPolicy(stack, "Copy", {
      description: "d",
      executionRole: roles,
      sourceAccountIds: ["333333333333"],
      actions: [{ copies: [WEST_COPY] }],
    });
    const details = onlyPolicy(stack, "Copy").policy_details;
    expect(details.target_tags).toBeUndefined();
    expect(details.schedule).toBeUndefined();
    expect(details.resource_types).toBeUndefined();
  });

  test("runs as the snapshot role", () => {
    const { stack, roles } = stackWithRoles();
    new CrossAccountCopyPolicy(stack, "Copy", {
      description: "d",
      executionRole: roles,
      sourceAccountIds: ["333333333333"],
      actions: [{ copies: [WEST_COPY] }],
    });
    expect(onlyPolicy(stack, "Copy").execution_role_arn).toBe("${aws_iam_role.DlmRoles_SnapshotRole.arn}");
  });

  test("refuses a copy without a retention", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(
      () =>
        new CrossAccountCopyPolicy(stack, "Copy", {
          description: "d",
          executionRole: roles,
          sourceAccountIds: ["333333333333"],
          actions: [{ copies: [{ region: "us-west-2", encryptionKey: WEST_KEY } as never] }],
        }),
    );
    expect(message).toContain("actions[0].copies[0].retain = (not set): this library needs how long each copy is kept");
  });

  test("refuses a description regex that does not compile", () => {
    const { stack, roles } = stackWithRoles();
    const message = errorOf(
      () =>
        new CrossAccountCopyPolicy(stack, "Copy", {
          description: "d",
          executionRole: roles,
          sourceAccountIds: ["333333333333"],
          descriptionRegex: "^(policy",
          actions: [{ copies: [WEST_COPY] }],
        }),
    );
    expect(message).toContain('descriptionRegex = "^(policy": AWS rejects description patterns that are not valid regular expressions');
  });
});

describe("CrossAccountCopyPolicy pairing with a source share rule", () => {
  test("forSnapshotsSharedBy copies what the source accounts' DLM policies share", () => {
    // given
    const { stack, roles } = stackWithRoles();
    // when
    CrossAccountCopyPolicy.forSnapshotsSharedBy(stack, "Copy", { sourceAccountIds: ["333333333333"], copies: [WEST_COPY], executionRole: roles });
    // then
    const policy = onlyPolicy(stack, "Copy");
    expect(policy.description).toBe("Copy snapshots shared by 1 source accounts");
    expect(policy.policy_details.event_source.parameters.description_regex).toBe(CrossAccountCopyPolicy.DLM_CREATED_SNAPSHOTS);
    expect(policy.policy_details.action.name).toBe("copy-shared-snapshots");
  });

  test("forSnapshotsSharedBy limits the copy to the named source policies", () => {
    const { stack, roles } = stackWithRoles();
    CrossAccountCopyPolicy.forSnapshotsSharedBy(stack, "Copy", {
      sourceAccountIds: ["333333333333"],
      sourcePolicyIds: ["policy-0123456789abcdef0", "policy-0fedcba9876543210"],
      copies: [WEST_COPY],
      executionRole: roles,
    });
    const regex = onlyPolicy(stack, "Copy").policy_details.event_source.parameters.description_regex;
    expect(regex).toBe("^.*Created for policy: (policy-0123456789abcdef0|policy-0fedcba9876543210).*$");
    expect(new RegExp(regex).test("Created for policy: policy-0123456789abcdef0 schedule: daily")).toBe(true);
    expect(new RegExp(regex).test("Created for policy: policy-0aaaaaaaaaaaaaaaa schedule: daily")).toBe(false);
  });

  test("the default regex matches snapshots created by DLM and nothing else", () => {
    const regex = new RegExp(CrossAccountCopyPolicy.DLM_CREATED_SNAPSHOTS);
    expect(regex.test("Created for policy: policy-0123456789abcdef0 schedule: daily")).toBe(true);
    expect(regex.test("manual snapshot before upgrade")).toBe(false);
  });

  test("descriptionRegexFor refuses something that is not a policy ID", () => {
    expect(errorOf(() => CrossAccountCopyPolicy.descriptionRegexFor(["daily-volumes"]))).toContain(
      'policyIds[0] = "daily-volumes": AWS rejects policy IDs other than policy-',
    );
  });
});
