"use client";
import { useEffect, useRef, useState } from "react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Input } from "@/components/ui/input";

/** The list's search box: filters as you type (a short pause, then the URL updates), Enter still submits the form. */
export function PromptSearch({ defaultValue }: { defaultValue?: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [value, setValue] = useState(defaultValue ?? "");
  const first = useRef(true);
  const input = useRef<HTMLInputElement>(null);
  // A navigation that changes q (Clear, back) updates the box, unless the person is typing in it.
  useEffect(() => {
    if (document.activeElement !== input.current) setValue(defaultValue ?? "");
  }, [defaultValue]);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const t = setTimeout(() => {
      const next = new URLSearchParams(params.toString());
      if (value.trim()) next.set("q", value.trim());
      else next.delete("q");
      next.delete("page");
      router.replace(`${pathname}?${next}`, { scroll: false });
    }, 250);
    return () => clearTimeout(t);
    // Only typing triggers this (params change as a result of it, and must not re-run it).
  }, [value]);
  return <Input ref={input} name="q" value={value} onChange={(e) => setValue(e.target.value)} placeholder="Search slug or description" className="w-64" aria-label="Search prompts" />;
}
