#!/usr/bin/env node
// The `promptyard` CLI (a bin of this package; `npx promptyard` in a checkout). TypeScript runs through tsx.
// Run from any folder (pull writes the lockfile to the current one): tsx finds our tsconfig's "@/" paths here.
process.env.TSX_TSCONFIG_PATH ??= require("node:path").join(__dirname, "..", "tsconfig.json");
require("tsx/cjs");
const { main } = require("../lib/cli/main.ts");

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then((code) => {
  process.exitCode = code;
});
