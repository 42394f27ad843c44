// The gRPC side of the plugin: Pulumi's ResourceProvider protocol (the protos @pulumi/pulumi
// ships) translated to and from the plain calls of LayersProvider. Nothing here decides what
// a create or a diff does; it only decodes requests, encodes answers and maps errors.
import * as grpc from "@grpc/grpc-js";
import * as anyproto from "google-protobuf/google/protobuf/any_pb";
import * as emptyproto from "google-protobuf/google/protobuf/empty_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import type { CheckFailure } from "../core/check-failure";
import { ResourceInitError } from "../core/errors";
import type { DetailedDiff, LayersProvider } from "./provider";
import { fromStruct, toStruct, type Props } from "./values";

type Call<Req> = grpc.ServerUnaryCall<Req, unknown>;
type Callback = grpc.sendUnaryData<unknown>;

/** Runs `fn` and answers the call with its result, or with the error as a gRPC status. */
function unary<Req>(fn: (req: Req) => Promise<unknown> | unknown) {
  return (call: Call<Req>, callback: Callback) => {
    Promise.resolve()
      .then(() => fn(call.request))
      .then(
        (resp) => callback(null, resp),
        (e: unknown) => callback(toServiceError(e)),
      );
  };
}

function unimplemented(what: string) {
  return (_call: unknown, callback: Callback) => callback({ code: grpc.status.UNIMPLEMENTED, details: `${what} is not implemented by pulumi-resource-layers` });
}

/** A created-but-unfinished resource travels as ErrorResourceInitFailed, so the engine keeps it in state. */
function toServiceError(e: unknown): Partial<grpc.ServiceError> {
  const message = e instanceof Error ? e.message : String(e);
  if (!(e instanceof ResourceInitError)) return { code: grpc.status.UNKNOWN, details: message };
  const detail = new provproto.ErrorResourceInitFailed();
  detail.setId(e.id);
  detail.setProperties(toStruct(e.properties));
  detail.setReasonsList(e.reasons);
  const any = new anyproto.Any();
  any.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
  const status = new statusproto.Status();
  status.setCode(grpc.status.UNKNOWN);
  status.setMessage(message);
  status.addDetails(any);
  const metadata = new grpc.Metadata();
  metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  return { code: grpc.status.UNKNOWN, details: message, metadata };
}

function failures(list: CheckFailure[]): provproto.CheckFailure[] {
  return list.map((f) => new provproto.CheckFailure().setProperty(f.property).setReason(f.reason));
}

const KIND: Record<DetailedDiff[string], provproto.PropertyDiff.Kind> = {
  add: provproto.PropertyDiff.Kind.ADD,
  addReplace: provproto.PropertyDiff.Kind.ADD_REPLACE,
  delete: provproto.PropertyDiff.Kind.DELETE,
  deleteReplace: provproto.PropertyDiff.Kind.DELETE_REPLACE,
  update: provproto.PropertyDiff.Kind.UPDATE,
  updateReplace: provproto.PropertyDiff.Kind.UPDATE_REPLACE,
};

function diffResponse(result: Awaited<ReturnType<LayersProvider["diff"]>>): provproto.DiffResponse {
  const resp = new provproto.DiffResponse();
  resp.setChanges(result.changes ? provproto.DiffResponse.DiffChanges.DIFF_SOME : provproto.DiffResponse.DiffChanges.DIFF_NONE);
  resp.setReplacesList(result.replaces);
  resp.setStablesList(result.stables);
  resp.setDeletebeforereplace(result.deleteBeforeReplace);
  resp.setDiffsList(Object.keys(result.detailedDiff));
  resp.setHasdetaileddiff(true);
  const map = resp.getDetaileddiffMap();
  // The persona fields are compared with what Layers reports (outputs), not with the old inputs.
  for (const [key, kind] of Object.entries(result.detailedDiff)) map.set(key, new provproto.PropertyDiff().setKind(KIND[kind]).setInputdiff(false));
  return resp;
}

