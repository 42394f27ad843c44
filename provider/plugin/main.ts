#!/usr/bin/env node
// `pulumi-resource-layers`: the Layers provider plugin. The engine starts it (bin/ holds the
// launcher) with its own address as the argument and reads the port it serves on from the
// first line of standard output.
import { flushCompileCache } from "../compile-cache"; // first: @pulumi/pulumi, gRPC and the rest load from the cache
import { LayersProvider } from "./provider";
import { serve } from "./server";

async function main(): Promise<void> {
  const provider = new LayersProvider();
  const engineAddress = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (engineAddress) provider.handshake({ engineAddress });
  const { port } = await serve(provider);
  flushCompileCache(); // before the engine hears the port: nothing else runs in between
  process.stdout.write(`${port}\n`);
}

main().catch((e: unknown) => {
  console.error(`pulumi-resource-layers: ${(e as Error)?.message ?? e}`);
  process.exit(1);
});
