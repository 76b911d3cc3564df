package dev.idle.provider.ad;

import com.unboundid.ldap.sdk.LDAPConnection;
import dev.idle.api.data.DataMap;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.testkit.ProviderContractTest;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The idle-testkit provider contract suite against the Samba AD DC (skipped without one). Deletion is allowed so
 * the delete tests run; faults are real: an unreachable DC (transient) and a wrong password (permanent).
 */
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

    private static DataMap options() {
        DataMap o = dc.options();
        o.put("allowDelete", true);
        return o;
    }

    @Override
    protected Provider newProvider() {
        return dc.provider(options());
    }

    @Override
    protected DataMap createAttributes(String key) {
        return DataMap.of("Path", ou, "ResetOnFirstLogin", false);
    }

    @Override
    protected String entitlementKind() {
        return "Group";
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

    /** A provider for the same directory whose DC does not answer (nothing listens on that loopback port). */
    @Override
    protected Provider withTransientFailureOnNextCall(Provider provider, String method) {
        DataMap o = options();
        o.put("port", 1);
        o.put("timeoutSeconds", 2);
        return dc.provider(o);
    }

    /** A provider for the same directory bound with a wrong password: the DC refuses, retrying cannot help. */
    @Override
    protected Provider withPermanentFailureOnNextCall(Provider provider, String method) {
        DataMap o = options();
        o.getMap("auth").remove("passwordFile");
        o.getMap("auth").put("passwordFile", "../pom.xml");
        return dc.provider(o);
    }
}
