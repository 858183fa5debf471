export { BackupKey } from "./backup-key";
export type { BackupKeyProps, IEncryptionKey, KeySharing } from "./backup-key";
