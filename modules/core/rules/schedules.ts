/**
 * How often schedules may run: AWS Backup plans and DLM policies refuse schedules that run too often, and a schedule
 * that never runs (a past year, an impossible date) is accepted by AWS and silently protects nothing.
 */
import { AwsCron } from "../cron";
import { ValidationError } from "../errors";

/** AWS Backup runs a plan's rule at most once an hour. */
export const BACKUP_MIN_GAP_MINUTES = 60;
/** DLM runs a schedule at most once an hour. */
export const DLM_MIN_GAP_MINUTES = 60;
/** DLM runs a schedule at least once a year. */
export const DLM_MAX_GAP_MINUTES = 366 * 1440;

/** How often a schedule may run. */
export interface ScheduleLimits {
  /** Shortest gap between runs, in minutes. */
  readonly minGapMinutes?: number;
  /** Longest gap between runs, in minutes. */
  readonly maxGapMinutes?: number;
  /** Who sets the limits, for messages: "AWS Backup", "DLM". */
  readonly service?: string;
}

/** The rule a parsed cron breaks against the limits, or undefined. */
export function scheduleFrequencyRule(cron: AwsCron, limits: ScheduleLimits, now: Date = new Date()): string | undefined {
  const years = pastYearsOnly(cron.fields.year, now.getUTCFullYear());
  if (years) return `never runs: every year it names (${years}) is past, so AWS accepts it and nothing is ever protected`;
  const f = cron.frequency();
  const service = limits.service ?? "AWS";
  if (limits.minGapMinutes !== undefined && f.minGapMinutes < limits.minGapMinutes)
    return `runs ${f.minGapMinutes} minutes apart: ${service} rejects schedules that run more often than every ${limits.minGapMinutes} minutes`;
  if (limits.maxGapMinutes !== undefined && f.maxGapMinutes > limits.maxGapMinutes)
    return `leaves ${Math.round(f.maxGapMinutes / 1440)} days between runs: ${service} rejects schedules that run less often than once a year`;
  return undefined;
}

/** The rule a cron expression breaks (its syntax; then its frequency, after the expression quoted), or undefined. */
export function cronRule(expression: string, limits: ScheduleLimits = {}, now?: Date): string | undefined {
  try {
    const rule = scheduleFrequencyRule(AwsCron.parse(expression, "schedule", "schedule"), limits, now);
    return rule === undefined ? undefined : `${JSON.stringify(expression)} ${rule}`;
  } catch (e) {
    if (e instanceof ValidationError) return e.problems.map((p) => p.rule).join("; ");
    throw e;
  }
}

/** The year list when it names only years before `current`, else undefined. */
function pastYearsOnly(year: string, current: number): string | undefined {
  if (year === "*" || year.includes("/")) return undefined;
  const ends = year.split(",").map((part) => Number(part.split("-").pop()));
  return ends.every((y) => Number.isFinite(y) && y < current) ? year : undefined;
}
