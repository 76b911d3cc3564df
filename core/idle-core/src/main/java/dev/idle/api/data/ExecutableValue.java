package dev.idle.api.data;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Marks a value that carries code rather than data (a PowerShell script block upstream).
 *
 * <p>Parsers never produce one; the type exists so that API callers who put one into a request, a workflow
 * or auth session options are rejected with the path at fault, exactly as IdLE rejects script blocks.
 *
 * @param source the text of the code, never written to any output
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record ExecutableValue(String source) {
    @Override
    public String toString() {
        return "[ExecutableValue]";
    }
}
