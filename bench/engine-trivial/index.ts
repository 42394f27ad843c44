// `bench:count` resources of a dynamic provider that makes no request: create sleeps
// `bench:jobMs` (the emulator's job time in the persona stack), read returns what it has,
// delete returns. Measured beside bench/engine-program in the same run, it is the floor of
// each command: what the engine itself costs for that many dynamic resources.
import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config("bench");
const count = config.requireNumber("count");
const jobMs = config.requireNumber("jobMs");

const provider: pulumi.dynamic.ResourceProvider = {
  async create(inputs) {
    await new Promise((resolve) => setTimeout(resolve, jobMs));
    return { id: `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`, outs: inputs };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};

class Trivial extends pulumi.dynamic.Resource {
  constructor(name: string, args: { index: number }) {
    super(provider, name, args, {});
  }
}

for (let i = 0; i < count; i++) new Trivial(`t${String(i).padStart(4, "0")}`, { index: i });
