export { BackupKey } from "./backup-key";
export type { BackupKeyProps, IEncryptionKey, KeyDeletionProtection, KeySharing } from "./backup-key";
export { WORKLOAD_KEY_COPY_ACTIONS, WorkloadKey } from "./workload-key";
export type { WorkloadKeyProps } from "./workload-key";
