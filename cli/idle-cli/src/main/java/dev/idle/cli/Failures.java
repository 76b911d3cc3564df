package dev.idle.cli;

import dev.idle.api.IdleException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions into exit codes and messages: bad input exits 2 with every problem listed; anything unexpected
 * exits 1 with a one-line message (the stack trace only with {@code --debug}).
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof IdleException ie) {
            err.println("idle: " + ie.getMessage());
            return IdleCli.BAD_INPUT;
        }
        err.println("idle: internal error: " + ex);
        if (debug(parsed)) {
            ex.printStackTrace(err);
        } else {
            err.println("Run again with --debug for the stack trace.");
        }
        return IdleCli.INTERNAL_ERROR;
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
