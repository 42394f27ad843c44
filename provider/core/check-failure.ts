// One input that check refuses: the field and a sentence naming it and its rule. Kept apart
// from validation.ts so the public types (index.ts) never pull zod's declarations in.
export interface CheckFailure {
  property: string;
  reason: string;
}
