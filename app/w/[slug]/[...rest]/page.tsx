import { notFound } from "next/navigation";

/** Any unknown address under a workspace: a 404 inside the workspace shell (the root 404 has no sidebar). */
export default function UnknownWorkspacePage() {
  notFound();
}
