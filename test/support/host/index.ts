// The host harness: capture a dynamic resource's `__provider` under mocks, then drive the
// real @pulumi/pulumi dynamic provider host over gRPC the way the engine does.
// See docs/host-harness.md for the engine call shapes this reproduces.
export { captureProviderText, engineInputs, type CapturedResource, type CaptureOptions } from "./capture";
export { startProviderHost, type ProviderHost, type StartOptions, type ConfigureOptions, type DiffChanges } from "./host";
export { type HostCallError, type InitFailure } from "./errors";
export { liveHostCount, resolveHostScript } from "./process";
export { makeUrn, dynamicType, influencerType } from "./urn";
export { unknownValue, wireSecret, isWireSecret, unwrapSecrets, providerKey, type Props } from "./wire";
