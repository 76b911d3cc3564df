package dev.idle.provider.entraconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import dev.idle.winrmsim.Fault;
import dev.idle.winrmsim.RequestRecord;
import dev.idle.winrmsim.WinRmSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider over real WS-Management (HTTPS, Basic) against the WinRM simulator's emulated Entra Connect server. */
class EntraConnectSimulatorTest {
    static final String HOST = "aadc01.corp.example.com";
    static final String USER = "CORP\\svc-idle-sync";
    static final String PASSWORD = "Sync-Pa55-word!";

    WinRmSimulator sim;
    final AuthSession cred = AuthSession.of("EntraConnect", "Credential", DataMap.of("username", USER),
            Secret.of(PASSWORD));

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        sim = WinRmSimulator.builder().user(USER, PASSWORD).nonOperatorUser("CORP\\helpdesk", "Help-Pa55")
                .cyclePolls(1).build().start();
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    EntraConnectProvider provider(DataMap extra) {
        DataMap options = DataMap.of("endpoint", sim.endpoint().toString(), "trustStore",
                sim.trustStorePem().toString(), "operationTimeoutSeconds", 5, "connectTimeoutSeconds", 5);
        options.putAll(extra);
        return EntraConnectProviderFactory.create("DirectorySync", options, dir, name -> null);
    }

    EntraConnectProvider provider() {
        return provider(new DataMap());
    }

    @Test
    void triggerReportsStartedAndTheServerStartsTheCycleWithThePolicyTypeAsGiven() {
        SyncCycleStart r = provider().startSyncCycle("delta", HOST, cred);
        assertThat(r.started()).isTrue();
        assertThat(r.message()).isEqualTo("Sync cycle triggered with PolicyType: delta on " + HOST);
        assertThat(sim.entraConnect().startedCycles()).containsExactly("delta");
        assertThat(sim.requests()).extracting(RequestRecord::action)
                .containsExactly("Create", "Command", "Receive", "Receive", "Signal", "Delete");
    }

    @Test
    void stateIsInProgressThenIdleWithTheSchedulerDetails() {
        EntraConnectProvider p = provider();
        p.startSyncCycle("Initial", HOST, cred);
        SyncCycleState first = p.getSyncCycleState(HOST, cred);
        SyncCycleState second = p.getSyncCycleState(HOST, cred);

        assertThat(first.inProgress()).isTrue();
        assertThat(first.state()).isEqualTo("InProgress");
        assertThat(first.details()).containsEntry("AllowedSyncCycleInterval", "00:30:00")
                .containsEntry("NextSyncCyclePolicyType", "Delta");
        assertThat(second.inProgress()).isFalse();
        assertThat(second.state()).isEqualTo("Idle");
    }

    @Test
    void triggerWhileACycleRunsFailsAsAdSyncDoes() {
        EntraConnectProvider p = provider();
        p.startSyncCycle("Delta", HOST, cred);
        assertThatThrownBy(() -> p.startSyncCycle("Delta", HOST, cred))
                .isInstanceOf(ProviderException.class)
                .hasMessageStartingWith("Failed to start sync cycle: System.InvalidOperationException: Sync is "
                        + "already running.")
                .matches(e -> !ProviderException.isTransient(e));
    }

