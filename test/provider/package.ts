// The package as a program sees it, and the engine inputs of an Influencer it declares.
import * as path from "node:path";
import { captureProviderText, dynamicType, engineInputs, makeUrn, influencerType, type Props } from "../support/host";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/** Loads the built package the way a program does (dist, via the package name). */
export function layers(): typeof import("../..") {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require("pulumi-layers");
}

export const urn = (name: string) => makeUrn(name, "dev", "layers-test", influencerType);
export const mediaUrn = (name: string) => makeUrn(name, "dev", "layers-test", dynamicType("layers", "Media"));

/** Engine inputs (with `__provider`) for one Influencer declared with `args`. */
export function influencerInputs(name: string, args: Record<string, unknown>): Promise<{ inputs: Props; providerText: string }> {
  return declared(() => new (layers().Influencer)(name, args as never));
}

/** Engine inputs (with `__provider`) for one Media declared with `args`. */
export function mediaInputs(name: string, args: Record<string, unknown>): Promise<{ inputs: Props; providerText: string }> {
  return declared(() => new (layers().Media)(name, args as never));
}

async function declared(construct: () => void): Promise<{ inputs: Props; providerText: string }> {
  const [captured] = await captureProviderText(() => {
    construct();
  });
  return { inputs: engineInputs(captured), providerText: captured.providerText };
}
