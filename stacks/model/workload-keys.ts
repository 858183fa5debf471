import type { MemberConfig, RolloutConfig } from "../config/schema";

/** A member's workload encryption in one region: the key the stack creates and the keys workloads already use. */
export interface WorkloadKeyModel {
  readonly region: string;
  /** The alias of the created key, without `alias/`. */
  readonly alias: string;
  /** Whether the created key is the account's EBS default key in the region. */
  readonly ebsDefault: boolean;
  /** The account that may copy recovery points and snapshots encrypted with the key. */
  readonly copyAccountId: string;
  /** Customer-managed keys workloads already use here, named in the config; their policies are not managed by the rollout. */
  readonly existingKeyArns: readonly string[];
}

/** Resolves a member's workload keys, one per region. */
export function workloadKeys(config: RolloutConfig, m: MemberConfig, centralAccountId: string): ReadonlyMap<string, WorkloadKeyModel> {
  const wk = m.workloadKeys ?? { ebsDefault: true, existingKeyArns: {} };
  return new Map(
    m.regions.map((region) => [
      region,
      {
        region,
        alias: `${config.name}-workloads`,
        ebsDefault: wk.ebsDefault,
        copyAccountId: centralAccountId,
        existingKeyArns: wk.existingKeyArns[region] ?? [],
      },
    ]),
  );
}
