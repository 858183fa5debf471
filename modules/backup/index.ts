export * from "./air-gapped-vault";
export * from "./backup-vault";
export * from "./vault-access-policy";
export * from "./vault-base";
export * from "./vault-lock";
export * from "./vault-notifications";
