import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, Td, Th } from "@/components/ui/table";
import { RelativeTime } from "@/components/ui/time";
import { BarChart3, Users } from "lucide-react";
import type { QueueStats, RateRow, WinRow } from "@/lib/reviews/types";
import { ProgressBar } from "./progress-bar";

const pct = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);

/** A 0-100% track with the point estimate and its 95% interval. */
function IntervalBar({ rate, low, high }: { rate: number | null; low: number | null; high: number | null }) {
  if (rate === null || low === null || high === null) return <span className="text-xs text-zinc-400">no data</span>;
  return (
    <div className="relative h-2 w-40 rounded-full bg-zinc-100 dark:bg-zinc-800" aria-hidden>
      <div className="absolute inset-y-0 rounded-full bg-emerald-200 dark:bg-emerald-900" style={{ left: `${low * 100}%`, width: `${(high - low) * 100}%` }} />
      <div className="absolute inset-y-[-2px] w-0.5 rounded bg-emerald-600" style={{ left: `calc(${rate * 100}% - 1px)` }} />
    </div>
  );
}

export function RateTable({ title, description, rows, testId }: { title: string; description: string; rows: RateRow[]; testId: string }) {
  return (
    <Card data-testid={testId}>
      <CardHeader title={title} description={description} />
      {rows.length === 0 ? (
        <EmptyState icon={BarChart3} title="No votes yet">
          Rates appear with the first reviews.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>{title.includes("model") ? "Model" : "Version"}</Th>
              <Th className="w-16 text-right">Up</Th>
              <Th className="w-16 text-right">Down</Th>
              <Th className="w-16 text-right">n</Th>
              <Th className="w-24 text-right">Up rate</Th>
              <Th className="w-36">95% interval</Th>
              <Th className="w-44" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="rate-row">
                <Td className="font-mono text-xs">
                  {r.label}
                  {r.playground > 0 && <span className="ml-2 font-sans text-[11px] text-zinc-400">incl. {r.playground} playground</span>}
                </Td>
                <Td className="text-right tabular-nums">{r.up}</Td>
                <Td className="text-right tabular-nums">{r.down}</Td>
                <Td className="text-right tabular-nums">{r.n}</Td>
                <RateCells rate={r.rate} low={r.low} high={r.high} />
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

/** Rate, its 95% interval as text, and the interval bar: the last three cells of both rate tables. */
function RateCells({ rate, low, high }: { rate: number | null; low: number | null; high: number | null }) {
  return (
    <>
      <Td className="text-right font-medium tabular-nums">{pct(rate)}</Td>
      <Td className="text-xs tabular-nums text-zinc-500">{low === null ? "—" : `${pct(low)} – ${pct(high)}`}</Td>
      <Td>
        <IntervalBar rate={rate} low={low} high={high} />
      </Td>
    </>
  );
}

export function WinTable({ rows }: { rows: WinRow[] }) {
  return (
    <Card data-testid="win-rates">
      <CardHeader title="Pairwise win rate" description="Per version and model: wins, losses and ties against the other side; a tie counts half. 95% Wilson interval." />
      {rows.length === 0 ? (
        <EmptyState icon={BarChart3} title="No comparisons yet">
          Win rates appear with the first A/B verdicts.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Version · model</Th>
              <Th className="w-14 text-right">Wins</Th>
              <Th className="w-16 text-right">Losses</Th>
              <Th className="w-14 text-right">Ties</Th>
              <Th className="w-14 text-right">n</Th>
              <Th className="w-24 text-right">Win rate</Th>
              <Th className="w-36">95% interval</Th>
              <Th className="w-44" />
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} data-testid="win-row">
                <Td className="font-mono text-xs">{r.label}</Td>
                <Td className="text-right tabular-nums">{r.wins}</Td>
                <Td className="text-right tabular-nums">{r.losses}</Td>
                <Td className="text-right tabular-nums">{r.ties}</Td>
                <Td className="text-right tabular-nums">{r.n}</Td>
                <RateCells rate={r.rate} low={r.low} high={r.high} />
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

const SCALE: [string, string][] = [
  ["< 0", "poor"],
  ["0 – .20", "slight"],
  [".21 – .40", "fair"],
  [".41 – .60", "moderate"],
  [".61 – .80", "substantial"],
  [".81 – 1", "almost perfect"],
];

export function AgreementCard({ a }: { a: QueueStats["agreement"] }) {
  const method = a.method === "cohen" ? "Cohen's kappa (two reviewers)" : a.method === "fleiss" ? `Fleiss' kappa (${a.raters} reviewers)` : "Kappa";
  return (
    <Card data-testid="agreement">
      <CardHeader title="Inter-rater agreement" description="How much reviewers agree beyond chance, over items with two or more reviews." />
      <CardBody className="grid gap-3">
        <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
          <span className="text-2xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100" data-testid="kappa">
            {a.kappa === null ? "—" : a.kappa.toFixed(2)}
          </span>
          <span className="text-sm font-medium text-zinc-700 dark:text-zinc-300" data-testid="agreement-meaning">
            {a.description}
          </span>
        </div>
        <p className="text-xs text-zinc-500">
          {method} · {a.items} item{a.items === 1 ? "" : "s"}
          {a.observed !== null && ` · observed agreement ${pct(a.observed)}, expected by chance ${pct(a.expected)}`}
        </p>
        <ul className="flex flex-wrap gap-1.5 text-[11px]" aria-label="Landis and Koch scale">
          {SCALE.map(([range, name]) => (
            <li key={name} className={`rounded px-1.5 py-0.5 ${a.strength === name ? "bg-blue-600 text-white" : "bg-zinc-100 text-zinc-600 dark:bg-zinc-800 dark:text-zinc-400"}`}>
              {range} {name}
            </li>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}

export function ProgressCards({ s }: { s: QueueStats }) {
  const p = s.progress;
  return (
    <div className="grid gap-4 md:grid-cols-3" data-testid="results-progress">
      <Card className="grid gap-2 p-4">
        <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">Reviews</span>
        <span className="text-2xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100" data-testid="reviews-done">
          {p.done} / {p.total}
        </span>
        <ProgressBar done={p.done} total={p.total} />
      </Card>
      <Card className="grid gap-2 p-4">
        <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">Items complete</span>
        <span className="text-2xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-100" data-testid="items-complete">
          {p.completedItems} / {p.items}
        </span>
        <span className="text-xs text-zinc-500">
          {s.queue.reviewsPerItem} review{s.queue.reviewsPerItem === 1 ? "" : "s"} wanted per item · {p.activeLeases} being reviewed now
        </span>
      </Card>
      <Card className="grid content-start gap-2 p-4">
        <span className="text-xs font-medium uppercase tracking-wide text-zinc-500">Verdicts</span>
        <span className="text-sm text-zinc-700 dark:text-zinc-300" data-testid="verdicts">
          {s.queue.mode === "single" ? `${s.verdicts.up ?? 0} up · ${s.verdicts.down ?? 0} down` : `${(s.verdicts.A ?? 0) + (s.verdicts.B ?? 0)} decided · ${s.verdicts.tie ?? 0} tie${s.verdicts.tie === 1 ? "" : "s"}`}
        </span>
      </Card>
    </div>
  );
}

export function ReviewersTable({ rows }: { rows: QueueStats["reviewers"] }) {
  return (
    <Card data-testid="reviewers">
      <CardHeader title="Reviewers" description="Reviews per person in this queue; “today” is since midnight UTC." />
      {rows.length === 0 ? (
        <EmptyState icon={Users} title="Nobody has reviewed yet">
          Reviewers start from the queue list with “Review”.
        </EmptyState>
      ) : (
        <Table>
          <thead>
            <tr>
              <Th>Reviewer</Th>
              <Th className="w-24 text-right">Reviews</Th>
              <Th className="w-24 text-right">Today</Th>
              <Th className="w-32">Last review</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.userId ?? r.name}>
                <Td>{r.name}</Td>
                <Td className="text-right tabular-nums">{r.reviews}</Td>
                <Td className="text-right tabular-nums">{r.today}</Td>
                <Td className="text-xs text-zinc-500">
                  <RelativeTime date={r.lastAt ? new Date(r.lastAt) : null} />
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
}

export function LabelCounts({ labels }: { labels: QueueStats["labels"] }) {
  if (labels.length === 0) return null;
  return (
    <Card data-testid="label-counts">
      <CardHeader title="Rubric labels" description="How often each option was picked." />
      <CardBody className="grid gap-4 sm:grid-cols-2">
        {labels.map((l) => {
          const total = l.options.reduce((n, o) => n + o.count, 0);
          return (
            <div key={l.name} className="grid gap-1.5">
              <span className="text-sm font-medium text-zinc-800 dark:text-zinc-200">{l.name}</span>
              {l.options.map((o) => (
                <div key={o.option} className="grid grid-cols-[8rem_1fr_3rem] items-center gap-2 text-xs">
                  <span className="truncate text-zinc-600 dark:text-zinc-400">{o.option}</span>
                  <ProgressBar done={o.count} total={total || 1} label={`${l.name}: ${o.option}`} />
                  <span className="text-right tabular-nums text-zinc-500">{o.count}</span>
                </div>
              ))}
            </div>
          );
        })}
      </CardBody>
    </Card>
  );
}
