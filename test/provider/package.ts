// The package as a program sees it, and the engine inputs of an Influencer it declares.
import * as path from "node:path";
import { captureProviderText, engineInputs, makeUrn, influencerType, type Props } from "../support/host";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Loads the built package the way a program does (dist, via the package name). */
export function layers(): typeof import("../../index") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("pulumi-layers");
}

export const urn = (name: string) => makeUrn(name, "dev", "layers-test", influencerType);

/** Engine inputs (with `__provider`) for one Influencer declared with `args`. */
export async function influencerInputs(name: string, args: Record<string, unknown>): Promise<{ inputs: Props; providerText: string }> {
  const [captured] = await captureProviderText(() => {
    new (layers().Influencer)(name, args as never);
  });
  return { inputs: engineInputs(captured), providerText: captured.providerText };
}
