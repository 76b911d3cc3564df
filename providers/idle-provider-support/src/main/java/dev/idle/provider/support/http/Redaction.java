package dev.idle.provider.support.http;

import dev.idle.spi.CredentialMasking;
import java.net.URI;
import java.util.Collection;

/**
 * Keeps secrets out of what the layer writes: log lines show a request's path with every query value replaced, and
 * text that came back from a server (an error message that may echo a token) loses the caller's secrets and anything
 * shaped like a bearer credential.
 */
public final class Redaction {
    /** What a removed value is replaced with. */
    public static final String REDACTED = CredentialMasking.MARKER;

    private Redaction() {
    }

    /**
     * The path of {@code uri} and the names of its query parameters, with every value replaced by {@code ***}:
     * {@code /users?$filter=***&$top=***}. Query values may hold a search term, an OData filter with a person's name,
     * a signature or a token; names are kept because they help to read a log.
     */
    public static String pathAndQueryNames(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery();
        if (query == null || query.isEmpty()) {
            return path;
        }
        StringBuilder sb = new StringBuilder(path).append('?');
        String[] pairs = query.split("&");
        for (int i = 0; i < pairs.length; i++) {
            int eq = pairs[i].indexOf('=');
            sb.append(i == 0 ? "" : "&").append(eq < 0 ? pairs[i] : pairs[i].substring(0, eq)).append("=***");
        }
        return sb.toString();
    }

    /** The path of {@code uri} without its query: how messages name a call. */
    public static String path(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    /**
     * {@code text} without any of {@code secrets} (those of at least 4 characters) and without anything shaped like
     * a credential ({@code Bearer <token>}, a JWT, {@code client_secret=…}, see {@link CredentialMasking#mask});
     * null stays null.
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (secrets != null) {
            for (String s : secrets) {
                if (s != null && s.length() >= 4) {
                    out = out.replace(s, REDACTED);
                }
            }
        }
        return CredentialMasking.mask(out);
    }
}
