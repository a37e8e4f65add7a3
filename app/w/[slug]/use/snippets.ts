/** The snippets of "Use prompts in your app" (and, word for word, the README section). */
export function snippets(origin: string) {
  return {
    sdk: `import { createClient } from "promptyard/sdk";

const py = createClient({
  baseUrl: "${origin}",
  apiKey: process.env.PROMPTYARD_API_KEY,
  deployment: { name: "checkout-api", environment: "production" }, // heartbeat: drift shows on Deployments
});

const prompt = await py.getPrompt("support/reply", { label: "production", fallback: "Hello {{name}}" });
const text = prompt.compile({ name: "Ada" }); // a missing variable throws, naming it

py.reportGeneration({ prompt: prompt.slug, hash: prompt.hash ?? undefined, model: "openai/gpt-4o-mini", input: text, output });`,
    curl: `curl "${origin}/api/v1/prompts/support%2Freply?label=production" \\
  -H "Authorization: Bearer $PROMPTYARD_API_KEY"

curl -X POST "${origin}/api/v1/prompts/support%2Freply/render" \\
  -H "Authorization: Bearer $PROMPTYARD_API_KEY" -H "content-type: application/json" \\
  -d '{"label":"production","variables":{"name":"Ada"}}'`,
    lockfile: `export PROMPTYARD_URL=${origin} PROMPTYARD_API_KEY=pyk_...
npx promptyard pull --label production   # writes promptyard.lock.json (commit it)
npx promptyard status                    # exit 1 if a label moved since

// in the app:
import lock from "./promptyard.lock.json";
const py = createClient({ baseUrl: "${origin}", apiKey: process.env.PROMPTYARD_API_KEY, lockfile: lock });`,
    actions: `# .github/workflows/deploy.yml
jobs:
  deploy:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npm ci
      - name: Prompts match the registry
        env:
          PROMPTYARD_URL: ${origin}
          PROMPTYARD_API_KEY: \${{ secrets.PROMPTYARD_API_KEY }}
        run: npx promptyard status --report --deployment checkout-api --environment production
      - run: ./deploy.sh`,
  };
}
