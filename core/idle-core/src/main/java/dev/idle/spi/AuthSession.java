package dev.idle.spi;

import dev.idle.api.data.DataMap;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.STABLE;

/**
 * Credentials for one backend call, handed out by the host's {@link AuthSessionBroker}.
 *
 * <p>{@link #attributes()} holds what is not secret (tenant id, client id, user name); the secret material sits in
 * {@link #secret()}. The whole object is redacted wherever it would reach output.
 */
@API(status = STABLE, since = "0.1")
public interface AuthSession {
    /** The session name the step asked for ({@code With.AuthSessionName}). */
    String name();

    /** The kind of credential: {@code OAuth}, {@code Credential}, {@code ClientSecret}, ... */
    String type();

    /** Non-secret settings of this session. */
    DataMap attributes();

    /** The secret (token, password, client secret), or null for types that carry none. */
    Secret secret();

    /** A session with the given parts. */
    static AuthSession of(String name, String type, DataMap attributes, Secret secret) {
        return new SimpleAuthSession(name, type, attributes == null ? new DataMap() : attributes, secret);
    }
}
