export { PROFILE_NAMES, profilePreset } from "./intent";
export type { AmiIntent, BackupIntent, CopyRetentionIntent, DlmCreateIntent, ProfileName, ProtectionIntent, SnapshotIntent } from "./intent";
export { ProtectionProfile } from "./protection-profile";
export type { ProtectionProfileProps } from "./protection-profile";
export { THREATS, intentForObjectives } from "./objectives";
export type { ProtectionObjectives, Threat } from "./objectives";
