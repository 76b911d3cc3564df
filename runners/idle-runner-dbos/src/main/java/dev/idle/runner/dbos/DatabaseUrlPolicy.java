package dev.idle.runner.dbos;

import dev.idle.api.IdleInputException;
import java.util.Locale;
import java.util.Set;

/**
 * What a runner's database URL must say before any password is sent over it: the password only by reference (never
 * a {@code password=} parameter, which would reach logs and process lists with the URL), and to a host that is not
 * loopback only over TLS that verifies the server ({@code sslmode=verify-full}, or {@code verify-ca}). The PostgreSQL
 * driver's default, {@code prefer}, would fall back to cleartext and does not check the certificate; {@code require}
 * does not check it either. Loopback ({@code localhost}, {@code 127.0.0.0/8}, {@code ::1}) may go without TLS.
 *
 * <p>Stateless.
 */
final class DatabaseUrlPolicy {
    private static final Set<String> VERIFYING = Set.of("verify-full", "verify-ca");

    private DatabaseUrlPolicy() {
    }

    /** @throws IdleInputException naming the URL's host and the parameter to add or remove */
    static void check(String url) {
        String rest = url.substring("jdbc:postgresql://".length());
        int q = rest.indexOf('?');
        String authority = rest.substring(0, slashOr(rest, q));
        String query = q < 0 ? "" : rest.substring(q + 1);
        String sslmode = null;
        for (String pair : query.split("&")) {
            String key = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            String value = pair.contains("=") ? pair.substring(pair.indexOf('=') + 1) : "";
            if (key.equalsIgnoreCase("password")) {
                throw new IdleInputException("database URL: a password parameter is not accepted; give the password"
                        + " by file (--db-password-file, IDLE_PG_PASSWORD_FILE)");
            }
            if (key.equalsIgnoreCase("sslmode")) {
                sslmode = value.toLowerCase(Locale.ROOT);
            }
        }
        for (String host : authority.split(",")) {
            String name = hostOf(host);
            if (!isLoopback(name) && (sslmode == null || !VERIFYING.contains(sslmode))) {
                throw new IdleInputException("database URL: host '" + name + "' is not loopback, so the connection"
                        + " must verify the server over TLS: add sslmode=verify-full (and sslrootcert=<CA file>) to"
                        + " the URL" + (sslmode == null ? "" : " instead of sslmode=" + sslmode));
            }
        }
    }

    private static int slashOr(String rest, int q) {
        int slash = rest.indexOf('/');
        return slash >= 0 ? slash : (q >= 0 ? q : rest.length());
    }

    /** The host of {@code host[:port]} or {@code [v6][:port]}. */
    private static String hostOf(String hostAndPort) {
        if (hostAndPort.startsWith("[")) {
            int end = hostAndPort.indexOf(']');
            return end < 0 ? hostAndPort : hostAndPort.substring(1, end);
        }
        int colon = hostAndPort.lastIndexOf(':');
        return colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    }

    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.matches("127(\\.\\d{1,3}){3}");
    }
}
