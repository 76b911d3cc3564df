package dev.idle.provider.support.http;

import java.net.URI;
import java.util.Locale;

/**
 * Origins (scheme, host, port) of URLs, for the rule every provider keeps: a link a service returns (a paging link)
 * is followed with the credential only when it stays on the configured origin.
 */
public final class Origins {
    private Origins() {
    }

    /** {@code scheme://authority} of {@code uri}, e.g. {@code https://graph.microsoft.com}. */
    public static URI of(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /** True when {@code a} and {@code b} have the same scheme, host (ignoring case) and port (defaults filled in). */
    public static boolean same(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }
}
