// Imported first by the emulator's entry point (index.ts), so that a program loading the
// emulator without its server packages gets what to install rather than fastify's
// MODULE_NOT_FOUND from deep inside.
import { assertServerPackages } from "./server-packages";

assertServerPackages();