    @Test
    void invalidPolicyTypeIsRejectedBeforeAnyRequest() {
        assertThatThrownBy(() -> provider().startSyncCycle("Invalid", HOST, cred))
                .hasMessageContaining("'Invalid'");
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void accountOutsideAdSyncOperatorsGetsThePrivilegeMessage() {
        AuthSession helpdesk = AuthSession.of("x", "Credential", DataMap.of("username", "CORP\\helpdesk"),
                Secret.of("Help-Pa55"));
        assertThatThrownBy(() -> provider().getSyncCycleState(HOST, helpdesk))
                .hasMessageStartingWith("Failed to get sync cycle state. Missing privileges or elevation. The "
                        + "AuthSession must provide an elevated execution context. Original error: Retrieving the "
                        + "COM class factory")
                .hasMessageContaining("Access is denied");
        assertThat(sim.openShells()).isZero();
    }

    @Test
    void accessDeniedModeFailsTheTriggerWithThePrivilegeMessage() {
        sim.entraConnect().accessDenied(true);
        assertThatThrownBy(() -> provider().startSyncCycle("Delta", HOST, cred))
                .hasMessageStartingWith("Failed to start sync cycle. Missing privileges or elevation.");
    }

    @Test
    void wrongPasswordFailsToEstablishTheSessionWithThePrivilegeMessageAndNoSecretInIt() {
        AuthSession wrong = AuthSession.of("x", "Credential", DataMap.of("username", USER), Secret.of("nope-123"));
        assertThatThrownBy(() -> provider().startSyncCycle("Delta", HOST, wrong))
                .hasMessageStartingWith("Failed to start sync cycle. Missing privileges or elevation.")
                .hasMessageContaining("Failed to establish PSRemoting session to '" + HOST + "': Access is denied.")
                .hasMessageNotContaining("nope-123");
        assertThat(sim.entraConnect().startedCycles()).isEmpty();
    }

    @Test
    void everyCallClosesItsShell() {
        EntraConnectProvider p = provider();
        p.startSyncCycle("Delta", HOST, cred);
        p.getSyncCycleState(HOST, cred);
        p.getSyncCycleState(HOST, cred);
        assertThatThrownBy(() -> p.startSyncCycle("Delta", HOST, AuthSession.of("x", "Credential",
                DataMap.of("username", "CORP\\helpdesk"), Secret.of("Help-Pa55")))).isInstanceOf(
                ProviderException.class);
        assertThat(sim.shellsCreated()).isEqualTo(4);
        assertThat(sim.shellsDeleted()).isEqualTo(4);
        assertThat(sim.openShells()).isZero();
    }

    @Test
    void withoutATrustStoreTlsVerificationFailsAgainstTheSelfSignedListener() {
        EntraConnectProvider p = EntraConnectProviderFactory.create("DirectorySync",
                DataMap.of("endpoint", sim.endpoint().toString()), dir, n -> null);
        assertThatThrownBy(() -> p.getSyncCycleState(HOST, cred))
                .hasMessageStartingWith("Failed to get sync cycle state: Failed to establish PSRemoting session to '"
                        + HOST + "': TLS with the WinRM service")
                .matches(e -> !ProviderException.isTransient(e));
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void connectionRefusedIsMarkedTransient() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        EntraConnectProvider p = provider(DataMap.of("endpoint", "https://127.0.0.1:" + freePort + "/wsman"));
        assertThatThrownBy(() -> p.getSyncCycleState(HOST, cred))
                .hasMessageContaining("Cannot connect to the WinRM service")
                .matches(ProviderException::isTransient);
    }

    @Test
    void anAnswerSlowerThanTheOperationTimeoutIsMarkedTransient() {
        try (WinRmSimulator slow = WinRmSimulator.builder().user(USER, PASSWORD).latency(Duration.ofSeconds(4))
                .build().start()) {
            WinRmClient client = new WinRmClient(slow.endpoint().toString(), slow.clientSslContext(),
                    Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ZERO);
            EntraConnectProvider quick = new EntraConnectProvider(client, null);
            assertThatThrownBy(() -> quick.getSyncCycleState(HOST, cred))
                    .hasMessageContaining("did not answer within")
                    .matches(ProviderException::isTransient);
        }
    }

    @Test
    void injectedWsManFaultIsReportedAndNotTransient() {
        sim.failNext(Fault.INTERNAL_ERROR, 1);
        assertThatThrownBy(() -> provider().getSyncCycleState(HOST, cred))
                .hasMessageContaining("WinRM fault (w:InternalError)")
                .matches(e -> !ProviderException.isTransient(e));
    }

    @Test
    void serviceUnavailableIsReportedAndNotTransient() {
        sim.failNext(Fault.SERVICE_UNAVAILABLE, 1);
        assertThatThrownBy(() -> provider().getSyncCycleState(HOST, cred))
                .hasMessageContaining("answered HTTP 503")
                .matches(e -> !ProviderException.isTransient(e));
    }

    @Test
    void droppedConnectionIsReportedAndNotTransient() {
        sim.failNext(Fault.DROP_CONNECTION, 1);
        assertThatThrownBy(() -> provider().getSyncCycleState(HOST, cred))
                .isInstanceOf(ProviderException.class)
                .matches(e -> !ProviderException.isTransient(e));
    }

    @Test
    void shellQuotaExceededIsReportedAsTheWinRmQuotaFault() {
        try (WinRmSimulator quota = WinRmSimulator.builder().user(USER, PASSWORD).maxShellsPerUser(0).build()
                .start()) {
            EntraConnectProvider p = EntraConnectProviderFactory.create("DirectorySync", DataMap.of(
                    "endpoint", quota.endpoint().toString(), "trustStore", quota.trustStorePem().toString()), dir,
                    n -> null);
            assertThatThrownBy(() -> p.getSyncCycleState(HOST, cred))
                    .hasMessageContaining("w:QuotaLimit")
                    .hasMessageContaining("maximum number of 0 concurrent shells");
        }
    }

    @Test
    void cycleDurationInTimeKeepsTheCycleInProgressUntilItEnds() throws InterruptedException {
        sim.entraConnect().cycleDuration(Duration.ofMillis(600));
        EntraConnectProvider p = provider();
        p.startSyncCycle("Delta", HOST, cred);
        assertThat(p.getSyncCycleState(HOST, cred).inProgress()).isTrue();
        Thread.sleep(700);
        assertThat(p.getSyncCycleState(HOST, cred).inProgress()).isFalse();
    }

    @Test
    void stuckCycleStaysInProgress() {
        sim.entraConnect().stuck(true);
        EntraConnectProvider p = provider();
        p.startSyncCycle("Delta", HOST, cred);
        for (int i = 0; i < 4; i++) {
            assertThat(p.getSyncCycleState(HOST, cred).state()).isEqualTo("InProgress");
        }
    }

    @Test
    void providersOwnCredentialFromFilesIsUsedWithoutAStepSession() throws IOException {
        Files.writeString(dir.resolve("user.txt"), USER + "\n");
        Files.writeString(dir.resolve("password.txt"), PASSWORD + "\n");
        EntraConnectProvider p = provider(DataMap.of("auth", DataMap.of("type", "Credential",
                "usernameFile", "user.txt", "passwordFile", "password.txt")));
        assertThat(p.startSyncCycle("Delta", HOST, null).started()).isTrue();
    }

    @Test
    void providersOwnCredentialFromEnvironmentVariables() {
        EntraConnectProvider p = EntraConnectProviderFactory.create("DirectorySync", DataMap.of(
                "endpoint", sim.endpoint().toString(), "trustStore", sim.trustStorePem().toString(),
                "auth", DataMap.of("usernameEnv", "SYNC_USER", "passwordEnv", "SYNC_PASSWORD")), dir,
                n -> n.equals("SYNC_USER") ? USER : n.equals("SYNC_PASSWORD") ? PASSWORD : null);
        assertThat(p.getSyncCycleState(HOST, null).state()).isEqualTo("Idle");
    }

    @Test
    void pkcs12TrustStoreWithPasswordFromAFile() throws IOException {
        Files.writeString(dir.resolve("ts.pass"), new String(sim.trustStorePassword()));
        EntraConnectProvider p = provider(DataMap.of("trustStore", sim.trustStore().toString(),
                "trustStoreType", "PKCS12", "trustStorePasswordFile", "ts.pass"));
        assertThat(p.getSyncCycleState(HOST, cred).state()).isEqualTo("Idle");
    }

    @Test
    void requestLogNamesUserAndCmdletButNeverThePassword() {
        EntraConnectProvider p = provider();
        p.startSyncCycle("Delta", HOST, cred);
        AuthSession wrong = AuthSession.of("x", "Credential", DataMap.of("username", USER), Secret.of("Wrong-9"));
        assertThatThrownBy(() -> p.getSyncCycleState(HOST, wrong));
        assertThat(sim.requests()).extracting(RequestRecord::line)
                .anySatisfy(l -> assertThat(l).contains("Start-ADSyncSyncCycle -PolicyType Delta")
                        .contains("user=" + USER))
                .anySatisfy(l -> assertThat(l).startsWith("401"))
                .noneSatisfy(l -> assertThat(l).containsAnyOf(PASSWORD, "Wrong-9", "Basic "));
    }
}
