import { awsRejects } from "./authority";
const UTC_NAMES: ReadonlySet<string> = new Set(["UTC", "Etc/UTC", "GMT", "Etc/GMT"]);
let knownZones: ReadonlySet<string> | undefined;

/**
 * True when the name is an IANA time zone name (`UTC` included): the one list both the rollout config and `Schedule`
 * use, so the two never disagree.
 */
export function isIanaTimeZone(name: string): boolean {
  if (typeof name !== "string" || name.length === 0) return false;
  if (UTC_NAMES.has(name)) return true;
  knownZones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (knownZones.has(name)) return true;
  // Backward-compatible IANA links (e.g. Asia/Calcutta) are not listed by supportedValuesOf but are still IANA names.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The rule a time zone name breaks, or undefined. */
export function timeZoneRule(name: string): string | undefined {
  return isIanaTimeZone(name) ? undefined : awsRejects('names that are not IANA time zone names such as "Europe/Berlin" or "UTC"');
}
