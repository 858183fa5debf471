/**
 * The conformance cases whose configurations use arguments that AWS provider 6.25.0 lacks. Every argument of every
 * transcribed configuration is looked up in the 6.25.0 schema (the installed bindings); the ones missing are listed
 * by case here and printed, never skipped silently.
 */
import { LACKS, argumentsProviderLacks, providerArguments } from "./conformance";

describe("arguments provider 6.25.0 lacks", () => {
  test("the schema lookup finds the arguments 6.25.0 has and reports the ones it lacks", () => {
    // given an argument of the schema and one that is not
    expect(providerArguments("aws_backup_plan").has("target_logically_air_gapped_backup_vault_arn")).toBe(true);
    // then only the unknown one is reported, with its path
    expect(argumentsProviderLacks("aws_backup_plan", { name: "p", rule: [{ rule_name: "r", no_such_argument: 1 }], tags: { any_key: "v" } })).toEqual([
      "rule.no_such_argument",
    ]);
  });

  test("the cases that use them are exactly the ones listed", () => {
    // Each case's `compared` call asserts that its configuration's arguments are all in the 6.25.0 schema, or exactly
    // the ones LACKS names for it; none of the transcribed configurations uses one 6.25.0 lacks.
    console.log(`conformance cases whose arguments provider 6.25.0 lacks: ${Object.keys(LACKS).length === 0 ? "none" : JSON.stringify(LACKS)}`);
    expect(LACKS).toEqual({});
  });
});
