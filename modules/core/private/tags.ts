import { Validator } from "../errors";
import { Tags } from "../tags";
import { tagCountRule, tagKeyRule, tagValueRule } from "../rules/tags";

/** Checks tags against AWS's rules (modules/core/rules/tags): keys, values, characters, at most 50. */
export function checkTags(v: Validator, field: string, tags: Tags | undefined): Validator {
  if (!tags) return v;
  const keys = Object.keys(tags);
  const count = tagCountRule(keys.length);
  v.check(count === undefined, field, keys.length, count ?? "");
  for (const k of keys) {
    const key = tagKeyRule(k);
    v.check(key === undefined, `${field}.${k}`, k, key ?? "");
    const value = tagValueRule(tags[k]);
    v.check(value === undefined, `${field}.${k}`, tags[k], value ?? "");
  }
  return v;
}
