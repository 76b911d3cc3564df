package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Runs one LDAP call on a connection bound for the caller's auth session and turns any {@link LDAPException} into a
 * {@link ProviderException}: certificate problems name the trust store to fix, connection problems are marked
 * transient. Other exceptions thrown by a call (validation errors, provider errors) pass through unchanged.
 * Thread-safe as far as its {@link Connections} are.
 */
final class AdCalls implements AutoCloseable {

    private final AdSettings settings;
    private final Connections connections;

    AdCalls(AdSettings settings, Connections connections) {
        this.settings = settings;
        this.connections = connections;
    }

    <T> T run(AuthSession session, Connections.Call<T> call) {
        try {
            return connections.with(session, call);
        } catch (LDAPException e) {
            throw translate(e);
        }
    }

    /** An LDAP failure as a provider error: certificate problems say so; connection problems are transient. */
    ProviderException translate(LDAPException e) {
        Throwable cert = certificateCause(e);
        if (cert != null) {
            return new ProviderException("AD provider '" + settings.alias() + "': TLS certificate verification failed "
                    + "for " + settings.endpoint() + ": " + cert.getMessage() + ". Check option 'trustStore' ("
                    + (settings.trustStore() == null ? "the JVM's default trust store" : settings.trustStore())
                    + ") holds the CA that issued the DC's certificate, and that the certificate names '"
                    + settings.host() + "'.", false, null, e);
        }
        ResultCode rc = e.getResultCode();
        boolean transientFailure = rc == ResultCode.SERVER_DOWN || rc == ResultCode.CONNECT_ERROR
                || rc == ResultCode.TIMEOUT || rc == ResultCode.BUSY || rc == ResultCode.UNAVAILABLE;
        String msg = e.getDiagnosticMessage() != null ? e.getDiagnosticMessage() : e.getExceptionMessage();
        return new ProviderException("AD provider '" + settings.alias() + "' (" + settings.endpoint() + "): "
                + rc.getName() + " (" + rc.intValue() + "): " + msg, transientFailure, null, e);
    }

    private static Throwable certificateCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateException || c instanceof CertPathValidatorException
                    || c instanceof javax.net.ssl.SSLHandshakeException || c instanceof SSLException
                    && String.valueOf(c.getMessage()).toLowerCase(Locale.ROOT).contains("cert")) {
                return c;
            }
            if (c instanceof LDAPException l && String.valueOf(l.getMessage()).contains("hostname verification")) {
                return c;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    @Override
    public void close() {
        connections.close();
    }
}
