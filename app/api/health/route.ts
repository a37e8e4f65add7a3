import { databaseHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export async function GET() {
  const health = await databaseHealth();
  return Response.json(health.ok ? { status: "ok", db: health.kind } : { status: "error", db: health.kind, error: { code: "internal", message: health.message } }, {
    status: health.ok ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
