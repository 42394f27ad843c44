// The provider objects Pulumi serializes into the `__provider` input of every resource.
// They must stay tiny and capture nothing: whatever they capture is copied into state, and
// the text stored there is what delete and refresh run later, possibly with a newer
// package installed. So each method only loads the real implementation by package path
// at run time, in the provider host, from the program's node_modules. One text per
// resource type (the host caches a provider per text and calls no method with the type).
import type * as pulumi from "@pulumi/pulumi";

/** What a runtime module (runtime.ts, media/runtime.ts) exports. */
type Runtime = Required<pulumi.dynamic.ResourceProvider> & { configure(req: unknown): Promise<void> };

/**
 * `load` must be an arrow holding a literal `require("pulumi-layers/…")`: the closure
 * serializer keeps such a require as it is, resolved in the host at run time.
 */
function shim(load: () => Runtime): pulumi.dynamic.ResourceProvider {
  const implementation = (): Runtime => {
    try {
      return load();
    } catch (e) {
      throw new Error(
        "pulumi-layers: cannot load the provider implementation from the program directory " +
          `(${process.cwd()}): ${(e as Error).message}. Run npm install pulumi-layers there.`,
      );
    }
  };
  return {
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
}

export const influencerProvider = shim(() => require("pulumi-layers/dist/provider/runtime"));
export const mediaProvider = shim(() => require("pulumi-layers/dist/provider/media/runtime"));
