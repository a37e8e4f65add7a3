// `server-only` throws outside Next's react-server bundle. server.ts runs lib/ code in plain Node (migrations,
// headless init), so this preload registers the package as an empty module for that process's own requires.
// Next's bundled copies are unaffected: they resolve the package with the react-server condition.
const Module = require("node:module");
const file = require.resolve("server-only");
const m = new Module(file);
m.filename = file;
m.loaded = true;
m.exports = {};
require.cache[file] = m;
