// What a catalog entry may hold: the Influencer inputs, with the Layers API's limits
// (CONTRACT.md), so a bad value is reported with its line before anything is sent.

export const GENDERS = ["male", "female", "nonbinary", "non_binary", "unspecified"];
export const PERSONALITY_STRINGS = ["tone", "humor", "formality", "speakingStyle"];
export const PERSONALITY_LISTS = ["traits", "values", "interests", "catchphrases"];

/** Free-text persona fields and their maximum length. */
export const TEXT_LIMITS: Record<string, number> = {
  name: 128,
  ageRange: 16,
  ethnicity: 128,
  bodyType: 128,
  hairColor: 64,
  hairStyle: 128,
  style: 256,
  vibe: 256,
  voiceDescription: 1024,
  brandVoice: 1024,
  deleteReason: 512,
};

export const ENTRY_FIELDS = [
  "key", "prompt", "gender", "language", "personality", "referenceImageAssetIds", ...Object.keys(TEXT_LIMITS),
];

export const KEY_PATTERN = /^[a-z][a-z0-9-]{0,62}$/;
export const LANGUAGE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;
export const MEDIA_ID_PATTERN = /^med_[0-9A-HJKMNP-TV-Z]{26}$/;

/** The closest allowed name within two edits, for "did you mean" hints. */
export function suggest(word: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of allowed) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}
