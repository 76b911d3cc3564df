package dev.idle.internal.template;

import dev.idle.api.data.DataMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Template checks that need no request data, for {@code idle validate}: broken braces, malformed paths and inputs
 * over a limit ({@code InputLimits}: placeholders per string, path segments) are errors; a root outside the
 * allow-list is reported separately because validation treats it as a warning.
 * Placeholders that merely have no value yet (no request at validation time) are not problems.
 */
public final class TemplateSyntax {
    /** One problem; {@code rootNotAllowed} marks the allow-list kind. */
    public record Problem(String message, boolean rootNotAllowed) {
    }

    private static final DataMap NO_REQUEST = DataMap.of("LifecycleEvent", null, "CorrelationId", null,
            "Actor", null, "IdentityKeys", new DataMap(), "Intent", new DataMap(), "Context", new DataMap());

    private TemplateSyntax() {
    }

    public static List<Problem> problems(String s) {
        return problems(s, null);
    }

    /**
     * The problems of {@code s}; a string over a limit gives one problem naming {@code keyPath} (e.g.
     * {@code With.DisplayName}; null for "the string") and the limit.
     */
    public static List<Problem> problems(String s, String keyPath) {
        List<Problem> out = new ArrayList<>();
        if (!s.contains("{{") && !s.contains("}}")) {
            return out;
        }
        try {
            TemplateResolver.resolveString(s, NO_REQUEST, "validate", keyPath);
        } catch (TemplateException e) {
            for (String m : e.errors()) {
                if (m.startsWith("Template syntax error") || m.startsWith("Template path error")
                        || m.startsWith("Template limit error")) {
                    out.add(new Problem(strip(m), false));
                } else if (m.startsWith("Template security error") && m.contains("which is not allowed")) {
                    out.add(new Problem(strip(m), true));
                }
            }
        }
        return out;
    }

    /** Drops the placeholder context label used above, which means nothing to the reader. */
    private static String strip(String m) {
        return m.replace(" in 'validate'", "");
    }
}
