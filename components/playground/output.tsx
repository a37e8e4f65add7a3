"use client";
import ReactMarkdown from "react-markdown";

/** JSON output is pretty-printed; anything else renders as markdown (raw HTML stays text). */
export function RunOutput({ text }: { text: string }) {
  const trimmed = text.trim().replace(/^```(?:json)?\s*([\s\S]*?)\s*```$/, "$1");
  if (/^[[{]/.test(trimmed)) {
    try {
      return <pre className="overflow-x-auto whitespace-pre-wrap break-words font-mono text-xs">{JSON.stringify(JSON.parse(trimmed), null, 2)}</pre>;
    } catch {
      // Not JSON after all (or still streaming): fall through to markdown.
    }
  }
  return (
    <div className="prose-sm max-w-none break-words text-sm leading-relaxed [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs dark:[&_code]:bg-zinc-800 [&_li]:ml-4 [&_ol]:list-decimal [&_p]:my-1.5 [&_pre]:overflow-x-auto [&_ul]:list-disc">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
