#!/usr/bin/env node
// Installs dependencies when they are missing or stale (used by .ci/run before typecheck).
import { checkNode, ensureDependencies } from "./bootstrap.mjs";

checkNode();
ensureDependencies();
