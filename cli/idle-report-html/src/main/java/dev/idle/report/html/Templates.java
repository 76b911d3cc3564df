package dev.idle.report.html;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * Renders the precompiled jte templates of this module (compiled by the build, type-checked by javac; HTML content
 * type, so every {@code ${value}} is escaped for where it stands). Thread-safe: the engine is immutable once made.
 */
final class Templates {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Templates() {
    }

    /** The HTML of {@code template} (e.g. {@code "plan.jte"}) with these parameters. */
    static String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        ENGINE.render(template, params, out);
        return out.toString();
    }
}
