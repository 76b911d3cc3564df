package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPInterface;
import dev.idle.spi.AuthSession;

/** Where the provider gets a bound LDAP connection for one call: the pool, or one bound to the call's session. */
interface Connections extends AutoCloseable {

    /** An LDAP call. */
    @FunctionalInterface
    interface Call<T> {
        T apply(LDAPInterface ldap) throws LDAPException;
    }

    /** Runs {@code call} on a connection bound with the session's credential, or with the default one when null. */
    <T> T with(AuthSession session, Call<T> call) throws LDAPException;

    @Override
    void close();
}
