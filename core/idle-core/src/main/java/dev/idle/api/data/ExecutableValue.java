package dev.idle.api.data;

/**
 * Marks a value that carries code rather than data (a PowerShell script block upstream).
 *
 * <p>Parsers never produce one; the type exists so that API callers who put one into a request, a workflow
 * or auth session options are rejected with the path at fault, exactly as IdLE rejects script blocks.
 *
 * @param source the text of the code, never written to any output
 */
public record ExecutableValue(String source) {
    @Override
    public String toString() {
        return "[ExecutableValue]";
    }
}
