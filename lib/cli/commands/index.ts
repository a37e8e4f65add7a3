import type { Command } from "../io";
import { pull } from "./pull";
import { status } from "./status";
import { verifyAudit } from "./verify-audit";

/**
 * Every `promptyard` command, in the order `--help` lists them. One file per command under commands/;
 * add a command by adding its file and one line here.
 */
export const COMMANDS: readonly Command[] = [pull, status, verifyAudit];
