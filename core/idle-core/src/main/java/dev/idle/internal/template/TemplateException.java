package dev.idle.internal.template;

import java.util.List;

/**
 * One template string could not be resolved. {@link #errors()} holds every problem found in it (a string may have
 * several bad placeholders); the message joins them with a space.
 */
public class TemplateException extends IllegalArgumentException {

    private final List<String> errors;

    public TemplateException(List<String> errors) {
        super(String.join(" ", errors));
        this.errors = List.copyOf(errors);
    }

    public TemplateException(String error) {
        this(List.of(error));
    }

    public List<String> errors() {
        return errors;
    }
}
