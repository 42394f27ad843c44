// The provider's configuration in the package schema: stack config `layers:*` for the
// default provider, and the inputs of an explicit `pulumi:providers:layers`.
import { DEFAULT_BASE_URL, DEFAULT_JOB_TIMEOUT_SECONDS } from "../core/settings";
import type { Properties } from "./describe";

export const configProperties: Properties = {
  apiKey: {
    description:
      "The Layers API key; it needs the scopes `influencers:write` and `projects:write`. Set it with `pulumi config set --secret layers:apiKey <key>`, or export `LAYERS_API_KEY`. Never stored in clear text.",
    type: { type: "string" },
    secret: true,
    environment: ["LAYERS_API_KEY"],
  },
  baseUrl: {
    description: `The API's base URL, \`${DEFAULT_BASE_URL}\` unless set; the emulator's URL for local runs (for example \`http://127.0.0.1:4010\`).`,
    type: { type: "string" },
    environment: ["LAYERS_BASE_URL"],
    default: DEFAULT_BASE_URL,
  },
  jobTimeoutSeconds: {
    description: `How long create and update wait for persona generation, in seconds (${DEFAULT_JOB_TIMEOUT_SECONDS} unless set); a resource's own \`jobTimeoutSeconds\` wins.`,
    type: { type: "number" },
    environment: ["LAYERS_JOB_TIMEOUT_SECONDS"],
    default: DEFAULT_JOB_TIMEOUT_SECONDS,
  },
};
