import { conditionBlocks } from "../../../stacks/synth/synth-output";

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
