package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.SSLUtil;
import dev.idle.provider.support.TrustStores;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * TLS-only connections to a DC: LDAPS, or LDAP upgraded with StartTLS before the bind. The server certificate is
 * verified against the configured trust store (or the JVM's) and must name the host that was dialled. Calls without
 * a session share a lazily created pool bound with the provider's own credential; a call with a {@code Credential}
 * session gets a connection of its own, bound with that credential and closed afterwards.
 */
final class AdConnector implements Connections {
    private final AdSettings settings;
    private final SSLUtil ssl;
    private LDAPConnectionPool pool;

    AdConnector(AdSettings settings) {
        this.settings = settings;
        this.ssl = new SSLUtil(trustManagers(settings));
    }

    @Override
    public <T> T with(AuthSession session, Call<T> call) throws LDAPException {
        if (session == null) {
            return call.apply(pool());
        }
        AdSettings.Credential credential = credentialOf(session);
        try (LDAPConnection c = connect()) {
            c.bind(bindRequest(credential));
            return call.apply(c);
        }
    }

    private synchronized LDAPConnectionPool pool() throws LDAPException {
        if (pool == null) {
            AdSettings.Credential credential = settings.bind().get();
            SingleServerSet servers = settings.startTls()
                    ? new SingleServerSet(settings.host(), settings.port(), options())
                    : new SingleServerSet(settings.host(), settings.port(), sslContext().getSocketFactory(), options());
            pool = new LDAPConnectionPool(servers, bindRequest(credential), 1, Math.max(1, settings.poolSize()),
                    settings.startTls() ? new StartTLSPostConnectProcessor(sslContext()) : null);
            pool.setConnectionPoolName("idle-ad-" + settings.alias());
            pool.setRetryFailedOperationsDueToInvalidConnections(true);
        }
        return pool;
    }

    private LDAPConnection connect() throws LDAPException {
        if (!settings.startTls()) {
            return new LDAPConnection(sslContext().getSocketFactory(), options(), settings.host(), settings.port());
        }
        LDAPConnection c = new LDAPConnection(options(), settings.host(), settings.port());
        try {
            var result = c.processExtendedOperation(new StartTLSExtendedRequest(sslContext()));
            if (result.getResultCode() != ResultCode.SUCCESS) {
                throw new LDAPException(result);
            }
            return c;
        } catch (LDAPException e) {
            c.close();
            throw e;
        }
    }

    private LDAPConnectionOptions options() {
        LDAPConnectionOptions o = new LDAPConnectionOptions();
        o.setConnectTimeoutMillis(settings.timeoutMillis());
        o.setResponseTimeoutMillis(settings.timeoutMillis());
        o.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        o.setFollowReferrals(false);
        o.setUseSynchronousMode(false);
        return o;
    }

    private SSLContext sslContext() throws LDAPException {
        try {
            return ssl.createSSLContext("TLS");
        } catch (GeneralSecurityException e) {
            throw new LDAPException(ResultCode.LOCAL_ERROR, "cannot set up TLS: " + e.getMessage(), e);
        }
    }

    private static BindRequest bindRequest(AdSettings.Credential credential) {
        return new SimpleBindRequest(credential.username(), credential.password().reveal());
    }

    /** The user name and password of a {@code Credential} session. */
    static AdSettings.Credential credentialOf(AuthSession session) {
        if (!"Credential".equalsIgnoreCase(session.type())) {
            throw new IllegalArgumentException("The AD provider accepts auth sessions of type 'Credential' (user name "
                    + "and password); session '" + session.name() + "' is of type '" + session.type() + "'.");
        }
        Object user = session.attributes() == null ? null : session.attributes().get("username");
        Secret password = session.secret();
        if (!(user instanceof String u) || u.isBlank() || password == null || password.isEmpty()) {
            throw new IllegalArgumentException("Auth session '" + session.name()
                    + "' must carry a user name and a password for the AD provider.");
        }
        return new AdSettings.Credential(u, password);
    }

    private static TrustManager[] trustManagers(AdSettings s) {
        try {
            KeyStore store = null;
            if (s.trustStore() != null) {
                boolean pkcs12 = "PKCS12".equalsIgnoreCase(s.trustStoreType());
                char[] password = !pkcs12 || s.trustStorePassword() == null ? null : s.trustStorePassword().get();
                store = TrustStores.load(s.trustStore(), pkcs12 ? TrustStores.Format.PKCS12 : TrustStores.Format.PEM,
                        password);
                if (!pkcs12 && TrustStores.isEmpty(store)) {
                    throw new IllegalArgumentException("AD provider '" + s.alias() + "': option 'trustStore' ("
                            + s.trustStore() + ") holds no PEM certificate.");
                }
            }
            return TrustStores.trustManagers(store);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("AD provider '" + s.alias() + "': option 'trustStore' ("
                    + s.trustStore() + ") cannot be read as " + s.trustStoreType() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
