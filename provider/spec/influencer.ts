// layers:index:Influencer in the package schema: what each input and output means, in the
// words users read in their editor, the reference page and `pulumi import`'s code. Types and
// rules come from the zod input schema (influencer/schema.ts) that `check` enforces.
import { CREATE_AGE_RANGES, PATCH_GENDERS } from "../influencer/fields";
import { inputSchema, personalitySchema } from "../influencer/schema";
import { LIST_STATUSES } from "../influencer/lookups";
import { propertiesFromZod, ref, type Properties, type PropertySpec } from "./describe";
import { TOKENS } from "./tokens";

export { TOKENS } from "./tokens";

export const INFLUENCER_DESCRIPTION =
  "A Layers brand-ambassador persona. `pulumi up` creates exactly one (POST, then it waits until Layers has generated it), " +
  "applies the declared persona fields with PATCH, and keeps them in line with the program: an edit made in the Layers " +
  "dashboard shows up as drift in `pulumi preview --refresh`. Only declared fields are managed; the others keep what " +
  "Layers generated. `pulumi destroy` soft-deletes the persona with `deleteReason`, which Layers keeps for audit.";

const string = { type: "string" } as const;

export const influencerInputs: Properties = propertiesFromZod(inputSchema, {
  projectId: { description: "The Layers project the persona belongs to (a UUID). Required. Changing it replaces the persona.", replaceOnChanges: true },
  prompt: {
    description: "A create-time hint that steers generation (for example `barista energy`). Layers does not report it back, so it is never drift. Changing it replaces the persona.",
    replaceOnChanges: true,
  },
  name: { description: "The persona's display name. Without it Layers generates one. Removing it stops managing the name (the API cannot clear it)." },
  gender: {
    description: "`non_binary` and `nonbinary` are the same value; Layers reads it back as `nonbinary`.",
    type: ref(TOKENS.gender),
  },
  ageRange: {
    description: "A preset the create call takes (`teen`, `young_adult`, `adult`, `mid_adult`, `mature`, `senior`) or a free-form band such as `25-34`, applied by PATCH.",
    type: { type: "string", oneOf: [ref(TOKENS.ageRangePreset), string] },
  },
  ethnicity: { description: "Free text." },
  bodyType: { description: "Free text." },
  hairColor: { description: "Free text." },
  hairStyle: { description: "Free text." },
  style: { description: "The persona's visual and fashion style." },
  vibe: { description: "The overall impression the persona gives." },
  voiceDescription: { description: "How the persona sounds." },
  brandVoice: { description: "How the persona speaks for the brand." },
  language: { description: "A BCP-47 language tag such as `en` or `pt-BR`." },
  personality: {
    description: "Traits, tone, humor, formality, values, interests, speaking style and catchphrases. A change replaces the object as a whole on the persona.",
    type: ref(TOKENS.personality),
  },
  referenceImageAssetIds: {
    description: "Media asset ids (`med_` + 26 characters, e.g. a `layers.Media`'s `assetId`) bound as reference images, no id twice. Adding one binds it; removing a bound one replaces the persona (the API cannot unbind).",
  },
  deleteReason: { description: "Stored by Layers for audit when the persona is deleted. Changing it only changes what Pulumi records. Default: `Deleted by Pulumi stack <project>/<stack>`." },
  jobTimeoutSeconds: { description: "How long create and update wait for persona generation. Default: the provider's `jobTimeoutSeconds` (900)." },
  adoptId: { description: "Take over this existing persona (`inf_` + 26 characters, in `projectId`) at create instead of making a new one; the declared fields are then applied to it. Read at create only." },
  cloneFrom: {
    description: "Create this persona as a clone (an A/B variant) of that one (`inf_` + 26 characters, same project): the declared fields are the clone's overrides. Cannot be combined with `adoptId` or `prompt`. Changing it replaces the persona.",
    replaceOnChanges: true,
  },
});

