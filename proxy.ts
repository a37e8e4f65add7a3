import { NextResponse, type NextRequest } from "next/server";

/**
 * Tells the pages which address was asked for (pages cannot read their own URL), so a signed-out visitor of a deep
 * link is sent back to it after signing in. Always overwritten here: a client cannot choose where it lands.
 */
export function proxy(request: NextRequest) {
  const headers = new Headers(request.headers);
  headers.set("x-promptyard-path", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers } });
}

export const config = { matcher: ["/w/:path*"] };