/** The service implementation the gRPC server registers. */
export function resourceProviderService(provider: LayersProvider): grpc.UntypedServiceImplementation {
  return {
    getPluginInfo: unary(() => new plugproto.PluginInfo().setVersion(provider.version)),
    handshake: unary((req: provproto.ProviderHandshakeRequest) => {
      provider.handshake({ engineAddress: req.getEngineAddress() });
      return new provproto.ProviderHandshakeResponse().setAcceptSecrets(false).setAcceptResources(false).setAcceptOutputs(false);
    }),
    attach: unary((req: plugproto.PluginAttach) => {
      provider.handshake({ engineAddress: req.getAddress() });
      return new emptyproto.Empty();
    }),
    getSchema: unary((req: provproto.GetSchemaRequest) => {
      if (req.getVersion() !== 0) throw new Error(`unsupported schema version ${req.getVersion()}`);
      return new provproto.GetSchemaResponse().setSchema(provider.schema());
    }),
    checkConfig: unary(async (req: provproto.CheckRequest) => {
      const result = provider.checkConfig(fromStruct(req.getNews()));
      return new provproto.CheckResponse().setInputs(toStruct(result.inputs)).setFailuresList(failures(result.failures));
    }),
    diffConfig: unary((req: provproto.DiffRequest) => diffResponse(provider.diffConfig(fromStruct(req.getOldInputs() ?? req.getOlds()), fromStruct(req.getNews())))),
    configure: unary(async (req: provproto.ConfigureRequest) => {
      const variables: Props = {};
      req.getVariablesMap().forEach((value, key) => (variables[key] = value));
      await provider.configure({ args: req.hasArgs() ? fromStruct(req.getArgs()) : undefined, variables, urn: req.getUrn(), name: req.getName() });
      return new provproto.ConfigureResponse().setAcceptsecrets(false).setSupportspreview(false).setAcceptresources(false).setAcceptoutputs(false);
    }),
    check: unary(async (req: provproto.CheckRequest) => {
      const result = await provider.check(req.getUrn(), fromStruct(req.getOlds()), fromStruct(req.getNews()));
      return new provproto.CheckResponse().setInputs(toStruct(result.inputs)).setFailuresList(failures(result.failures));
    }),
    diff: unary(async (req: provproto.DiffRequest) =>
      diffResponse(await provider.diff(req.getId(), req.getUrn(), fromStruct(req.getOlds()), fromStruct(req.getNews()), req.hasOldInputs() ? fromStruct(req.getOldInputs()) : undefined)),
    ),
    create: unary(async (req: provproto.CreateRequest) => {
      const { id, outs } = await provider.create(req.getUrn(), fromStruct(req.getProperties()), req.getPreview());
      return new provproto.CreateResponse().setId(id).setProperties(toStruct(outs));
    }),
    read: unary(async (req: provproto.ReadRequest) => {
      const result = await provider.read(req.getId(), req.getUrn(), fromStruct(req.getProperties()), fromStruct(req.getInputs()));
      const resp = new provproto.ReadResponse().setId(result.id ?? "");
      if (result.props) resp.setProperties(toStruct(result.props));
      if (result.inputs) resp.setInputs(toStruct(result.inputs));
      return resp;
    }),
    update: unary(async (req: provproto.UpdateRequest) => {
      const outs = await provider.update(req.getId(), req.getUrn(), fromStruct(req.getOlds()), fromStruct(req.getNews()), req.getPreview());
      return new provproto.UpdateResponse().setProperties(toStruct(outs));
    }),
    delete: unary(async (req: provproto.DeleteRequest) => {
      await provider.delete(req.getId(), req.getUrn(), fromStruct(req.getProperties()), req.hasOldInputs() ? fromStruct(req.getOldInputs()) : undefined);
      return new emptyproto.Empty();
    }),
    invoke: unary(async (req: provproto.InvokeRequest) => {
      const result = await provider.invoke(req.getTok(), fromStruct(req.getArgs()));
      const resp = new provproto.InvokeResponse().setFailuresList(failures(result.failures));
      if (result.value) resp.setReturn(toStruct(result.value));
      return resp;
    }),
    cancel: unary(() => {
      provider.cancel();
      return new emptyproto.Empty();
    }),
    getMapping: unary(() => new provproto.GetMappingResponse().setProvider("").setData("")),
    getMappings: unary(() => new provproto.GetMappingsResponse()),
    parameterize: unimplemented("Parameterize"),
    construct: unimplemented("Construct"),
    call: unimplemented("Call"),
    list: (call: grpc.ServerWritableStream<unknown, unknown>) => call.emit("error", { code: grpc.status.UNIMPLEMENTED, details: "List is not implemented by pulumi-resource-layers" }),
  };
}

/** Serves the provider on a free loopback port and resolves with the port. */
export async function serve(provider: LayersProvider): Promise<{ port: number; server: grpc.Server }> {
  // The engine may send large programs' states; the SDK's own servers raise the same limits.
  const server = new grpc.Server({ "grpc.max_receive_message_length": 1024 * 1024 * 400, "grpc.max_send_message_length": 1024 * 1024 * 400 });
  server.addService(provrpc.ResourceProviderService, resourceProviderService(provider));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return { port, server };
}
