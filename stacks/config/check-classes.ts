/**
 * The classes of checks a rollout config goes through, in the order the README lists them. Every problem a config is
 * refused with names one of these, so the README's list and the checks cannot drift apart unnoticed.
 */

/** One class of config checks: its id (what a problem names) and the lead text of its bullet in the README. */
export interface ConfigCheckClassInfo {
  /** What `ConfigProblem.checkClass` holds for a problem of this class. */
  readonly id: string;
  /** The words before the colon of the README bullet that describes the class. */
  readonly lead: string;
}

/** Every class of config checks, in the README's order. */
export const CONFIG_CHECK_CLASSES = [
  { id: "file", lead: "the file" },
  { id: "shape", lead: "shape and types" },
  { id: "state-backend", lead: "state backend" },
  { id: "tags", lead: "tags" },
  { id: "accounts", lead: "accounts and roles" },
  { id: "references", lead: "references" },
  { id: "lists", lead: "lists" },
  { id: "schedules", lead: "schedules" },
  { id: "lifecycles", lead: "lifecycles and windows" },
  { id: "places", lead: "places" },
  { id: "derived-names", lead: "names AWS derives from the config's" },
  { id: "secure-defaults", lead: "secure defaults" },
  { id: "objectives", lead: "objectives" },
  { id: "construct", lead: "what the constructs still refuse" },
] as const satisfies readonly ConfigCheckClassInfo[];

/** The class of checks a config problem comes from: one of the ids of CONFIG_CHECK_CLASSES. */
export type ConfigCheckClass = (typeof CONFIG_CHECK_CLASSES)[number]["id"];

/** Whether a value (a zod issue's param, a worker's reply) names a class of config checks. */
export function isConfigCheckClass(value: unknown): value is ConfigCheckClass {
  return CONFIG_CHECK_CLASSES.some((c) => c.id === value);
}
