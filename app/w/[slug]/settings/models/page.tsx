import type { Metadata } from "next";
import { Forbidden } from "@/components/shell/forbidden";
import { AddConnectionDialog } from "@/components/settings/models/add-connection-dialog";
import { ConnectionsTable } from "@/components/settings/models/connections-table";
import { NetworkSettingsForm } from "@/components/settings/models/network-settings";
import { PricesTable } from "@/components/settings/models/prices-table";
import { Card, CardHeader } from "@/components/ui/card";
import { listModelPrices, PRICES_TAKEN_ON } from "@/lib/models";
import { getModelSettings, listProviders } from "@/lib/providers";
import { settingsAccess } from "../guard";

export const metadata: Metadata = { title: "Models" };

export default async function ModelsSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { ctx, allowed, message, back } = await settingsAccess(slug);
  if (!allowed) return <Forbidden message={message} backHref={back} />;
  const ws = ctx.workspace.slug;
  const [connections, settings, prices] = await Promise.all([listProviders({ ctx }), getModelSettings({ ctx }), listModelPrices({ ctx })]);
  return (
    <div className="grid grid-cols-1 gap-6">
      <Card>
        <CardHeader
          title="Connections"
          description="Provider endpoints and keys. Keys are stored encrypted and never shown again, only their last 4 characters."
          action={<AddConnectionDialog slug={ws} />}
        />
        <ConnectionsTable slug={ws} connections={connections.map(({ updatedAt: _u, ...c }) => ({ ...c, createdAt: c.createdAt.toISOString() }))} />
      </Card>
      <Card>
        <CardHeader title="Network" description="Where connections may point, and how many model calls run at once." />
        <NetworkSettingsForm slug={ws} settings={settings} />
      </Card>
      <Card id="prices" className="scroll-mt-6">
        <CardHeader
          title="Prices"
          description={`Model prices (USD per 1M tokens), list prices as of ${PRICES_TAKEN_ON}; edit to match your contract. Changes apply to new runs only.`}
        />
        <PricesTable slug={ws} prices={prices.map(({ updatedAt: _u, ...p }) => p)} />
      </Card>
    </div>
  );
}
