package dev.idle.provider.entraconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.spi.AuthSession;
import dev.idle.spi.ProviderException;
import dev.idle.spi.Secret;
import dev.idle.spi.SyncCycleStart;
import dev.idle.spi.SyncCycleState;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The DirectorySync "ComputerName + Credential" contract of providers.md §2 and the method rules of §8, with the
 * three seams (NewRemoteSession / InvokeRemoteCommand / RemoveRemoteSession) replaced by a test double.
 */
class DirectorySyncSeamContractTest {
    static final String HOST = "ad-sync1.corp.local";
    final AuthSession cred = AuthSession.of("EntraConnect", "Credential", DataMap.of("username", "CORP\\svc-sync"),
            Secret.of("s3cret"));

    @Nested
    class ComputerNameAndCredentialContract {
        @Test
        void startSyncCycleDeltaReportsStartedPassesTheComputerNameAndTheSameCredentialAndRemovesTheSession() {
            FakeRemoting seams = new FakeRemoting();
            SyncCycleStart r = new EntraConnectProvider(seams, null).startSyncCycle("Delta", HOST, cred);

            assertThat(r.started()).isTrue();
            assertThat(seams.opened).hasSize(1);
            assertThat(seams.opened.get(0).computerName()).isEqualTo(HOST);
            assertThat(seams.opened.get(0).credential()).isSameAs(cred);
            assertThat(seams.removed).containsExactlyElementsOf(seams.opened);
        }

        @Test
        void getSyncCycleStateWithSchedulerNotInProgressReportsNotInProgressAndRemovesTheSession() {
            FakeRemoting seams = FakeRemoting.scheduler(DataMap.of("SyncCycleInProgress", false));
            SyncCycleState s = new EntraConnectProvider(seams, null).getSyncCycleState(HOST, cred);

            assertThat(s.inProgress()).isFalse();
            assertThat(seams.opened.get(0).computerName()).isEqualTo(HOST);
            assertThat(seams.opened.get(0).credential()).isSameAs(cred);
            assertThat(seams.removed).containsExactlyElementsOf(seams.opened);
        }
    }

    @Nested
    class StartSyncCycle {
        @Test
        void sendsImportModuleAdSyncAndStartAdSyncSyncCycleWithThePolicyTypeAsGiven() {
            FakeRemoting seams = new FakeRemoting();
            SyncCycleStart r = new EntraConnectProvider(seams, null).startSyncCycle("initial", HOST, cred);

            assertThat(seams.invoked).singleElement().satisfies(i -> {
                assertThat(i.command()).contains("Import-Module ADSync; Start-ADSyncSyncCycle -PolicyType");
                assertThat(i.arguments()).containsExactly("initial");
            });
            assertThat(r.message()).isEqualTo("Sync cycle triggered with PolicyType: initial on " + HOST);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Invalid", "", "Full"})
        void policyTypeOtherThanDeltaOrInitialIsRejectedNamingTheValueWithoutARemoteCall(String policy) {
            FakeRemoting seams = new FakeRemoting();
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).startSyncCycle(policy, HOST, cred))
                    .isInstanceOf(ProviderException.class)
                    .hasMessage("PolicyType must be 'Delta' or 'Initial'. Got: '" + policy + "'.");
            assertThat(seams.opened).isEmpty();
        }

        @Test
        void missingPolicyTypeIsRejected() {
            assertThatThrownBy(() -> new EntraConnectProvider(new FakeRemoting(), null).startSyncCycle(null, HOST, cred))
                    .hasMessageContaining("PolicyType must be 'Delta' or 'Initial'");
        }

