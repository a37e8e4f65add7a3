import { route } from "@/lib/http";
import { openApiDocument } from "@/lib/openapi";

export const dynamic = "force-static";

/** The OpenAPI 3.1 document of /api/v1, generated from the wire schemas. Public: it describes, it grants nothing. */
export const GET = route(async () => Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
