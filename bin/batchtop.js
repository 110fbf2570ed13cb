#!/usr/bin/env node
// The compiled entry point (built by `npm run build`, which `npm install` runs through `prepare`).
// React's development build checks every element it creates, which costs a third of each frame;
// an installed batchtop draws with the production build unless told otherwise.
process.env.NODE_ENV ??= "production";
const { main } = await import("../dist/cli/main.js");

process.exitCode = await main(process.argv.slice(2));
