// Files generated from the package schema, by repository path (see scripts/gen.ts).
import { referencePage } from "./reference";
import { typescriptTypes } from "./typescript";

export function generatedFiles(): Record<string, string> {
  return {
    "provider/spec/generated.ts": typescriptTypes(),
    "docs/reference.md": referencePage(),
  };
}
