package dev.idle.provider.exchangeonline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.graphsim.Fault;
import dev.idle.graphsim.RetryAfterRecord;
import dev.idle.spi.Mailbox;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Exchange Online provider against the Graph + Exchange admin API simulator (real HTTPS, real token flow). */
class ExchangeOnlineProviderSimulatorTest {
    static ExoSim env;
    static ExchangeOnlineProvider provider;

    @BeforeAll
    static void start() {
        env = new ExoSim();
        provider = env.provider();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String newMailbox(String type) {
        String upn = "u" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.example";
        return env.mailbox(upn, "User " + upn, type);
    }

    private record Event(String type, DataMap data) {
    }

    @Test
    void getMailboxAnswersPrimarySmtpNormalisedTypeRecipientDetailsAndGuid() {
        String upn = newMailbox("SharedMailbox");
        Mailbox m = provider.getMailbox(upn.toUpperCase(), null);
        assertThat(m.identityKey()).isEqualTo(upn);
        assertThat(m.primarySmtpAddress()).isEqualTo(upn);
        assertThat(m.userPrincipalName()).isEqualTo(upn);
        assertThat(m.type()).isEqualTo("Shared");
        assertThat(m.recipientTypeDetails()).isEqualTo("SharedMailbox");
        assertThat(m.guid()).isEqualTo(env.sim.mailbox(upn).get("guid"));
    }

    @Test
    void getMailboxOfAnUnknownKeyFailsWithNotFoundAndIsNotTransient() {
        assertThatThrownBy(() -> provider.getMailbox("nobody@contoso.example", null))
                .isInstanceOf(ProviderException.class).hasMessage("Mailbox 'nobody@contoso.example' not found.")
                .satisfies(e -> assertThat(ProviderException.isTransient(e)).isFalse());
    }

    @Test
    void ensureMailboxTypeConvertsWithSetMailboxTypeThenReportsUnchanged() {
        String upn = newMailbox("UserMailbox");
        ProviderResult first = provider.ensureMailboxType(upn, "shared", null);
        assertThat(first.changed()).isTrue();
        assertThat(first.operation()).isEqualTo("EnsureMailboxType");
        assertThat(first.identityKey()).isEqualTo(upn);
        assertThat(env.sim.mailbox(upn).get("recipientTypeDetails")).isEqualTo("SharedMailbox");
        assertThat(provider.ensureMailboxType(upn, "Shared", null).changed()).isFalse();
        assertThat(provider.ensureMailboxType(upn, "User", null).changed()).isTrue();
        assertThat(env.sim.mailbox(upn).get("recipientTypeDetails")).isEqualTo("UserMailbox");
        assertThat(env.sim.requestLogLines()).anyMatch(l -> l.contains("[Set-Mailbox]"));
    }

    @Test
    void ensureMailboxTypeRejectsAnUnknownTypeBeforeCallingExchange() {
        assertThatThrownBy(() -> provider.ensureMailboxType("x@contoso.example", "Kiosk", null))
                .hasMessageContaining("MailboxType must be one of: User, Shared, Room, Equipment. Got: Kiosk");
    }

    @Test
    void outOfOfficeDriftWritesThroughGraphThenHtmlWrappedMessagesCompareEqual() {
        String upn = newMailbox("UserMailbox");
        DataMap config = DataMap.of("Mode", "Enabled", "MessageFormat", "Html",
                "InternalMessage", "<p>Gone.</p>\n<p>Ask   the desk.</p>", "ExternalMessage", "<p>Gone.</p>",
                "ExternalAudience", "Known");
        assertThat(provider.ensureOutOfOffice(upn, config, null).changed()).isTrue();
        Map<String, Object> box = env.sim.mailbox(upn);
        assertThat(box.get("status")).isEqualTo("alwaysEnabled");
        assertThat(box.get("externalAudience")).isEqualTo("contactsOnly");
        // Exchange stores the reply as an HTML document; normalisation makes it equal to what was sent
        assertThat((String) box.get("internalReplyMessage")).startsWith("<html>");
        assertThat(provider.ensureOutOfOffice(upn, config, null).changed()).isFalse();
        DataMap read = provider.getOutOfOffice(upn, null);
        assertThat(read.get("Mode")).isEqualTo("Enabled");
        assertThat(read.get("ExternalAudience")).isEqualTo("Known");
        // a real change of text is drift
        config.put("ExternalMessage", "<p>Left the company.</p>");
        assertThat(provider.ensureOutOfOffice(upn, config, null).changed()).isTrue();
        assertThat(provider.ensureOutOfOffice(upn, DataMap.of("Mode", "Disabled"), null).changed()).isTrue();
        assertThat(provider.ensureOutOfOffice(upn, DataMap.of("Mode", "disabled"), null).changed()).isFalse();
    }

    @Test
    void scheduledOutOfOfficeWithinSixtySecondsIsNoDriftAndZoneLessDatesUseTheMailboxZone() {
        String upn = newMailbox("UserMailbox");
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS).plus(1, ChronoUnit.DAYS);
        DataMap config = DataMap.of("Mode", "Scheduled", "Start", start.toString(),
                "End", start.plus(7, ChronoUnit.DAYS).toString());
        assertThat(provider.ensureOutOfOffice(upn, config, null).changed()).isTrue();
        assertThat(env.sim.mailbox(upn).get("scheduledStart")).isEqualTo(start);
        DataMap near = DataMap.of("Mode", "Scheduled", "Start", start.plusSeconds(45).toString(),
                "End", start.plus(7, ChronoUnit.DAYS).minusSeconds(30).toString());
        assertThat(provider.ensureOutOfOffice(upn, near, null).changed()).isFalse();
        // the simulated mailbox zone is UTC: a zone-less value is read in it
        DataMap zoneless = DataMap.of("Mode", "Scheduled", "Start", start.toString().replace("Z", ""),
                "End", start.plus(7, ChronoUnit.DAYS).toString().replace("Z", ""));
        assertThat(provider.ensureOutOfOffice(upn, zoneless, null).changed()).isFalse();
        DataMap far = DataMap.of("Mode", "Scheduled", "Start", start.plusSeconds(61).toString(),
                "End", start.plus(7, ChronoUnit.DAYS).toString());
        assertThat(provider.ensureOutOfOffice(upn, far, null).changed()).isTrue();
    }

