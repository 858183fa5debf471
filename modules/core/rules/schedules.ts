/**
 * How often schedules may run: AWS Backup plans and DLM policies refuse schedules that run too often, and a schedule
 * that never runs (a past year, an impossible date) is accepted by AWS and silently protects nothing.
 */
import { AwsCron } from "../cron";
import { ValidationError } from "../errors";
import { awsRejects, libraryRejects } from "./authority";

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

/** The rule a parsed cron breaks against the limits, or undefined; `subject` names the schedule in the text. */
export function scheduleFrequencyRule(cron: AwsCron, limits: ScheduleLimits, now: Date = new Date(), subject = "this one"): string | undefined {
  const years = pastYearsOnly(cron.fields.year, now.getUTCFullYear());
  // AWS accepts such a schedule and never runs it: refusing it is this library's choice.
  if (years) return libraryRejects(`a schedule that never runs: every year ${subject} names (${years}) is past, so AWS would accept it and protect nothing`);
  const f = cron.frequency();
  const service = limits.service ? ` (${limits.service})` : "";
  if (limits.minGapMinutes !== undefined && f.minGapMinutes < limits.minGapMinutes)
    return awsRejects(`schedules that run more often than every ${limits.minGapMinutes} minutes${service}: ${subject} runs ${f.minGapMinutes} minutes apart`);
  if (limits.maxGapMinutes !== undefined && f.maxGapMinutes > limits.maxGapMinutes)
    return awsRejects(`schedules that run less often than once a year${service}: ${subject} leaves ${Math.round(f.maxGapMinutes / 1440)} days between runs`);
  return undefined;
}

/** The rule a cron expression breaks (its syntax; then its frequency, naming the expression), or undefined. */
export function cronRule(expression: string, limits: ScheduleLimits = {}, now?: Date): string | undefined {
  try {
    return scheduleFrequencyRule(AwsCron.parse(expression, "schedule", "schedule"), limits, now, JSON.stringify(expression));
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
