/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite breaks when bundled ("Received an instance of URL"); argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
  turbopack: {
    resolveAlias: {
      // y-monaco 0.1.6 imports a path monaco-editor >= 0.56 no longer exports; point it at the same module
      // ("monaco-editor/editor/editor.api" -> esm/vs/editor/editor.api.js) so both share one Monaco instance.
      "monaco-editor/esm/vs/editor/editor.api.js": "monaco-editor/editor/editor.api",
    },
  },
};

export default nextConfig;