    @Test
    void outOfOfficeValidationUsesUpstreamMessages() {
        assertThatThrownBy(() -> provider.ensureOutOfOffice("x@contoso.example", DataMap.of(), null))
                .hasMessageStartingWith("OutOfOffice Config must contain 'Mode' key");
        assertThatThrownBy(() -> provider.ensureOutOfOffice("x@contoso.example", DataMap.of("Mode", "On"), null))
                .hasMessage("OutOfOffice Config Mode must be 'Disabled', 'Enabled', or 'Scheduled'. Got: On");
        assertThatThrownBy(() -> provider.ensureOutOfOffice("x@contoso.example",
                DataMap.of("Mode", "Scheduled", "Start", "2030-01-01T00:00:00Z"), null))
                .hasMessage("OutOfOffice Config Mode 'Scheduled' requires 'Start' and 'End' keys.");
    }

    @Test
    void permissionsConvergePerRightWithEventsThenReportUnchangedThenRemove() {
        String upn = newMailbox("SharedMailbox");
        String mgr = env.user("m" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.example");
        List<DataMap> perms = List.of(
                DataMap.of("AssignedUser", mgr, "Right", "FullAccess", "Ensure", "Present"),
                DataMap.of("AssignedUser", mgr, "Right", "SendAs", "Ensure", "Present"),
                DataMap.of("AssignedUser", mgr, "Right", "SendOnBehalf", "Ensure", "Present"));
        List<Event> events = new ArrayList<>();
        ProviderResult first = provider.ensureMailboxPermissions(upn, perms, null,
                (type, message, data) -> events.add(new Event(type, data)));
        assertThat(first.changed()).isTrue();
        assertThat(first.operation()).isEqualTo("EnsureMailboxPermissions");
        Map<String, Object> box = env.sim.mailbox(upn);
        assertThat(box.get("fullAccess")).isEqualTo(List.of(mgr));
        assertThat(box.get("sendAs")).isEqualTo(List.of(mgr));
        assertThat(box.get("sendOnBehalf")).isEqualTo(List.of(mgr));
        assertThat(events).extracting(Event::type).containsExactly(
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Applying",
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Applying",
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Applying",
                "Provider.ExchangeOnline.Permissions.Result");
        assertThat(events.get(0).data().get("currentUsers")).isEqualTo(List.of());
        assertThat(events.get(1).data().get("action")).isEqualTo("Add");
        assertThat(events.get(6).data().get("changed")).isEqualTo(true);

        events.clear();
        assertThat(provider.ensureMailboxPermissions(upn, perms, null,
                (type, message, data) -> events.add(new Event(type, data))).changed()).isFalse();
        assertThat(events).extracting(Event::type).containsExactly(
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Evaluated",
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Result");
        assertThat(events.get(0).data().get("currentUsers")).isEqualTo(List.of(mgr.toLowerCase()));

        List<DataMap> absent = perms.stream().map(p -> DataMap.of("AssignedUser", p.get("AssignedUser"),
                "Right", p.get("Right"), "Ensure", "Absent")).toList();
        assertThat(provider.ensureMailboxPermissions(upn, absent, null).changed()).isTrue();
        box = env.sim.mailbox(upn);
        assertThat(box.get("fullAccess")).isEqualTo(List.of());
        assertThat(box.get("sendAs")).isEqualTo(List.of());
        assertThat(box.get("sendOnBehalf")).isEqualTo(List.of());
        assertThat(provider.ensureMailboxPermissions(upn, absent, null).changed()).isFalse();
    }

    @Test
    void onlyTheRightsRequestedAreReadAndSystemEntriesAreIgnored() {
        String upn = newMailbox("UserMailbox");
        env.sim.clearLog();
        provider.ensureMailboxPermissions(upn, List.of(DataMap.of("AssignedUser", "NT AUTHORITY\\SELF",
                "Right", "FullAccess", "Ensure", "Absent")), null);
        assertThat(env.sim.requestLogLines()).anyMatch(l -> l.contains("[Get-MailboxPermission]"))
                .noneMatch(l -> l.contains("[Get-RecipientPermission]"))
                .noneMatch(l -> l.contains("[Remove-MailboxPermission]"));
    }

    @Test
    void throttledWriteIsTransientWithRetryAfterAndSucceedsWhenRetriedAfterTheDelay() throws Exception {
        String upn = newMailbox("UserMailbox");
        env.sim.injectFault(Fault.on("POST", ".*/InvokeCommand/Set-Mailbox").times(1).status(429)
                .retryAfter(Duration.ofSeconds(1)));
        ProviderException e = org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class,
                () -> provider.ensureMailboxType(upn, "Shared", null));
        assertThat(e.isTransient()).isTrue();
        assertThat(e.minimumDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(e.getMessage()).startsWith("Exchange Online command 'Set-Mailbox' failed | HTTP 429");
        Thread.sleep(e.minimumDelay().toMillis());
        assertThat(provider.ensureMailboxType(upn, "Shared", null).changed()).isTrue();
        assertThat(env.sim.mailbox(upn).get("recipientTypeDetails")).isEqualTo("SharedMailbox");
    }

    @Test
    void writeThrottleOfTheSimulatorIsHonouredByRetriesAfterRetryAfter() throws Exception {
        String upn = newMailbox("UserMailbox");
        String mgr = env.user("t" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.example");
        env.sim.throttle(1, Duration.ofSeconds(1), Duration.ofSeconds(1));
        try {
            List<DataMap> perms = List.of(
                    DataMap.of("AssignedUser", mgr, "Right", "FullAccess", "Ensure", "Present"),
                    DataMap.of("AssignedUser", mgr, "Right", "SendAs", "Ensure", "Present"));
            boolean done = false;
            for (int attempt = 0; attempt < 5 && !done; attempt++) {
                try {
                    provider.ensureMailboxPermissions(upn, perms, null);
                    done = true;
                } catch (ProviderException e) {
                    assertThat(e.isTransient()).isTrue();
                    Thread.sleep(e.minimumDelay().toMillis());
                }
            }
            assertThat(done).isTrue();
            assertThat(env.sim.retryAfterIssued()).isNotEmpty().allMatch(RetryAfterRecord::honoured);
            assertThat(env.sim.mailbox(upn).get("sendAs")).isEqualTo(List.of(mgr));
        } finally {
            env.sim.noThrottle();
        }
    }

    @Test
    void serviceUnavailableOnRemoveMailboxPermissionIsTransient() {
        String upn = newMailbox("UserMailbox");
        String mgr = env.user("r" + UUID.randomUUID().toString().substring(0, 8) + "@contoso.example");
        env.sim.addMailboxDelegate(upn, "FullAccess", mgr);
        env.sim.injectFault(Fault.on("POST", ".*/Remove-MailboxPermission").times(1).status(503));
        assertThatThrownBy(() -> provider.ensureMailboxPermissions(upn, List.of(DataMap.of("AssignedUser", mgr,
                "Right", "FullAccess", "Ensure", "Absent")), null))
                .satisfies(e -> assertThat(ProviderException.isTransient(e)).isTrue());
    }

    @Test
    void forbiddenWithoutExchangeRoleFailsAtOnceNotTransientAndNamesTheServiceError() {
        String upn = newMailbox("UserMailbox");
        ExchangeOnlineProvider graphOnly = env.provider("graph-only", "graph-only-secret");
        int before = env.sim.requestLog().size();
        assertThatThrownBy(() -> graphOnly.ensureMailboxType(upn, "Shared", null))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("Exchange Online command 'Get-Mailbox' failed | HTTP 403 Forbidden")
                .hasMessageContaining("isn't supported in this scenario")
                .satisfies(e -> assertThat(ProviderException.isTransient(e)).isFalse());
        assertThat(env.sim.requestLog().subList(before, env.sim.requestLog().size()))
                .filteredOn(r -> r.toString().contains("InvokeCommand")).hasSize(1);
    }

    @Test
    void noTokenOrSecretAppearsInErrorsResultsOrTheSimulatorLog() {
        String upn = newMailbox("UserMailbox");
        String token = env.sim.issueExchangeToken(ExoSim.CLIENT);
        env.sim.injectFault(Fault.on("POST", ".*/Get-Mailbox").times(1).status(500));
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(ProviderException.class,
                () -> provider.getMailbox(upn, null));
        assertThat(e.getMessage()).doesNotContain(ExoSim.SECRET).doesNotContain("gsim.").doesNotContain(token);
        assertThat(ProviderException.isTransient(e)).isFalse();
        ProviderResult r = provider.ensureMailboxType(upn, "Room", null);
        assertThat(r.toString()).doesNotContain(ExoSim.SECRET).doesNotContain("gsim.");
        assertThat(String.join("\n", env.sim.requestLogLines())).doesNotContain(ExoSim.SECRET)
                .doesNotContain("gsim.");
        ExchangeOnlineProvider wrong = env.provider(ExoSim.CLIENT, "wrong-secret");
        assertThatThrownBy(() -> wrong.getMailbox(upn, null)).hasMessageNotContaining("wrong-secret")
                .hasMessageContaining("Could not get a token");
    }

    @Test
    void anAuthSessionFromTheBrokerIsUsedInsteadOfTheAuthOption() {
        String upn = newMailbox("UserMailbox");
        ExchangeOnlineProvider noAuth = (ExchangeOnlineProvider) new ExchangeOnlineProviderFactory(v -> null)
                .create("ExchangeOnline", withoutAuth(), null);
        assertThatThrownBy(() -> noAuth.getMailbox(upn, null)).hasMessageContaining("has no credentials");
        dev.idle.spi.AuthSession session = dev.idle.spi.AuthSession.of("ExchangeOnline", "ClientSecret",
                DataMap.of("clientId", ExoSim.CLIENT), dev.idle.spi.Secret.of(ExoSim.SECRET));
        assertThat(noAuth.getMailbox(upn, session).primarySmtpAddress()).isEqualTo(upn);
    }

    @Test
    void anAuthSessionNamingAPlainHttpAuthorityIsRefusedBeforeItsSecretIsSent() {
        String upn = newMailbox("UserMailbox");
        ExchangeOnlineProvider noAuth = (ExchangeOnlineProvider) new ExchangeOnlineProviderFactory(v -> null)
                .create("ExchangeOnline", withoutAuth(), null);
        dev.idle.spi.AuthSession session = dev.idle.spi.AuthSession.of("ExchangeOnline", "ClientSecret",
                DataMap.of("clientId", ExoSim.CLIENT, "authority", "http://login.example.com"),
                dev.idle.spi.Secret.of(ExoSim.SECRET));
        assertThatThrownBy(() -> noAuth.getMailbox(upn, session))
                .isInstanceOf(ProviderException.class)
                .hasMessageContaining("http://login.example.com")
                .hasMessageContaining("must use https")
                .hasMessageNotContaining(ExoSim.SECRET);
    }

    private static DataMap withoutAuth() {
        DataMap o = env.options(ExoSim.CLIENT, "X");
        o.remove("auth");
        return o;
    }
}
