export * from "./backup-key";
