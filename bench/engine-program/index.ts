// `bench:count` personas with a declared persona (create = POST + job + PATCH), all
// independent, so the engine runs them at its default parallelism.
import * as layers from "pulumi-layers";
import { declarePersonas } from "./personas";

declarePersonas(layers.Influencer);
