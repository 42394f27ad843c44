// Turns gRPC errors from the dynamic provider host into JS Errors that keep what the engine
// would see: the status code, the message, and for create/update the
// ErrorResourceInitFailed detail (a resource that exists but failed to initialise).
//
// The host (cmd/dynamic-provider, grpcResponseFromError) packs that detail only when the
// thrown Error has a truthy `id`: a google.rpc.Status whose details hold one Any of type
// "pulumirpc.ErrorResourceInitFailed", sent as the binary trailer `grpc-status-details-bin`.
import type { ServiceError } from "@grpc/grpc-js";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { fromStruct, type Props } from "./wire";

export const initFailedTypeName = "pulumirpc.ErrorResourceInitFailed";

/** What a created-but-failed resource looks like to the engine. */
export interface InitFailure {
    initFailed: true;
    id: string;
    properties: Props;
    reasons: string[];
}

/** The error every harness call rejects with. */
export interface HostCallError extends Error {
    /** The RPC that failed, e.g. "create". */
    method: string;
    /** gRPC status code (2 = UNKNOWN for errors thrown by provider methods). */
    code?: number;
    /** The status message as sent: the provider's `e.message` for create/update. */
    details?: string;
    /** Present only for ErrorResourceInitFailed. */
    initFailed?: true;
    id?: string;
    properties?: Props;
    reasons?: string[];
}

/** Decodes the ErrorResourceInitFailed detail from a gRPC error, if there is one. */
export function decodeInitFailure(err: ServiceError): InitFailure | undefined {
    const raw = err.metadata?.get("grpc-status-details-bin") ?? [];
    for (const bin of raw) {
        const buf = typeof bin === "string" ? Buffer.from(bin, "base64") : bin;
        const status = statusproto.Status.deserializeBinary(new Uint8Array(buf));
        for (const any of status.getDetailsList()) {
            if (!any.getTypeUrl().endsWith(initFailedTypeName)) continue;
            const detail = provproto.ErrorResourceInitFailed.deserializeBinary(any.getValue_asU8());
            return {
                initFailed: true,
                id: detail.getId(),
                properties: fromStruct(detail.getProperties()),
                reasons: detail.getReasonsList(),
            };
        }
    }
    return undefined;
}

/** Builds the Error a harness call rejects with from a gRPC ServiceError. */
export function toHostCallError(method: string, err: ServiceError): HostCallError {
    const out = new Error(`${method} failed: ${err.details || err.message}`) as HostCallError;
    out.method = method;
    out.code = err.code;
    out.details = err.details;
    const init = decodeInitFailure(err);
    if (init) Object.assign(out, init);
    return out;
}
