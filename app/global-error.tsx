"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", display: "grid", placeItems: "center", minHeight: "100vh", margin: 0 }}>
        <div style={{ textAlign: "center" }}>
          <h1 style={{ fontSize: 18 }}>Promptyard hit an unexpected error</h1>
          <p style={{ color: "#71717a", fontSize: 14 }}>{error.digest ? `Reference ${error.digest}. ` : ""}It has been logged.</p>
          <button onClick={reset} style={{ padding: "8px 14px", borderRadius: 6, border: "1px solid #d4d4d8", cursor: "pointer" }}>
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
