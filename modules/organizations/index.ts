export * from "./backup-policy-document";
export * from "./delegated-backup-administrator";
export * from "./organization-backup-policy";
