import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { GeneralForm } from "@/components/settings/general-form";
import { settingsAccess } from "./guard";

export const metadata: Metadata = { title: "Settings" };

export default async function GeneralSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx, allowed, message, back } = await settingsAccess(slug);
  if (!allowed) return <Forbidden message={message} backHref={back} />;
  return <GeneralForm slug={ctx.workspace.slug} name={ctx.workspace.name} />;
}
