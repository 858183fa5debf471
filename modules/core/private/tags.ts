import { Validator } from "../errors";
import { Tags } from "../tags";

/** Checks tags against AWS's limits: keys 1-128 characters not starting with `aws:`, values up to 256, at most 50. */
export function checkTags(v: Validator, field: string, tags: Tags | undefined): Validator {
  if (!tags) return v;
  const keys = Object.keys(tags);
  v.check(keys.length <= 50, field, keys.length, "at most 50 tags per resource");
  for (const k of keys) {
    v.check(k.length >= 1 && k.length <= 128 && !/^aws:/i.test(k), `${field}.${k}`, k, "tag keys are 1-128 characters and may not start with aws:");
    v.check(typeof tags[k] === "string" && tags[k].length <= 256, `${field}.${k}`, tags[k], "tag values are strings of at most 256 characters");
  }
  return v;
}
