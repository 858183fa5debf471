export * from "./addressing";
export * from "./aws";
export * from "./cron";
export * from "./errors";
export * from "./policy";
export * from "./retention";
export * from "./tags";
