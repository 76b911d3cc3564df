package dev.idle.provider.entraid;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** OData literal escaping and URL encoding for Graph query strings. */
final class OData {
    private static final Pattern GUID_D = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern GUID_N = Pattern.compile("[0-9a-fA-F]{32}");

    private OData() {
    }

    /** An OData string literal: {@code '} doubled, the whole wrapped in quotes ({@code O'Brien} → {@code 'O''Brien'}). */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** Percent-encodes a query parameter value (spaces as {@code %20}, not {@code +}). */
    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code $filter=<property> eq '<value>'}, escaped then encoded. */
    static String eqFilter(String property, String value) {
        return "$filter=" + encode(property + " eq " + literal(value));
    }

    /**
     * The key as a lower-case GUID in D format when the <b>whole</b> key is a GUID (D, N, or D in braces or
     * parentheses); else null. A GUID inside a longer key (upstream's 32-hex substring rule) does not count.
     */
    static String guid(String key) {
        if (key == null) {
            return null;
        }
        String k = key.trim();
        if ((k.startsWith("{") && k.endsWith("}")) || (k.startsWith("(") && k.endsWith(")"))) {
            k = k.substring(1, k.length() - 1);
        }
        if (GUID_D.matcher(k).matches()) {
            return k.toLowerCase(java.util.Locale.ROOT);
        }
        if (GUID_N.matcher(k).matches()) {
            String n = k.toLowerCase(java.util.Locale.ROOT);
            return n.substring(0, 8) + "-" + n.substring(8, 12) + "-" + n.substring(12, 16) + "-" + n.substring(16, 20)
                    + "-" + n.substring(20);
        }
        return null;
    }

    /** A path segment: the id percent-encoded so that no key can change the request path. */
    static String segment(String id) {
        return encode(id);
    }
}
