/** Server-rendered absolute time with a relative hint; deterministic (no hydration drift). */
export function RelativeTime({ date, now = new Date() }: { date: Date | null; now?: Date }) {
  if (!date) return <span className="text-zinc-400">never</span>;
  const s = Math.round((now.getTime() - date.getTime()) / 1000);
  const abs = Math.abs(s);
  const [n, unit] = abs < 60 ? [abs, "s"] : abs < 3600 ? [Math.round(abs / 60), "min"] : abs < 86400 ? [Math.round(abs / 3600), "h"] : [Math.round(abs / 86400), "d"];
  const text = abs < 10 ? "just now" : s >= 0 ? `${n} ${unit} ago` : `in ${n} ${unit}`;
  return (
    <time dateTime={date.toISOString()} title={date.toISOString().replace("T", " ").slice(0, 19) + " UTC"}>
      {text}
    </time>
  );
}
