package dev.idle.provider.support.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The transport rule every HTTP provider applies to the URLs of its options: {@code https}, or plain {@code http}
 * only to this machine's loopback (a local simulator), so a token or client secret never crosses a network in clear.
 *
 * <p>Loopback means the name {@code localhost} (any case), an IPv4 literal in {@code 127.0.0.0/8} or the IPv6
 * literal {@code ::1}. No name is ever resolved through DNS to decide this: a name such as
 * {@code 127.0.0.1.example.com} or {@code localhost.example.com} is not loopback, whatever it resolves to.
 * Stateless and thread-safe.
 */
public final class Cleartext {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private Cleartext() {
    }

    /**
     * {@code uri} when it is {@code https}, or {@code http} to a loopback host; otherwise an
     * {@link IllegalArgumentException} whose message starts with {@code at} (which names the provider entry, e.g.
     * {@code "Okta provider 'okta'"}), names {@code option} and says that https is required except to loopback.
     */
    public static URI requireHttpsOrLoopback(URI uri, String at, String option) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (host != null && (scheme.equals("https") || (scheme.equals("http") && isLoopback(host)))) {
            return uri;
        }
        throw new IllegalArgumentException(at + ": option '" + option + "' must be an https URL; plain http is allowed"
                + " only for a loopback host such as http://127.0.0.1 (got '" + uri + "').");
    }

    /**
     * Whether {@code host} (a name or an IP literal, IPv6 possibly in brackets, as {@link URI#getHost()} gives it)
     * is this machine's loopback. Never consults DNS.
     */
    public static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        var v4 = IPV4.matcher(host);
        if (v4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(v4.group(i)) > 255) {
                    return false;
                }
            }
            return Integer.parseInt(v4.group(1)) == 127;
        }
        if (!host.contains(":")) {
            return false;
        }
        // Brackets make InetAddress parse an IPv6 literal or fail; it then never falls back to a DNS lookup.
        String bracketed = host.startsWith("[") ? host : "[" + host + "]";
        try {
            return InetAddress.getByName(bracketed).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
