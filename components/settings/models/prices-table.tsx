"use client";
import { Fragment, useState } from "react";
import { CircleDollarSign } from "lucide-react";
import { deleteModelPriceAction, setModelPriceAction } from "@/app/w/[slug]/settings/models/actions";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Td, Th } from "@/components/ui/table";
import { useServerAction } from "../use-action";
import { formatUsd, type PriceRow } from "./types";

const COLUMNS = 5;
// Sticky under the table's own scroll box (the shared Table wrapper scrolls sideways only, so it is not used here).
const HEAD = "sticky top-0 z-10 bg-white dark:bg-zinc-900";
const priceInput = "h-7 w-24 px-2 text-right font-mono text-xs tabular-nums";

export function PricesTable({ slug, prices }: { slug: string; prices: PriceRow[] }) {
  const sorted = [...prices].sort((a, b) => a.model.localeCompare(b.model));
  return (
    <>
      {sorted.length === 0 ? (
        <EmptyState icon={CircleDollarSign} title="No model prices">
          Runs of a model without a price show no cost. Add the models you use below.
        </EmptyState>
      ) : (
        <div className="max-h-[28rem] overflow-auto" data-testid="model-prices">
          <table className="w-full text-left text-sm">
            <thead>
              <tr>
                <Th className={HEAD}>Model</Th>
                <Th className={`${HEAD} w-36 text-right`}>Input / 1M</Th>
                <Th className={`${HEAD} w-36 text-right`}>Output / 1M</Th>
                <Th className={`${HEAD} w-24`}>Source</Th>
                <Th className={`${HEAD} w-40`} />
              </tr>
            </thead>
            <tbody>
              {sorted.map((p) => (
                <PriceRowView key={p.model} slug={slug} price={p} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddPriceForm slug={slug} />
    </>
  );
}

function PriceRowView({ slug, price: p }: { slug: string; price: PriceRow }) {
  const [editing, setEditing] = useState(false);
  const [input, setInput] = useState(String(p.inputPerMillion));
  const [output, setOutput] = useState(String(p.outputPerMillion));
  const save = useServerAction();
  const remove = useServerAction();
  const error = save.error ?? remove.error;
  const cell = error ? "border-b-0" : undefined;
  const edited = p.listPrice !== null && p.source === "custom";

  function startEditing() {
    setInput(String(p.inputPerMillion));
    setOutput(String(p.outputPerMillion));
    save.setError(null);
    setEditing(true);
  }
  function cancel() {
    save.setError(null);
    setEditing(false);
  }

  return (
    <Fragment>
      <tr data-testid={`price-${p.model}`}>
        <Td className={cell}>
          <span className="font-mono text-[13px] text-zinc-900 dark:text-zinc-100">{p.model}</span>
        </Td>
        {editing ? (
          <Td className={cell} colSpan={2}>
            <form
              id={`price-form-${p.model}`}
              className="flex justify-end gap-2"
              onSubmit={(e) => {
                e.preventDefault();
                save.run(() => setModelPriceAction(slug, { model: p.model, inputPerMillion: Number(input), outputPerMillion: Number(output) }), {
                  success: `Price for ${p.model} saved`,
                  onSuccess: () => setEditing(false),
                });
              }}
            >
              <Input aria-label={`Input price for ${p.model}`} type="number" min={0} max={10000} step="any" required autoFocus className={priceInput} value={input} onChange={(e) => setInput(e.target.value)} />
              <Input aria-label={`Output price for ${p.model}`} type="number" min={0} max={10000} step="any" required className={priceInput} value={output} onChange={(e) => setOutput(e.target.value)} />
            </form>
          </Td>
        ) : (
          <>
            <Td className={`${cell ?? ""} text-right font-mono text-xs tabular-nums`}>
              {formatUsd(p.inputPerMillion)}
              {edited && p.listPrice!.inputPerMillion !== p.inputPerMillion && <span className="block text-[11px] text-zinc-400">list {formatUsd(p.listPrice!.inputPerMillion)}</span>}
            </Td>
            <Td className={`${cell ?? ""} text-right font-mono text-xs tabular-nums`}>
              {formatUsd(p.outputPerMillion)}
              {edited && p.listPrice!.outputPerMillion !== p.outputPerMillion && <span className="block text-[11px] text-zinc-400">list {formatUsd(p.listPrice!.outputPerMillion)}</span>}
            </Td>
          </>
        )}
        <Td className={cell}>{p.source === "list" ? <Badge>list</Badge> : <Badge tone="blue">custom</Badge>}</Td>
        <Td className={`${cell ?? ""} text-right`}>
          <div className="flex justify-end gap-1">
            {/* Distinct keys: React must not turn the clicked Edit button into Save, or the click's activation submits the new form. */}
            {editing ? (
              <>
                <Button key="save" type="submit" form={`price-form-${p.model}`} size="sm" pending={save.pending}>
                  Save
                </Button>
                <Button key="cancel" type="button" variant="ghost" size="sm" onClick={cancel}>
                  Cancel
                </Button>
              </>
            ) : (
              <>
                <Button key="edit" type="button" variant="ghost" size="sm" onClick={startEditing} aria-label={`Edit price for ${p.model}`}>
                  Edit
                </Button>
                {p.listPrice === null ? (
                  <Button
                    key="delete"
                    type="button"
                    variant="danger-ghost"
                    size="sm"
                    pending={remove.pending}
                    aria-label={`Delete price for ${p.model}`}
                    onClick={() => {
                      if (confirm(`Delete the price for ${p.model}? Its runs from now on show no cost.`)) remove.run(() => deleteModelPriceAction(slug, p.model), { success: `Price for ${p.model} deleted` });
                    }}
                  >
                    Delete
                  </Button>
                ) : (
                  <Button
                    key="reset"
                    type="button"
                    variant="ghost"
                    size="sm"
                    pending={remove.pending}
                    // Kept in place, invisible, at the list price: the Edit buttons stay in one column.
                    className={edited ? undefined : "invisible"}
                    aria-hidden={!edited || undefined}
                    title={`Back to the list price as of ${p.listPrice.takenOn}`}
                    aria-label={`Reset price for ${p.model}`}
                    onClick={() => remove.run(() => deleteModelPriceAction(slug, p.model), { success: `${p.model} reset to its list price` })}
                  >
                    Reset
                  </Button>
                )}
              </>
            )}
          </div>
        </Td>
      </tr>
      {error && (
        <tr>
          <Td colSpan={COLUMNS} className="pt-0 text-right text-xs text-red-700 dark:text-red-400" role="alert">
            {error}
          </Td>
        </tr>
      )}
    </Fragment>
  );
}

function AddPriceForm({ slug }: { slug: string }) {
  const [model, setModel] = useState("");
  const [input, setInput] = useState("");
  const [output, setOutput] = useState("");
  const action = useServerAction();
  return (
    <form
      className="border-t border-zinc-200 px-5 py-4 dark:border-zinc-800"
      onSubmit={(e) => {
        e.preventDefault();
        const id = model.trim();
        action.run(() => setModelPriceAction(slug, { model: id, inputPerMillion: Number(input), outputPerMillion: Number(output) }), {
          success: `Price for ${id} saved`,
          onSuccess: () => {
            setModel("");
            setInput("");
            setOutput("");
          },
        });
      }}
    >
      <div className="flex flex-wrap items-center gap-2">
        <Input aria-label="Model id" placeholder="llama3.1:8b" className="w-64 font-mono text-xs" maxLength={200} required spellCheck={false} value={model} onChange={(e) => setModel(e.target.value)} />
        <Input aria-label="Input price" placeholder="Input $/1M" type="number" min={0} max={10000} step="any" required className="w-32 font-mono text-xs" value={input} onChange={(e) => setInput(e.target.value)} />
        <Input aria-label="Output price" placeholder="Output $/1M" type="number" min={0} max={10000} step="any" required className="w-32 font-mono text-xs" value={output} onChange={(e) => setOutput(e.target.value)} />
        <Button type="submit" variant="secondary" pending={action.pending}>
          Add model price
        </Button>
      </div>
      {action.error ? (
        <p role="alert" className="mt-2 text-xs text-red-700 dark:text-red-400">
          {action.error}
        </p>
      ) : (
        <p className="mt-2 text-xs text-zinc-500">The model id as the provider names it, without the connection prefix (gpt-4o-mini, not openai/gpt-4o-mini). Dated versions use their family&apos;s price.</p>
      )}
    </form>
  );
}
