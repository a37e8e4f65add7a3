import { TabLink, TabNav } from "@/components/shell/nav-link";
import { PageHeader } from "@/components/ui/page-header";
import { settingsAccess } from "./guard";

export default async function SettingsLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { allowed } = await settingsAccess(slug);
  const base = `/w/${slug}/settings`;
  return (
    <>
      <PageHeader title="Settings" description="Workspace, members, API keys and environment policies." />
      {allowed && (
        <TabNav label="Settings">
          <TabLink href={base}>General</TabLink>
          <TabLink href={`${base}/members`}>Members</TabLink>
          <TabLink href={`${base}/api-keys`}>API keys</TabLink>
          <TabLink href={`${base}/models`}>Models</TabLink>
          <TabLink href={`${base}/environments`}>Environments</TabLink>
        </TabNav>
      )}
      {children}
    </>
  );
}
