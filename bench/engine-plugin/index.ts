// bench/engine-program's personas, served by the plugin pulumi-resource-layers.
import * as layers from "pulumi-layers";
import { declarePersonas } from "../engine-program/personas";

declarePersonas(layers.plugin.Influencer);
