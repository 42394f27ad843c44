// Progress lines through the engine's Log service, so `pulumi up` shows them beside the
// resource they concern (a plugin's stderr is not shown to the user).
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";

export class EngineLog {
  private readonly client: engrpc.EngineClient;

  constructor(address: string) {
    this.client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
  }

  info(message: string, urn?: string): void {
    const req = new engproto.LogRequest().setSeverity(engproto.LogSeverity.INFO).setMessage(message).setUrn(urn ?? "");
    // A lost progress line is not worth failing an operation for; the engine may be gone.
    this.client.log(req, () => undefined);
  }
}
