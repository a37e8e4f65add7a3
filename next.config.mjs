/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite breaks when bundled ("Received an instance of URL"); argon2 is a native addon.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2", "postgres"],
  poweredByHeader: false,
  reactStrictMode: true,
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
