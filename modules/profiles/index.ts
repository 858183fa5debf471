export * from "./intent";
export * from "./protection-profile";