        @Test
        void aRemoteFailureIsWrappedAsFailedToStartSyncCycleAndTheSessionIsStillRemoved() {
            FakeRemoting seams = new FakeRemoting();
            seams.failInvoke = new ProviderException("Sync is already running.");
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).startSyncCycle("Delta", HOST, cred))
                    .isInstanceOf(ProviderException.class)
                    .hasMessage("Failed to start sync cycle: Sync is already running.")
                    .matches(e -> !ProviderException.isTransient(e));
            assertThat(seams.removed).hasSize(1);
        }

        @Test
        void aFailureThatSpeaksOfAccessIsWrappedWithThePrivilegeMessage() {
            FakeRemoting seams = new FakeRemoting();
            seams.failInvoke = new ProviderException("80070005 Access is denied.");
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).startSyncCycle("Delta", HOST, cred))
                    .hasMessage("Failed to start sync cycle. Missing privileges or elevation. The AuthSession must "
                            + "provide an elevated execution context. Original error: 80070005 Access is denied.");
            assertThat(seams.removed).hasSize(1);
        }
    }

    @Nested
    class GetSyncCycleState {
        @Test
        void sendsImportModuleAdSyncAndGetAdSyncScheduler() {
            FakeRemoting seams = FakeRemoting.scheduler(DataMap.of("SyncCycleInProgress", true));
            new EntraConnectProvider(seams, null).getSyncCycleState(HOST, cred);
            assertThat(seams.invoked).singleElement().satisfies(i -> {
                assertThat(i.command()).isEqualTo("Import-Module ADSync; Get-ADSyncScheduler");
                assertThat(i.arguments()).isEmpty();
            });
        }

        @Test
        void inProgressSchedulerReportsInProgressWithTheDetails() {
            FakeRemoting seams = FakeRemoting.scheduler(DataMap.of("SyncCycleInProgress", true,
                    "AllowedSyncCycleInterval", "00:30:00", "NextSyncCyclePolicyType", "Delta",
                    "SyncCycleEnabled", true));
            SyncCycleState s = new EntraConnectProvider(seams, null).getSyncCycleState(HOST, cred);
            assertThat(s.inProgress()).isTrue();
            assertThat(s.state()).isEqualTo("InProgress");
            assertThat(s.details()).containsOnlyKeys("AllowedSyncCycleInterval", "NextSyncCyclePolicyType");
            assertThat(s.details().get("NextSyncCyclePolicyType")).isEqualTo("Delta");
        }

        @Test
        void idleSchedulerReportsIdle() {
            SyncCycleState s = new EntraConnectProvider(FakeRemoting.scheduler(
                    DataMap.of("SyncCycleInProgress", false)), null).getSyncCycleState(HOST, cred);
            assertThat(s.inProgress()).isFalse();
            assertThat(s.state()).isEqualTo("Idle");
            assertThat(s.details()).isEmpty();
        }

        @Test
        void schedulerWithoutTheInProgressPropertyReportsUnknownAndNotInProgress() {
            SyncCycleState s = new EntraConnectProvider(FakeRemoting.scheduler(
                    DataMap.of("AllowedSyncCycleInterval", "00:30:00")), null).getSyncCycleState(HOST, cred);
            assertThat(s.inProgress()).isFalse();
            assertThat(s.state()).isEqualTo("Unknown");
            assertThat(s.details()).containsOnlyKeys("AllowedSyncCycleInterval");
        }

        @Test
        void noSchedulerObjectReportsUnknownAndNotInProgress() {
            SyncCycleState s = new EntraConnectProvider(new FakeRemoting(), null).getSyncCycleState(HOST, cred);
            assertThat(s.inProgress()).isFalse();
            assertThat(s.state()).isEqualTo("Unknown");
        }

        @Test
        void aRemoteFailureIsWrappedAsFailedToGetSyncCycleState() {
            FakeRemoting seams = new FakeRemoting();
            seams.failInvoke = new ProviderException("The term 'Get-ADSyncScheduler' is not recognized");
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).getSyncCycleState(HOST, cred))
                    .hasMessage("Failed to get sync cycle state: The term 'Get-ADSyncScheduler' is not recognized");
            assertThat(seams.removed).hasSize(1);
        }

        @Test
        void aFailureThatSpeaksOfElevationIsWrappedWithThePrivilegeMessage() {
            FakeRemoting seams = new FakeRemoting();
            seams.failInvoke = new ProviderException("Requires ELEVATION");
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).getSyncCycleState(HOST, cred))
                    .hasMessage("Failed to get sync cycle state. Missing privileges or elevation. The AuthSession "
                            + "must provide an elevated execution context. Original error: Requires ELEVATION");
        }
    }

    @Nested
    class Validation {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "\t"})
        void blankComputerNameIsRejectedWithoutARemoteCall(String host) {
            FakeRemoting seams = new FakeRemoting();
            EntraConnectProvider p = new EntraConnectProvider(seams, null);
            assertThatThrownBy(() -> p.startSyncCycle("Delta", host, cred))
                    .hasMessage("ComputerName is required and must not be empty or whitespace.");
            assertThatThrownBy(() -> p.getSyncCycleState(host, cred))
                    .hasMessage("ComputerName is required and must not be empty or whitespace.");
            assertThat(seams.opened).isEmpty();
        }

        @Test
        void nullComputerNameIsRejected() {
            assertThatThrownBy(() -> new EntraConnectProvider(new FakeRemoting(), null).getSyncCycleState(null, cred))
                    .hasMessageContaining("ComputerName is required");
        }

        @Test
        void aSessionThatIsNotACredentialIsRejectedWithThePsCredentialMessage() {
            AuthSession token = AuthSession.of("EntraConnect", "OAuth", null, Secret.of("t"));
            FakeRemoting seams = new FakeRemoting();
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).startSyncCycle("Delta", HOST, token))
                    .hasMessage("AuthSession must be a [PSCredential] for PSRemoting session creation. "
                            + "Received: [OAuth]");
            assertThat(seams.opened).isEmpty();
        }

        @Test
        void aCredentialWithoutPasswordIsRejected() {
            AuthSession noPassword = AuthSession.of("X", "Credential", DataMap.of("username", "u"), null);
            assertThatThrownBy(() -> new EntraConnectProvider(new FakeRemoting(), null)
                    .getSyncCycleState(HOST, noPassword))
                    .hasMessageStartingWith("AuthSession must be a [PSCredential]");
        }

        @Test
        void noSessionAndNoOwnCredentialIsRejected() {
            assertThatThrownBy(() -> new EntraConnectProvider(new FakeRemoting(), null)
                    .startSyncCycle("Delta", HOST, null))
                    .hasMessageStartingWith("AuthSession is required");
        }

        @Test
        void noSessionFromTheStepUsesTheProvidersOwnCredential() {
            FakeRemoting seams = new FakeRemoting();
            new EntraConnectProvider(seams, () -> cred).startSyncCycle("Delta", HOST, null);
            assertThat(seams.opened.get(0).credential()).isSameAs(cred);
        }

        @Test
        void aSessionFromTheStepWinsOverTheProvidersOwnCredential() {
            FakeRemoting seams = new FakeRemoting();
            AuthSession own = AuthSession.of("own", "Credential", DataMap.of("username", "own"), Secret.of("x"));
            new EntraConnectProvider(seams, () -> own).startSyncCycle("Delta", HOST, cred);
            assertThat(seams.opened.get(0).credential()).isSameAs(cred);
        }
    }

    @Nested
    class Sessions {
        @Test
        void aSessionThatCannotBeOpenedFailsWithTheEstablishMessageWrapped() {
            FakeRemoting seams = new FakeRemoting();
            seams.failOpen = new ProviderException("WinRM cannot complete the operation.");
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).startSyncCycle("Delta", HOST, cred))
                    .hasMessage("Failed to start sync cycle: Failed to establish PSRemoting session to '" + HOST
                            + "': WinRM cannot complete the operation.");
            assertThat(seams.invoked).isEmpty();
            assertThat(seams.removed).isEmpty();
        }

        @Test
        void aTransientTransportFailureStaysTransientThroughTheWrapping() {
            FakeRemoting seams = new FakeRemoting();
            seams.failOpen = new ProviderException("connection refused", true, null, null);
            assertThatThrownBy(() -> new EntraConnectProvider(seams, null).getSyncCycleState(HOST, cred))
                    .matches(ProviderException::isTransient);
        }

        @Test
        void aFailureToRemoveTheSessionOnlyWarns() {
            FakeRemoting seams = new FakeRemoting();
            seams.failRemove = new ProviderException("shell gone");
            SyncCycleStart r = new EntraConnectProvider(seams, null).startSyncCycle("Delta", HOST, cred);
            assertThat(r.started()).isTrue();
            assertThat(seams.removed).hasSize(1);
        }

        @Test
        void everyCallOpensAndRemovesItsOwnSession() {
            FakeRemoting seams = FakeRemoting.scheduler(DataMap.of("SyncCycleInProgress", false));
            EntraConnectProvider p = new EntraConnectProvider(seams, null);
            p.startSyncCycle("Delta", HOST, cred);
            p.getSyncCycleState(HOST, cred);
            p.getSyncCycleState(HOST, cred);
            assertThat(seams.opened).hasSize(3);
            assertThat(seams.removed).containsExactlyElementsOf(seams.opened);
        }

        @Test
        void capabilitiesAreExactlyTriggerAndStatus() {
            assertThat(new EntraConnectProvider(new FakeRemoting(), null).capabilities())
                    .isEqualTo(List.of("IdLE.DirectorySync.Trigger", "IdLE.DirectorySync.Status"));
        }
    }
}
