import { rawRollout } from "./rollout-helpers";

/** The HCP Terraform backend the cloud variants of the reference rollouts use. */
export const CLOUD_BACKEND = { type: "cloud", organization: "example-org", project: "Backup DR" } as const;

/** A reference rollout's raw JSON with its state moved from S3 to HCP Terraform: everything else as it is. */
export function rawCloudRollout(name: Parameters<typeof rawRollout>[0] = "reference", backend: Record<string, unknown> = CLOUD_BACKEND): any {
  return { ...rawRollout(name), stateBackend: { ...backend } };
}
