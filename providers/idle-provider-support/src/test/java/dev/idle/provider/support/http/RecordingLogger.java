package dev.idle.provider.support.http;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** An SLF4J logger that keeps every formatted line (debug enabled), for assertions on what is logged. */
final class RecordingLogger extends LegacyAbstractLogger {
    final List<String> lines = new ArrayList<>();
    private final boolean debug;

    RecordingLogger(boolean debug) {
        this.debug = debug;
        this.name = "recording";
    }

    @Override
    public boolean isTraceEnabled() {
        return false;
    }

    @Override
    public boolean isDebugEnabled() {
        return debug;
    }

    @Override
    public boolean isInfoEnabled() {
        return true;
    }

    @Override
    public boolean isWarnEnabled() {
        return true;
    }

    @Override
    public boolean isErrorEnabled() {
        return true;
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected synchronized void handleNormalizedLoggingCall(Level level, Marker marker, String pattern,
                                                            Object[] arguments, Throwable throwable) {
        lines.add(level + " " + MessageFormatter.basicArrayFormat(pattern, arguments));
    }
}
