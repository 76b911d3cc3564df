package dev.idle.provider.ad;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import dev.idle.api.data.DataMap;
import dev.idle.spi.ProviderFactory;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import dev.idle.testkit.TestEnvironment;

/** Configuration validation: runs without a DC, against UnboundID's in-memory server speaking plain LDAP. */
class AdProviderFactoryTest {
    private InMemoryDirectoryServer server;
    private final AtomicInteger binds = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();

    @BeforeEach
    void plainLdapServer() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("DC=corp,DC=example");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("plain", InetAddress.getLoopbackAddress(), 0,
                null));
        config.addAdditionalBindCredentials("CN=svc,DC=corp,DC=example", "pw");
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                binds.incrementAndGet();
            }
        });
        config.setAccessLogHandler(new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getMessage() != null && r.getMessage().startsWith("CONNECT")) {
                    connects.incrementAndGet();
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        server = new InMemoryDirectoryServer(config);
        server.startListening();
    }

    @AfterEach
    void stop() {
        server.shutDown(true);
    }

    private static ProviderFactory factory() {
        for (ProviderFactory f : ServiceLoader.load(ProviderFactory.class)) {
            if (f.type().equalsIgnoreCase("ad")) {
                return f;
            }
        }
        throw new AssertionError("type 'ad' is not registered");
    }

    private static final ProviderFactory.Environment ENV = TestEnvironment.at(Path.of(".").toAbsolutePath());

    private DataMap options() {
        return DataMap.of("type", "ad", "server", "127.0.0.1", "port", server.getListenPort(),
                "baseDn", "DC=corp,DC=example",
                "auth", DataMap.of("type", "Credential", "username", "CN=svc,DC=corp,DC=example",
                        "passwordEnv", "IDLE_TEST_UNUSED"));
    }

    @Test
    void typeAdIsFoundWithServiceLoader() {
        assertThat(factory()).isInstanceOf(AdProviderFactory.class);
    }

    @Test
    void tlsNoneIsRefusedBeforeAnyConnection() {
        DataMap o = options();
        o.put("tls", "none");
        assertThatThrownBy(() -> factory().create("AD", o, ENV)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AD provider 'AD': option 'tls' is 'none': plain LDAP is refused");
        assertThat(binds).hasValue(0);
        assertThat(connects.get()).isZero();
    }

    @Test
    void aPlainLdapUrlIsRefusedNamingTheKey() {
        DataMap o = options();
        o.remove("server");
        o.remove("port");
        o.put("url", "ldap://127.0.0.1:" + server.getListenPort());
        assertThatThrownBy(() -> factory().create("AD", o, ENV))
                .hasMessageContaining("option 'url' (ldap://127.0.0.1:" + server.getListenPort()
                        + ") is plain LDAP, which is refused");
        assertThat(binds).hasValue(0);
        assertThat(connects.get()).isZero();
    }

    @Test
    void ldapsAgainstAPlainServerNeverBinds() {
        try (AdProvider p = (AdProvider) factory().create("AD", withPassword(options()), ENV)) {
            assertThatThrownBy(() -> p.getIdentity("someone", null)).isInstanceOf(dev.idle.spi.ProviderException.class);
        }
        assertThat(binds).hasValue(0);
    }

    private static DataMap withPassword(DataMap o) {
        o.getMap("auth").remove("passwordEnv");
        o.getMap("auth").put("passwordFile", "pom.xml");
        return o;
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> factory().create("AD", DataMap.of("type", "ad", "tls", "off", "colour", "red",
                "auth", DataMap.of("type", "Credential", "username", "u", "password", "p")), ENV))
                .hasMessageContaining("unknown option 'colour'")
                .hasMessageContaining("option 'tls' is 'off'")
                .hasMessageContaining("option 'server'")
                .hasMessageContaining("option 'baseDn'")
                .hasMessageContaining("auth.password is not supported; secrets must not be written in the host file")
                .hasMessageContaining("auth needs passwordEnv or passwordFile");
    }

    @Test
    void capabilitiesFollowAllowDeleteAndRevokeSessionsIsExplained() {
        AdProvider p = (AdProvider) factory().create("AD", options(), ENV);
        assertThat(p.capabilities()).startsWith("IdLE.Identity.Read", "IdLE.Identity.List")
                .doesNotContain("IdLE.Identity.Delete", "IdLE.Identity.RevokeSessions");
        assertThat(p.whyNot("IdLE.Identity.RevokeSessions")).contains("Kerberos").contains("docs/providers/ad.md");
        assertThat(p.whyNot("IdLE.Identity.Delete")).contains("allowDelete");
        DataMap o = options();
        o.put("allowDelete", true);
        AdProvider deleting = (AdProvider) factory().create("AD", o, ENV);
        assertThat(deleting.capabilities()).last().isEqualTo("IdLE.Identity.Delete");
        assertThat(deleting.whyNot("IdLE.Identity.Delete")).isNull();
        assertThat(connects.get()).isZero();
    }
}
