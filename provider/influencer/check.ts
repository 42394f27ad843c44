// check: the program's inputs against the contract's rules, before any API call. The
// inputs handed on are the declared ones (a host's own keys and undefined members dropped).
import type { CheckFailure, HostProps } from "../core/validation";
import { validateInputs } from "./schema";

export function checkInfluencer(news: HostProps): { inputs: HostProps; failures: CheckFailure[] } {
  const inputs: HostProps = {};
  for (const [key, value] of Object.entries(news)) if (key !== "__provider" && value !== undefined) inputs[key] = value;
  return { inputs, failures: validateInputs(inputs) };
}
