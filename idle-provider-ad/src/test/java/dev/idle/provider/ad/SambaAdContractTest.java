package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.idle.api.data.DataMap;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The provider contract suite against the Samba AD DC (skipped without one). */
class SambaAdContractTest extends ProviderContractTest {
    private static SambaDc dc;
    private static LDAPConnection admin;
    private static String ou;

    @BeforeAll
    static void startFixtures() throws Exception {
        dc = SambaDc.require();
        admin = dc.admin();
        ou = dc.newOu(admin, "idle-contract");
    }

    @AfterAll
    static void removeFixtures() {
        if (admin != null) {
            SambaDc.deleteTree(admin, ou);
            admin.close();
        }
    }

    @Override
    protected Provider newProviderWithIdentity(String key) {
        AdProvider provider = dc.provider(dc.options());
        provider.createIdentity(key, DataMap.of("Path", ou, "ResetOnFirstLogin", false), null);
        return provider;
    }

    @Override
    protected Entitlement newEntitlement() {
        try {
            String name = "grp-" + UUID.randomUUID().toString().substring(0, 12);
            return Entitlement.of("Group", dc.newGroup(admin, ou, name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
