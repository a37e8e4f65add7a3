import { connect, errorMessage, EXIT, parseArgs, ConnectionError, type Command } from "../io";

export const verifyAudit: Command = {
  name: "verify-audit",
  summary: "Recompute the workspace's hash-chained audit log (exit 1 if the chain is broken)",
  help: `Usage: promptyard verify-audit [--json] [--url URL] [--api-key KEY]

Recomputes every audit event's hash on the server (needs an API key with the admin scope).
Exit 0 when the chain holds, 1 when it is broken (the first broken event is named), 2 on usage or connection errors.`,
  async run(argv, io) {
    const args = parseArgs(argv, {});
    const api = connect(args, io);
    const res = await api.request("GET", "/api/v1/audit/verify");
    if (res.status !== 200) throw new ConnectionError(`GET /api/v1/audit/verify answered ${res.status}: ${errorMessage(res.body)}`);
    const body = res.body as { ok: boolean; events: number; firstBrokenEventId?: string; reason?: string };
    if (args.flags.json) io.stdout.write(`${JSON.stringify(body)}\n`);
    else if (body.ok) io.stdout.write(`Audit chain holds: ${body.events} events verified.\n`);
    else io.stdout.write(`Audit chain BROKEN at event ${body.firstBrokenEventId}${body.reason ? `: ${body.reason}` : ""} (${body.events} events checked).\n`);
    return body.ok ? EXIT.ok : EXIT.checkFailed;
  },
};
