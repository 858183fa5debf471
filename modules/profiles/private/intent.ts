import { DlmCreateRule } from "../../dlm";
import { DlmCreateIntent } from "../intent";

/** The DLM create rule of an intent: every N hours (optionally at a time), or an AWS cron expression. */
export function dlmCreateRule(create: DlmCreateIntent): DlmCreateRule {
  return "cron" in create ? DlmCreateRule.cron(create.cron) : DlmCreateRule.every(create.everyHours, create.at);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Overrides win key by key, objects merge, arrays and scalars replace; `null` removes a preset value. */
export function mergeIntent<T>(preset: T, overrides: unknown): T {
  if (!isObject(preset) || !isObject(overrides)) return (overrides === undefined ? preset : overrides) as T;
  const out: Record<string, unknown> = { ...preset };
  for (const [k, v] of Object.entries(overrides)) {
    if (v === null) delete out[k];
    else out[k] = k in out ? mergeIntent(out[k], v) : v;
  }
  return out as T;
}
