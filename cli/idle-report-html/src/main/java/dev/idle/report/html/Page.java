package dev.idle.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;

/**
 * The frame every report shares: title, the one style sheet and the optional script, both inline (a report is one
 * self-contained file that works offline) and both allowed by their SHA-256 in a Content-Security-Policy that allows
 * nothing else: no external fetch, no other inline script or style, no inline event handler, no form target. Style
 * and script are constants read from this jar, never built from report values, so no value can reach a script.
 *
 * @param title  the page title (escaped by the template)
 * @param style  the CSS text (a constant resource)
 * @param script the JavaScript text (a constant resource), or "" for a page without script
 */
public record Page(String title, String style, String script) {
    public Page {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(script, "script");
    }

    /** A page with the shared style sheet and, when {@code scriptResource} is not null, that script. */
    public static Page of(String title, String scriptResource) {
        return new Page(title, resource("report.css"), scriptResource == null ? "" : resource(scriptResource));
    }

    /** The policy for this page's exact style and script: everything else is refused by the browser. */
    public String contentSecurityPolicy() {
        String scripts = script.isEmpty() ? "'none'" : "'" + sha256(script) + "'";
        return "default-src 'none'; img-src data:; style-src '" + sha256(style) + "'; script-src " + scripts
                + "; base-uri 'none'; form-action 'none'";
    }

    /** A constant text resource of this package. */
    static String resource(String name) {
        try (InputStream in = Page.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing report resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
