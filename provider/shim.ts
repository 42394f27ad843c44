// The provider object Pulumi serializes into the `__provider` input of every Influencer.
// It must stay tiny and capture nothing: whatever it captures is copied into state, and
// the text stored there is what delete and refresh run later, possibly with a newer
// package installed. So each method only loads the real implementation by package path
// at run time, in the provider host, from the program's node_modules.
import type * as pulumi from "@pulumi/pulumi";

function implementation() {
  try {
    return require("pulumi-layers/dist/provider/runtime");
  } catch (e) {
    throw new Error(
      "pulumi-layers: cannot load the provider implementation from the program directory " +
        `(${process.cwd()}): ${(e as Error).message}. Run npm install pulumi-layers there.`,
    );
  }
}

export const influencerProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    return implementation().configure(req);
  },
  async check(olds, news) {
    return implementation().check(olds, news);
  },
  async diff(id, olds, news) {
    return implementation().diff(id, olds, news);
  },
  async create(inputs) {
    return implementation().create(inputs);
  },
  async read(id, props) {
    return implementation().read(id, props);
  },
  async update(id, olds, news) {
    return implementation().update(id, olds, news);
  },
  async delete(id, props) {
    return implementation().delete(id, props);
  },
};
