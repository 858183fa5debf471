import { checkBlocksHcl, conditionBlocks } from "../../../stacks/synth/synth-output";

describe("HCL finishing: lifecycle conditions", () => {
  test("cdktf's list of postconditions becomes one postcondition block each", () => {
    // given cdktf's HCL for a data source with two postconditions, after terraform fmt
    const hcl = [
      'data "aws_organizations_organization" "Org" {',
      "  lifecycle {",
      "    postcondition = [",
      "      {",
      '        condition     = "${self.id != \\"\\"}"',
      '        error_message = "one"',
      "      },",
      "      {",
      '        condition     = "${true}"',
      '        error_message = "two"',
      "      },",
      "    ]",
      "  }",
      "}",
    ].join("\n");
    // when / then
    expect(conditionBlocks(hcl).split("\n")).toEqual([
      'data "aws_organizations_organization" "Org" {',
      "  lifecycle {",
      "    postcondition {",
      '      condition     = "${self.id != \\"\\"}"',
      '      error_message = "one"',
      "    }",
      "    postcondition {",
      '      condition     = "${true}"',
      '      error_message = "two"',
      "    }",
      "  }",
      "}",
    ]);
  });

  test("HCL without conditions is left as it is", () => {
    const hcl = 'resource "a" "b" {\n  tags = [\n    "x",\n  ]\n}';
    expect(conditionBlocks(hcl)).toBe(hcl);
  });
});

describe("HCL finishing: check blocks", () => {
  test("a check block's scoped data source and assertion are written in HCL, references plain and messages as templates", () => {
    // given: a check block as Terraform's JSON syntax has it (cdktf's HCL renderer drops these)
    const check = {
      framework_recording: {
        data: {
          aws_backup_framework: {
            status: { name: "${aws_backup_framework.Audit.name}", provider: "aws.us_west_2", depends_on: ["aws_backup_framework.Audit"] },
          },
        },
        assert: [{ condition: '${data.aws_backup_framework.status.status == "ACTIVE"}', error_message: "is ${data.aws_backup_framework.status.status}" }],
      },
    };
    // when
    const hcl = checkBlocksHcl(check);
    // then
    expect(hcl).toBe(
      [
        'check "framework_recording" {',
        '  data "aws_backup_framework" "status" {',
        "    name = aws_backup_framework.Audit.name",
        "    provider = aws.us_west_2",
        "    depends_on = [aws_backup_framework.Audit]",
        "  }",
        "  assert {",
        '    condition = data.aws_backup_framework.status.status == "ACTIVE"',
        '    error_message = "is ${data.aws_backup_framework.status.status}"',
        "  }",
        "}",
        "",
      ].join("\n"),
    );
  });
});
