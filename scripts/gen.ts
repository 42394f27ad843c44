// `npm run gen`: writes the files generated from the package schema (provider/spec): the
// TypeScript types programs use and the reference page. Tests fail when either is stale.
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "../provider/spec/generated-files";

const root = path.resolve(__dirname, "..");
for (const [file, text] of Object.entries(generatedFiles())) {
  fs.writeFileSync(path.join(root, file), text);
  console.log(`wrote ${file}`);
}
