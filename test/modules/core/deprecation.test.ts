import { Construct } from "constructs";
import { Retention, Validator } from "../../../modules/core";
import { DeprecatedPropUse, pickRenamed, valueFromNumber, warnDeprecated } from "../../../modules/core/private/deprecation";
import { Testing } from "../../../modules/core/cdktf";

function rename(value: Retention | undefined, oldValue: number | undefined) {
  const v = new Validator("Plan");
  const uses: DeprecatedPropUse[] = [];
  const picked = pickRenamed(v, uses, { field: "lifecycle.deleteAfter", value, oldField: "lifecycle.deleteAfterDays", oldValue, fromOld: Retention.days });
  let error = "";
  try {
    v.throwIfAny();
  } catch (e) {
    error = (e as Error).message;
  }
  return { picked, uses, error };
}

/** The warning annotations of one construct. */
function warnings(c: Construct): string[] {
  return c.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

describe("pickRenamed", () => {
  test("takes the new prop as given, with nothing to warn about", () => {
    const { picked, uses, error } = rename(Retention.days(35), undefined);
    expect(picked).toEqual({ value: Retention.days(35), field: "lifecycle.deleteAfter", given: Retention.days(35) });
    expect(uses).toEqual([]);
    expect(error).toBe("");
  });

  test("converts the deprecated prop and records its use under the field the caller wrote", () => {
    const { picked, uses } = rename(undefined, 35);
    expect(picked.value).toEqual(Retention.days(35));
    expect(picked.field).toBe("lifecycle.deleteAfterDays");
    expect(uses).toEqual([
      { prop: "deleteAfterDays", field: "lifecycle.deleteAfterDays", value: 35, replacement: "lifecycle.deleteAfter", example: "Retention.days(35)" },
    ]);
  });

  test("refuses both forms, naming both fields", () => {
    const { error } = rename(Retention.days(35), 35);
    expect(error).toBe(
      'Plan: lifecycle.deleteAfter = {"deleteAfter":"35 days","deleteAfterDays":35}: this library needs one of deleteAfter and the deprecated lifecycle.deleteAfterDays, which it replaces, not both. Fix: remove lifecycle.deleteAfterDays',
    );
  });

  test("reports a deprecated number the value type refuses at the deprecated field", () => {
    const { error } = rename(undefined, 2.5);
    expect(error).toBe("Plan: lifecycle.deleteAfterDays = 2.5: this library needs a whole number of at least 1");
  });
});

describe("valueFromNumber", () => {
  test("names the field a refused number came from", () => {
    const v = new Validator("Profile");
    expect(valueFromNumber(v, "intent.backup.retentionDays", 0, Retention.days)).toBeUndefined();
    expect(() => v.throwIfAny()).toThrow("Profile: intent.backup.retentionDays = 0: this library needs a whole number of at least 1");
  });
});

describe("warnDeprecated", () => {
  const use = (field: string): DeprecatedPropUse => ({
    prop: "deleteAfterDays",
    field,
    value: 35,
    replacement: field.replace(/Days$/, ""),
    example: "Retention.days(35)",
  });

  test("warns once per construct and deprecated prop, however often it is used", () => {
    // given
    const scope = new Construct(Testing.app(), "Plan");
    // when
    warnDeprecated(scope, [use("rules[0].lifecycle.deleteAfterDays"), use("rules[1].lifecycle.deleteAfterDays")]);
    warnDeprecated(scope, [use("rules[2].lifecycle.deleteAfterDays")]);
    // then
    expect(warnings(scope)).toEqual([
      "rules[0].lifecycle.deleteAfterDays = 35: deleteAfterDays is deprecated and will be removed in the next minor version. Fix: use rules[0].lifecycle.deleteAfter: Retention.days(35)",
    ]);
  });

  test("warns each construct for itself", () => {
    const app = Testing.app();
    const a = new Construct(app, "A");
    const b = new Construct(app, "B");
    warnDeprecated(a, [use("deleteAfterDays")]);
    warnDeprecated(b, [use("deleteAfterDays")]);
    expect([warnings(a).length, warnings(b).length]).toEqual([1, 1]);
  });

  test("adds nothing when no deprecated prop was used", () => {
    const scope = new Construct(Testing.app(), "Plan");
    warnDeprecated(scope, []);
    expect(warnings(scope)).toEqual([]);
  });
});
