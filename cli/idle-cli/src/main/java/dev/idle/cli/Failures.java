package dev.idle.cli;

import dev.idle.api.IdleException;
import dev.idle.spi.CredentialMasking;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns exceptions into exit codes and messages: bad input exits 2 with every problem listed; anything unexpected
 * exits 1 with a one-line message (the stack trace only with {@code --debug}). Credentials in a message are masked.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof IdleException ie) {
            err.println("idle: " + CredentialMasking.mask(ie.getMessage()));
            return IdleCli.BAD_INPUT;
        }
        // An unexpected exception's text may echo what a provider or library saw, an Authorization header included.
        err.println("idle: internal error: " + CredentialMasking.mask(ex.toString()));
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
