import { COMMANDS } from "./commands";
import { ConnectionError, EXIT, UsageError, type CliIo, type ExitCode } from "./io";

const USAGE = () => `Usage: promptyard <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(14)} ${c.summary}`).join("\n")}

Every command reads PROMPTYARD_URL and PROMPTYARD_API_KEY (or --url and --api-key), prints for people by
default and JSON with --json. Exit codes: 0 ok, 1 a check failed, 2 usage or connection error.
Run \`promptyard <command> --help\` for a command's options.
`;

/** Runs one CLI invocation and returns its exit code (never calls process.exit, so tests run it in-process). */
export async function main(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const [name, ...rest] = argv;
  if (!name || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(USAGE());
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.stderr.write(`promptyard: unknown command "${name}".\n\n${USAGE()}`);
    return EXIT.usage;
  }
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.help}\n`);
    return EXIT.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr.write(`promptyard ${name}: ${e.message}\nRun \`promptyard ${name} --help\` for usage.\n`);
      return EXIT.usage;
    }
    if (e instanceof ConnectionError) {
      io.stderr.write(`promptyard ${name}: ${e.message}\n`);
      return EXIT.usage;
    }
    io.stderr.write(`promptyard ${name}: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.usage;
  }
}
