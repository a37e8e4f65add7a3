import { errorResponse } from "@/lib/http";

// Unknown /api/v1 paths answer in the API's error shape, not with the HTML 404 page.
const notFound = async (req: Request) => errorResponse("not_found", `No API endpoint at ${req.method} ${new URL(req.url).pathname}.`);

export { notFound as GET, notFound as POST, notFound as PUT, notFound as PATCH, notFound as DELETE };