const output = (description: string, type: PropertySpec["type"] = string): PropertySpec => ({ description, type });
/** An output Layers reports as null while unset. */
const nullable = (description: string, type: PropertySpec["type"] = string): PropertySpec => ({ description, type, nullable: true });

/** Outputs: the persona as the API reports it, and the inputs the API cannot report back. */
export const influencerOutputs: Properties = {
  influencerId: output("The persona's id (`inf_` + 26 characters); also the resource's id."),
  projectId: output("The Layers project the persona belongs to (a UUID)."),
  status: output("Where generation is. A persona is changed only once it is `ready`; a `failed` one is replaced by the next `pulumi up`.", ref(TOKENS.status)),
  thumbnailUrl: nullable("The portrait's thumbnail, when Layers has made it."),
  referenceImages: output("The images bound to the persona, as Layers reports them.", { type: "array", items: ref(TOKENS.referenceImage) }),
  createdAt: output("When Layers created the persona (RFC 3339)."),
  updatedAt: output("When the persona last changed (RFC 3339)."),
  name: nullable("The name as Layers reports it: the generated one when the program declares none."),
  gender: nullable("As Layers spells it: `male`, `female`, `nonbinary` or `unspecified`."),
  ageRange: nullable("As Layers reports it."),
  ethnicity: nullable("As Layers reports it."),
  bodyType: nullable("As Layers reports it."),
  hairColor: nullable("As Layers reports it."),
  hairStyle: nullable("As Layers reports it."),
  style: nullable("As Layers reports it."),
  vibe: nullable("As Layers reports it."),
  voiceDescription: nullable("As Layers reports it."),
  brandVoice: nullable("As Layers reports it."),
  language: nullable("As Layers reports it."),
  personality: nullable("As Layers reports it.", ref(TOKENS.personality)),
  prompt: output("The declared `prompt`, as recorded at create."),
  referenceImageAssetIds: output("The declared reference image ids.", { type: "array", items: string }),
  deleteReason: output("The reason Layers will store when the persona is deleted."),
  cloneFrom: output("The persona this one was cloned from, when declared."),
};

/** Outputs always present; the rest may be absent (null) until Layers sets them. */
export const INFLUENCER_REQUIRED_OUTPUTS = ["influencerId", "projectId", "status", "referenceImages"] as const;

export const influencerTypes = {
  [TOKENS.personality]: {
    description: "A persona's personality. Every key is optional; no other keys are accepted.",
    properties: propertiesFromZod(personalitySchema, {
      traits: { description: "Character traits, e.g. `curious`." },
      tone: { description: "Tone of voice, e.g. `conversational`." },
      humor: { description: "Kind of humor." },
      formality: { description: "How formal the persona is." },
      values: { description: "What the persona stands for." },
      interests: { description: "Topics the persona cares about." },
      speakingStyle: { description: "How the persona phrases things." },
      catchphrases: { description: "Recurring phrases." },
    }),
  },
  [TOKENS.referenceImage]: {
    description: "An image bound to a persona.",
    properties: {
      assetId: output("The media asset id (`med_` + 26 characters)."),
      url: output("Where Layers serves the image."),
      thumbnailUrl: nullable("The image's thumbnail, when there is one."),
      addedAt: output("When it was bound (RFC 3339)."),
    },
    required: ["assetId", "url", "addedAt"],
  },
} as const;

export const influencerEnums = {
  [TOKENS.gender]: {
    description: "A persona's gender, in either spelling the API accepts (it reads `non_binary` back as `nonbinary`).",
    values: PATCH_GENDERS,
  },
  [TOKENS.ageRangePreset]: {
    description: "The age bands the create call takes; `ageRange` also accepts free-form bands up to 16 characters.",
    values: CREATE_AGE_RANGES,
  },
  [TOKENS.status]: {
    description: "Where a persona's generation is. Any other status Layers may add reads as not ready.",
    values: LIST_STATUSES,
  },
} as const;
