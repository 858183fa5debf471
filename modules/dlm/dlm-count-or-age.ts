import type { Retention } from "../core";

/** Keep the newest `count` snapshots or AMIs, or keep each one for `age`; exactly one of the two. */
export interface DlmCountOrAge {
  /** How many to keep, 1-1000. Conflicts with `age`. */
  readonly count?: number;
  /** How long to keep each one. Conflicts with `count`. */
  readonly age?: Retention;
}
