import ReactMarkdown from "react-markdown";

/** Queue instructions: markdown with raw HTML off. */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="max-w-none break-words text-sm leading-relaxed text-zinc-700 dark:text-zinc-300 [&_code]:rounded [&_code]:bg-zinc-100 [&_code]:px-1 [&_code]:font-mono [&_code]:text-xs dark:[&_code]:bg-zinc-800 [&_li]:ml-4 [&_ol]:list-decimal [&_p]:my-1.5 [&_strong]:font-semibold [&_strong]:text-zinc-900 dark:[&_strong]:text-zinc-100 [&_ul]:list-disc">
      <ReactMarkdown skipHtml>{text}</ReactMarkdown>
    </div>
  );
}
