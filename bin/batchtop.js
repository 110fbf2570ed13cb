#!/usr/bin/env node
// The compiled entry point (built by `npm run build`, which `npm install` runs through `prepare`).
import { main } from "../dist/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
