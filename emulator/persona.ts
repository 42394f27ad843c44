// Deterministic stand-in for Layers' persona generator: the same influencer id (and hints)
// always yields the same name and persona, so tests and restarts see stable values.
import { createHash } from "node:crypto";
import type { Personality, PersonaFields } from "./types";

const FIRST: Record<"female" | "male" | "nonbinary", string[]> = {
  female: ["Ava", "Maya", "Lena", "Zoe", "Nora", "Iris", "Chloe", "Mila", "Ruby", "Elena", "Sofia", "Hana"],
  male: ["Marcus", "Leo", "Owen", "Kai", "Theo", "Jonah", "Elias", "Ravi", "Mateo", "Felix", "Noah", "Sam"],
  nonbinary: ["Nova", "Sage", "River", "Quinn", "Rowan", "Ash", "Remy", "Skyler", "Jules", "Ari", "Emery", "Lux"],
};
const LAST = ["Chen", "Reid", "Okafor", "Silva", "Novak", "Park", "Haddad", "Moreau", "Lindqvist", "Tanaka", "Rossi", "Diaz", "Kaur", "Walsh"];
const HAIR_COLORS = ["black", "dark brown", "chestnut", "auburn", "honey blonde", "copper", "silver-dyed"];
const HAIR_STYLES = ["shoulder-length waves", "short crop", "curly bob", "long braid", "messy bun", "buzz cut", "side part"];
const STYLES = ["minimalist streetwear", "vintage thrift", "athleisure", "smart casual", "cozy knitwear", "bold color blocking"];
const VIBES = ["warm and curious", "calm and precise", "playful and upbeat", "dry and witty", "earnest and thoughtful"];
const TRAITS = ["curious", "warm", "direct", "patient", "witty", "thorough", "optimistic", "grounded", "bold", "kind"];
const TONES = ["conversational", "enthusiastic", "reassuring", "matter-of-fact", "playful"];
const HUMOR = ["deadpan", "dry", "silly", "gentle", "self-deprecating"];
const FORMALITY = ["casual", "neutral", "polished"];
const SPEAKING = ["direct", "storyteller", "explainer", "hype", "low-key"];
const VOICES = ["bright and quick", "low and steady", "soft-spoken", "clear and energetic", "relaxed drawl"];

/** A small seeded PRNG (mulberry32) fed from a SHA-256 of the seed text. */
export function seededRandom(seed: string): () => number {
  let a = createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

function pickSome(rnd: () => number, list: readonly string[], n: number): string[] {
  const pool = [...list];
  const out: string[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]);
  return out;
}

export interface PersonaHints {
  gender: string;
  ageRange: string;
  prompt: string | null;
}

/** The name and persona the "generator" produces for an influencer. brandVoice is left unset (inherited). */
export function generatePersona(seed: string, hints: PersonaHints): PersonaFields {
  const rnd = seededRandom(seed);
  const names = hints.gender === "male" ? FIRST.male : hints.gender === "female" ? FIRST.female : FIRST.nonbinary;
  const personality: Personality = {
    traits: pickSome(rnd, TRAITS, 3),
    tone: pick(rnd, TONES),
    humor: pick(rnd, HUMOR),
    formality: pick(rnd, FORMALITY),
    speakingStyle: pick(rnd, SPEAKING),
  };
  return {
    name: `${pick(rnd, names)} ${pick(rnd, LAST)}`,
    gender: hints.gender,
    ageRange: hints.ageRange,
    ethnicity: null,
    bodyType: null,
    hairColor: pick(rnd, HAIR_COLORS),
    hairStyle: pick(rnd, HAIR_STYLES),
    style: pick(rnd, STYLES),
    vibe: hints.prompt ?? pick(rnd, VIBES),
    voiceDescription: pick(rnd, VOICES),
    brandVoice: null,
    language: "en",
    personality,
  };
}
