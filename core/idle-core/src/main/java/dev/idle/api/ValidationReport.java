package dev.idle.api;

import java.util.List;

/** Every error and warning one validation pass found. */
public record ValidationReport(List<String> errors, List<String> warnings) {
    public ValidationReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean valid() {
        return errors.isEmpty();
    }
}
