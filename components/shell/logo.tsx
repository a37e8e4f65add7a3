export function Logo({ className = "size-6" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden>
      <rect width="32" height="32" rx="7" className="fill-zinc-900 dark:fill-zinc-100" />
      <path d="M9 23V9h7.5a4.5 4.5 0 0 1 0 9H13" fill="none" className="stroke-zinc-50 dark:stroke-zinc-900" strokeWidth="3" strokeLinecap="round" strokeLinejoin="round" />
      <circle cx="22.5" cy="23" r="2" fill="#3b82f6" />
    </svg>
  );
}
