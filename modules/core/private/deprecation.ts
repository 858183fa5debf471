import { IConstruct } from "constructs";
import { Annotations } from "../cdktf";
import { ValidationError, Validator } from "../errors";
import { formatFinding } from "./errors";
import { libraryNeeds } from "../rules/authority";

/** One use of a deprecated prop: where it was given, with what value, and what replaces it. */
export interface DeprecatedPropUse {
  /** The deprecated prop's own name, e.g. `deleteAfterDays`: a construct is warned once per name. */
  readonly prop: string;
  /** The field as given, e.g. `rules[0].lifecycle.deleteAfterDays`. */
  readonly field: string;
  /** The value given. */
  readonly value: unknown;
  /** The field that replaces it, e.g. `rules[0].lifecycle.deleteAfter`. */
  readonly replacement: string;
  /** The replacement value written out, e.g. `Retention.days(35)`. */
  readonly example: string;
}

/** A value type that can say how it is written in code. */
export interface CodeWritable {
  toCode(): string;
}

/** A prop renamed to take a value type: the new field and value, the deprecated numeric field and value. */
export interface RenamedProp<T extends CodeWritable> {
  /** The new field, e.g. `rules[0].lifecycle.deleteAfter`. */
  readonly field: string;
  readonly value: T | undefined;
  /** The deprecated field, e.g. `rules[0].lifecycle.deleteAfterDays`. */
  readonly oldField: string;
  readonly oldValue: number | undefined;
  /** Makes the new value from the old one, e.g. `Retention.days`. */
  readonly fromOld: (old: number) => T;
}

/** The value of a renamed prop and the field the caller gave it in (so messages name what the caller wrote). */
export interface PickedProp<T> {
  /** The value; undefined when neither field was given, or the deprecated value could not be converted. */
  readonly value?: T;
  /** The field that held the value: the new one, or the deprecated one when that was given. */
  readonly field: string;
  /** The value as the caller gave it (the deprecated number, or the value type), for messages. */
  readonly given: unknown;
}

/**
 * Makes a value type from a number given in a plain numeric field, e.g. `Retention.days(n)`. A number the value type
 * refuses is recorded against that field rather than thrown from the value type, so the message names the field.
 */
export function valueFromNumber<T>(v: Validator, field: string, n: number, make: (n: number) => T): T | undefined {
  try {
    return make(n);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    for (const p of e.problems) v.check(false, field, n, p.rule, p.fix);
    return undefined;
  }
}

/**
 * Resolves a prop that was renamed to take a value type, kept for one minor version under its old numeric name:
 * - only the new field: its value;
 * - only the deprecated field: its value converted (recorded in `uses`, for the construct to warn about);
 * - both: a problem naming both fields.
 */
export function pickRenamed<T extends CodeWritable>(v: Validator, uses: DeprecatedPropUse[], p: RenamedProp<T>): PickedProp<T> {
  if (p.oldValue === undefined) return { value: p.value, field: p.field, given: p.value };
  if (p.value !== undefined) {
    // Reported with both values as one object: the check runs even when one of them is a token.
    v.check(
      false,
      p.field,
      { [lastSegment(p.field)]: p.value, [lastSegment(p.oldField)]: p.oldValue },
      libraryNeeds(`one of ${lastSegment(p.field)} and the deprecated ${p.oldField}, which it replaces, not both`),
      `remove ${p.oldField}`,
    );
    return { value: p.value, field: p.field, given: p.value };
  }
  const value = valueFromNumber(v, p.oldField, p.oldValue, p.fromOld);
  uses.push({
    prop: lastSegment(p.oldField),
    field: p.oldField,
    value: p.oldValue,
    replacement: p.field,
    example: value ? value.toCode() : `${lastSegment(p.field)}: <value>`,
  });
  return { value, field: p.oldField, given: p.oldValue };
}

const warned = new WeakMap<IConstruct, Set<string>>();

/**
 * Warns, through cdktf annotations (printed by `cdktf synth`), that a construct was given deprecated props: once per
 * construct and deprecated prop name, however many rules or copy actions use it.
 */
export function warnDeprecated(scope: IConstruct, uses: readonly DeprecatedPropUse[]): void {
  if (uses.length === 0) return;
  const done = warned.get(scope) ?? new Set<string>();
  warned.set(scope, done);
  for (const use of uses) {
    if (done.has(use.prop)) continue;
    done.add(use.prop);
    // cdktf prints the construct path before the message, so the message leaves it out.
    Annotations.of(scope).addWarning(
      formatFinding({
        field: use.field,
        value: use.value,
        rule: `${use.prop} is deprecated and will be removed in the next minor version`,
        fix: `use ${use.replacement}: ${use.example}`,
      }),
    );
  }
}

function lastSegment(field: string): string {
  return field.replace(/^.*\./, "");
}
