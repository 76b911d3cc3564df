package dev.idle.provider.ad;

import dev.idle.spi.SecretReferences;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A validated AD provider configuration.
 *
 * @param alias           the host alias, for messages
 * @param host            the DC's host name or address
 * @param port            LDAPS (default 636) or LDAP+StartTLS (default 389) port
 * @param startTls        true: connect in clear and upgrade with StartTLS before anything else; false: LDAPS
 * @param baseDn          the domain (or subtree) searched for users and groups
 * @param usersContainer  where CreateIdentity puts users when no {@code Path} is given
 * @param trustStore      PEM or PKCS12 file with the CA certificates to trust; null = the JVM's default trust store
 * @param trustStoreType  {@code PEM} or {@code PKCS12}
 * @param trustStorePassword PKCS12 password source, may answer null
 * @param bind            the default bind credential (the provider's {@code auth:}), read when first needed
 * @param allowDelete     advertise and permit DeleteIdentity
 * @param passwordRules   fallback rules of the password generator
 * @param poolSize        the connection pool's maximum size
 * @param timeoutMillis   connect and response timeout
 * @param secrets         reads secret references of request data ({@code AccountPassword}): {@code env:}, or files
 *                        inside the host's {@code secretsDir}
 */
record AdSettings(String alias, String host, int port, boolean startTls, String baseDn, String usersContainer,
                  Path trustStore, String trustStoreType, Supplier<char[]> trustStorePassword,
                  Supplier<Credential> bind, boolean allowDelete, PasswordGenerator.Rules passwordRules,
                  int poolSize, int timeoutMillis, SecretReferences secrets) {

    /** A bind name (DN, UPN or DOMAIN\\user) and its password. */
    record Credential(String username, dev.idle.spi.Secret password) {
        @Override
        public String toString() {
            return "Credential[" + username + "]";
        }
    }

    String endpoint() {
        return (startTls ? "ldap+starttls://" : "ldaps://") + host + ":" + port;
    }
}
