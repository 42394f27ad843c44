// Content briefs handed out in turn to personas. Layers does not rotate personas for you:
// the program decides who fronts each piece of content.

export interface Persona {
  influencerId: string;
  name: string | null;
  createdAt: string;
}

export interface BriefAssignment {
  brief: string;
  influencerId: string;
  persona: string | null;
}

/**
 * Brief i goes to persona i mod n, personas taken oldest first: a persona added later joins
 * the end of the rotation instead of shifting everyone's briefs (the API lists newest first).
 */
export function assignInTurn(briefs: readonly string[], personas: readonly Persona[]): BriefAssignment[] {
  if (personas.length === 0) return [];
  const rotation = [...personas].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.influencerId.localeCompare(b.influencerId));
  return briefs.map((brief, i) => {
    const p = rotation[i % rotation.length];
    return { brief, influencerId: p.influencerId, persona: p.name };
  });
}

/** The persona the project made for itself when it was created: its oldest one. */
export function oldest<T extends Persona>(personas: readonly T[]): T | undefined {
  return [...personas].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.influencerId.localeCompare(b.influencerId))[0];
}
