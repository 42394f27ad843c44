// The provider of bench/engine-shaped, loaded by the dynamic provider host through the
// resources' provider text: create sleeps the job time and returns the outputs a persona's
// create returns (the same keys, nesting and value lengths as toOutputs gives the emulator's
// personas); read hands back what it has; delete does nothing. No request.
const JOB_MS = Number(process.env.BENCH_JOB_MS ?? 2000);
const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const ulidLike = () => Array.from({ length: 26 }, () => BASE32[Math.floor(Math.random() * 32)]).join("");
const media = (id, file) => `http://127.0.0.1:40000/media/influencers/${id}/${file}`;

exports.create = async (inputs) => {
  await new Promise((resolve) => setTimeout(resolve, JOB_MS));
  const id = `inf_${ulidLike()}`;
  const now = new Date().toISOString();
  const outs = {
    influencerId: id,
    projectId: inputs.projectId,
    status: "ready",
    thumbnailUrl: media(id, "thumbnail.svg"),
    referenceImages: [{ assetId: `med_${ulidLike()}`, url: media(id, "portrait.svg"), thumbnailUrl: media(id, "thumbnail.svg"), addedAt: now }],
    createdAt: now,
    updatedAt: now,
    name: inputs.name,
    gender: "nonbinary",
    ageRange: inputs.ageRange,
    ethnicity: null,
    bodyType: null,
    hairColor: "silver-dyed",
    hairStyle: "long braid",
    style: inputs.style,
    vibe: "earnest and thoughtful",
    voiceDescription: "soft-spoken",
    brandVoice: null,
    language: "en",
    personality: inputs.personality,
    deleteReason: inputs.deleteReason,
    idempotencySeed: inputs.idempotencySeed,
    declaredFields: ["name", "gender", "ageRange", "style", "personality"],
  };
  return { id, outs };
};
exports.read = async (id, props) => ({ id, props });
exports.delete = async () => {};
