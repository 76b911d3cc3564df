package dev.idle.cli;

import java.util.logging.Level;

/**
 * The log levels of a CLI run, set before the first logger is made. The CLI logs through slf4j-simple (to stderr);
 * third-party libraries (the Azure SDK, MSAL, reactor, …) log through it too, or through {@code java.util.logging}.
 *
 * <p>By default only IdLE's own loggers ({@code dev.idle}) speak, at INFO; every other logger is off, so an Entra run
 * prints no {@code WARN}/{@code ERROR} lines of the Azure SDK or MSAL (their failures reach the user as step errors).
 * With {@code -vv} or {@code --debug} every logger is at DEBUG. A level given explicitly as a system property
 * ({@code -Dorg.slf4j.simpleLogger.defaultLogLevel=…}, {@code -Dorg.slf4j.simpleLogger.log.<name>=…}) is kept.
 *
 * <p>slf4j-simple reads its default level once, when slf4j starts, and a logger's own level when the logger is
 * made: so this works only from {@code main}, before any library class is loaded; in-process test runs of
 * {@link IdleCli#execute} do not call it (they keep the test's {@code simplelogger.properties}).
 */
final class CliLogging {
    private static final String PREFIX = "org.slf4j.simpleLogger.";

    private CliLogging() {
    }

    /** Sets the levels: everything at DEBUG when {@code libraryLogs}, else IdLE at INFO and the rest off. */
    static void configure(boolean libraryLogs) {
        setIfAbsent(PREFIX + "defaultLogLevel", libraryLogs ? "debug" : "off");
        setIfAbsent(PREFIX + "log.dev.idle", libraryLogs ? "debug" : "info");
        // the same for java.util.logging, which some libraries use instead of slf4j
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        root.setLevel(libraryLogs ? Level.FINE : Level.OFF);
        for (java.util.logging.Handler h : root.getHandlers()) {
            h.setLevel(libraryLogs ? Level.FINE : Level.OFF);
        }
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
