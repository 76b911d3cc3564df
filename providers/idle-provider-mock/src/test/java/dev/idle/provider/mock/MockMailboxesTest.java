package dev.idle.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idle.api.data.DataMap;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Mailbox;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import dev.idle.testkit.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MockMailboxesTest {
    @TempDir
    Path dir;

    private static MockProvider withMailbox(String type) {
        return MockProvider.builder().identity("jdoe", i -> i.attribute("Mail", "John.Doe@contoso.com")
                .attribute("DisplayName", "John Doe").mailbox(type)).build();
    }

    private static DataMap oof(Object... keysAndValues) {
        return DataMap.of(keysAndValues);
    }

    private static DataMap storedOof(MockProvider mock) {
        return mock.store().get("jdoe").mailbox().getMap("outOfOffice");
    }

    private static DataMap perm(String user, String right, String ensure) {
        return DataMap.of("AssignedUser", user, "Right", right, "Ensure", ensure);
    }

    /** Records provider events. */
    private static final class Events implements EventWriter {
        record Event(String type, String message, DataMap data) {
        }

        final List<Event> events = new ArrayList<>();

        @Override
        public void write(String type, String message, DataMap data) {
            events.add(new Event(type, message, data));
        }

        List<String> types() {
            return events.stream().map(Event::type).toList();
        }
    }

    // ---- GetMailbox --------------------------------------------------------------------------------------------

    @Test
    void getMailboxReportsTheMailAttributeAsIdentityKeyAndPrimarySmtpAddress() {
        Mailbox m = withMailbox("Shared").getMailbox("jdoe", null);

        assertThat(m.identityKey()).isEqualTo("John.Doe@contoso.com");
        assertThat(m.primarySmtpAddress()).isEqualTo("John.Doe@contoso.com");
        assertThat(m.userPrincipalName()).isEqualTo("John.Doe@contoso.com");
        assertThat(m.displayName()).isEqualTo("John Doe");
        assertThat(m.type()).isEqualTo("Shared");
        assertThat(m.recipientType()).isEqualTo("UserMailbox");
        assertThat(m.recipientTypeDetails()).isEqualTo("SharedMailbox");
        assertThat(UUID.fromString(m.guid())).isNotNull();
        assertThat(withMailbox("Shared").getMailbox("jdoe", null).guid()).isEqualTo(m.guid());
    }

    @Test
    void primarySmtpAddressFallsBackToTheKeyWhenItIsAnAddressElseToTheMockDomain() {
        MockProvider mock = MockProvider.builder().identity("ann@contoso.com", i -> i.mailbox("User"))
                .identity("bob", i -> i.mailbox("User")).build();

        assertThat(mock.getMailbox("ann@contoso.com", null).primarySmtpAddress()).isEqualTo("ann@contoso.com");
        assertThat(mock.getMailbox("bob", null).primarySmtpAddress()).isEqualTo("bob@mock.example.invalid");
        assertThat(mock.getMailbox("bob", null).displayName()).isEqualTo("bob");
    }

    @Test
    void mailboxIsFoundByItsPrimarySmtpAddressIgnoringCase() {
        MockProvider mock = withMailbox("User");

        assertThat(mock.getMailbox("john.doe@CONTOSO.com", null).displayName()).isEqualTo("John Doe");
        assertThat(mock.ensureMailboxType("john.doe@contoso.com", "Shared", null).changed()).isTrue();
        assertThat(mock.store().get("jdoe").mailbox()).containsEntry("type", "Shared");
    }

    @Test
    void identityWithoutMailboxFailsNonTransientlyWithMailboxNotFound() {
        MockProvider mock = MockProvider.builder().identity("jdoe").build();

        assertThatThrownBy(() -> mock.getMailbox("jdoe", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse())
                .hasMessage("Mailbox 'jdoe' not found.");
        assertThatThrownBy(() -> mock.getMailbox("ghost", null)).hasMessage("Mailbox 'ghost' not found.");
        assertThatThrownBy(() -> mock.ensureMailboxType("jdoe", "User", null))
                .hasMessage("Mailbox 'jdoe' not found.");
    }

    @Test
    void recipientTypeDetailsInStateAreNormalisedToIdLETypes() {
        MockProvider mock = MockProvider.builder()
                .identity("room1", i -> i.mailbox(DataMap.of("type", "RemoteRoomMailbox"))).build();

        assertThat(mock.getMailbox("room1", null).type()).isEqualTo("Room");
        assertThat(mock.ensureMailboxType("room1", "room", null).changed()).isFalse();
    }

    // ---- EnsureMailboxType -------------------------------------------------------------------------------------

    @Test
    void ensureTypeConvertsOnceThenReportsUnchanged() {
        MockProvider mock = withMailbox("User");

        ProviderResult first = mock.ensureMailboxType("jdoe", "shared", null);
        ProviderResult second = mock.ensureMailboxType("jdoe", "Shared", null);

        assertThat(first.changed()).isTrue();
        assertThat(first.operation()).isEqualTo("EnsureMailboxType");
        assertThat(first.identityKey()).isEqualTo("John.Doe@contoso.com");
        assertThat(first.extras()).containsEntry("Type", "shared");
        assertThat(second.changed()).isFalse();
        assertThat(mock.store().get("jdoe").mailbox()).containsEntry("type", "Shared");
    }

    @Test
    void ensureTypeRejectsAnUnknownType() {
        assertThatThrownBy(() -> withMailbox("User").ensureMailboxType("jdoe", "Archive", null))
                .isInstanceOf(ProviderException.class)
                .hasMessage("MailboxType must be one of: User, Shared, Room, Equipment. Got: Archive");
    }

    // ---- EnsureOutOfOffice -------------------------------------------------------------------------------------

    @Test
    void outOfOfficeEnabledOnceThenUnchanged() {
        MockProvider mock = withMailbox("User");
        DataMap config = oof("Mode", "Enabled", "InternalMessage", "Away", "ExternalMessage", "Out",
                "ExternalAudience", "Known", "MessageFormat", "Text");

        assertThat(mock.ensureOutOfOffice("jdoe", config, null).changed()).isTrue();
        assertThat(mock.ensureOutOfOffice("jdoe", config, null).changed()).isFalse();
        assertThat(storedOof(mock)).containsEntry("mode", "Enabled").containsEntry("internalMessage", "Away")
                .containsEntry("externalMessage", "Out").containsEntry("externalAudience", "Known")
                .doesNotContainKey("MessageFormat");
    }

    @Test
    void disabledIsTheDefaultSoDisablingAMailboxWithoutOutOfOfficeIsNoChange() {
        MockProvider mock = withMailbox("User");

        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "disabled"), null).changed()).isFalse();
        assertThat(storedOof(mock)).isNull();
    }

    @Test
    void modeDifferenceIsDrift() {
        MockProvider mock = withMailbox("User");
        mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled", "InternalMessage", "Away"), null);

        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Disabled"), null).changed()).isTrue();
        assertThat(storedOof(mock)).containsEntry("mode", "Disabled").containsEntry("internalMessage", "Away");
    }

    @Test
    void messagesCompareIgnoringCaseLineEndingsWhitespaceRunsAndTheHtmlWrapper() {
        MockProvider mock = withMailbox("User");
        mock.store().get("jdoe").outOfOffice(DataMap.of("mode", "Enabled",
                "internalMessage", "<!DOCTYPE html><html><head>  </head><body><p>I am   away.</p>\n\n\n\n\n<p>Bye</p></body></html>",
                "externalMessage", "line1\nline2"));

        DataMap same = oof("Mode", "Enabled", "InternalMessage", "<P>i am  away.</P>\r\n\r\n\r\n<p>bye</p>",
                "ExternalMessage", "  LINE1\r\nline2  ");
        assertThat(mock.ensureOutOfOffice("jdoe", same, null).changed()).isFalse();

        DataMap different = oof("Mode", "Enabled", "InternalMessage", "<p>I am away.</p>");
        assertThat(mock.ensureOutOfOffice("jdoe", different, null).changed()).isTrue();
        assertThat(storedOof(mock)).containsEntry("internalMessage", "<p>I am away.</p>")
                .containsEntry("externalMessage", "line1\nline2");
    }

    @Test
    void normaliseMessageFollowsTheExchangeComparisonRules() {
        assertThat(dev.idle.spi.MailboxRules.normaliseMessage(null)).isEmpty();
        assertThat(dev.idle.spi.MailboxRules.normaliseMessage("a\r\nb\rc")).isEqualTo("a\nb\nc");
        assertThat(dev.idle.spi.MailboxRules.normaliseMessage("<html lang=\"en\"><head><title>T</title></head><BODY class=x>Hi</BODY></html>"))
                .isEqualTo("<title>T</title>Hi");
        assertThat(dev.idle.spi.MailboxRules.normaliseMessage("a \t  b  c")).isEqualTo("a  b  c");
        assertThat(dev.idle.spi.MailboxRules.normaliseMessage("a\n\n\n\n\n\nb\n\n\nc")).isEqualTo("a\n\n\nb\n\n\nc");
    }

    @Test
    void audienceDifferenceIsDriftButOnlyWhenGiven() {
        MockProvider mock = withMailbox("User");
        mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled", "ExternalAudience", "All"), null);

        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled"), null).changed()).isFalse();
        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled", "ExternalAudience", "all"), null).changed())
                .isFalse();
        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled", "ExternalAudience", "None"), null).changed())
                .isTrue();
    }

    @Test
    void scheduledTimesWithinSixtySecondsAreNoDriftBeyondAreDrift() {
        MockProvider mock = withMailbox("User");
        mock.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-03-01T08:00:00Z",
                "End", "2025-03-10T17:00:00Z"), null);
        assertThat(storedOof(mock)).containsEntry("start", "2025-03-01T08:00:00Z");

        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-03-01T09:00:59+01:00",
                "End", "2025-03-10T17:00:00"), null).changed()).isFalse();
        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-03-01T08:01:01Z",
                "End", "2025-03-10T17:00:00Z"), null).changed()).isTrue();
        assertThat(storedOof(mock)).containsEntry("start", "2025-03-01T08:01:01Z");
        assertThat(mock.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-03-01T08:01:01Z",
                "End", "2025-03-10T16:58:00Z"), null).changed()).isTrue();
    }

    @Test
    void outOfOfficeConfigIsRevalidatedByTheProvider() {
        MockProvider mock = withMailbox("User");

        assertThatThrownBy(() -> mock.ensureOutOfOffice("jdoe", oof("InternalMessage", "x"), null))
                .hasMessage("OutOfOffice Config must contain 'Mode' key (Disabled, Enabled, or Scheduled).");
        assertThatThrownBy(() -> mock.ensureOutOfOffice("jdoe", oof("Mode", "On"), null))
                .hasMessage("OutOfOffice Config Mode must be 'Disabled', 'Enabled', or 'Scheduled'. Got: On");
        assertThatThrownBy(() -> mock.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-01-01"),
                null)).hasMessage("OutOfOffice Config Mode 'Scheduled' requires 'Start' and 'End' keys.");
        assertThatThrownBy(() -> mock.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "soon",
                "End", "later"), null)).hasMessage("OutOfOffice Config Start is not a date-time: 'soon'.");
        assertThatThrownBy(() -> mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled", "ExternalAudience", "Friends"),
                null)).hasMessageContaining("ExternalAudience must be 'None', 'Known', or 'All'. Got: Friends");
    }

    // ---- EnsureMailboxPermissions ------------------------------------------------------------------------------

    @Test
    void permissionsAreAddedOnceThenReportedUnchanged() {
        MockProvider mock = withMailbox("Shared");
        List<DataMap> wanted = List.of(perm("ann@contoso.com", "FullAccess", "Present"),
                perm("ann@contoso.com", "SendAs", "Present"), perm("bob@contoso.com", "sendonbehalf", "present"));

        ProviderResult first = mock.ensureMailboxPermissions("jdoe", wanted, null);
        ProviderResult second = mock.ensureMailboxPermissions("jdoe", wanted, null);

        assertThat(first.changed()).isTrue();
        assertThat(first.operation()).isEqualTo("EnsureMailboxPermissions");
        assertThat(first.identityKey()).isEqualTo("John.Doe@contoso.com");
        assertThat(second.changed()).isFalse();
        assertThat(mock.store().get("jdoe").mailbox().get("permissions")).isEqualTo(List.of(
                DataMap.of("delegate", "ann@contoso.com", "right", "FullAccess"),
                DataMap.of("delegate", "ann@contoso.com", "right", "SendAs"),
                DataMap.of("delegate", "bob@contoso.com", "right", "SendOnBehalf")));
    }

    @Test
    void delegatesCompareIgnoringCaseAndAbsentRemovesOnlyThatRight() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.mailbox("Shared")
                .mailboxPermission("Ann@Contoso.com", "FullAccess").mailboxPermission("ann@contoso.com", "SendAs"))
                .build();

        assertThat(mock.ensureMailboxPermissions("jdoe", List.of(perm("ANN@contoso.com", "FullAccess", "Present")),
                null).changed()).isFalse();
        assertThat(mock.ensureMailboxPermissions("jdoe", List.of(perm("ann@contoso.com", "FullAccess", "Absent")),
                null).changed()).isTrue();
        assertThat(mock.ensureMailboxPermissions("jdoe", List.of(perm("ann@contoso.com", "FullAccess", "Absent")),
                null).changed()).isFalse();
        assertThat(mock.store().get("jdoe").mailbox().get("permissions"))
                .isEqualTo(List.of(DataMap.of("delegate", "ann@contoso.com", "right", "SendAs")));
    }

    @Test
    void emptyPermissionListChangesNothingAndLeavesTheStateAsItWas() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.mailbox(DataMap.of("type", "User")))
                .build();

        assertThat(mock.ensureMailboxPermissions("jdoe", List.of(), null).changed()).isFalse();
        assertThat(mock.store().get("jdoe").mailbox()).doesNotContainKey("permissions");
    }

    @Test
    void permissionEventsReportEvaluationPerRightEachChangeAndTheResult() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.attribute("Mail", "shared@contoso.com")
                .mailbox("Shared").mailboxPermission("old@contoso.com", "SendAs")).build();
        Events events = new Events();

        mock.ensureMailboxPermissions("jdoe", List.of(perm("old@contoso.com", "SendAs", "Absent"),
                perm("new@contoso.com", "FullAccess", "Present")), null, events);

        assertThat(events.types()).containsExactly(
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Applying",
                "Provider.ExchangeOnline.Permissions.Evaluated", "Provider.ExchangeOnline.Permissions.Applying",
                "Provider.ExchangeOnline.Permissions.Result");
        assertThat(events.events.get(0).data().keySet()).containsExactly("mailboxSmtp", "right", "currentUsers");
        assertThat(events.events.get(1).data().keySet()).containsExactly("mailboxSmtp", "right", "user", "action");
        assertThat(events.events.get(4).data().keySet()).containsExactly("mailboxSmtp", "changed");
        assertThat(events.events.get(0).data()).containsEntry("mailboxSmtp", "shared@contoso.com")
                .containsEntry("right", "FullAccess").containsEntry("currentUsers", List.of());
        assertThat(events.events.get(1).data()).containsEntry("user", "new@contoso.com")
                .containsEntry("action", "Add").containsEntry("right", "FullAccess");
        assertThat(events.events.get(2).data()).containsEntry("right", "SendAs")
                .containsEntry("currentUsers", List.of("old@contoso.com"));
        assertThat(events.events.get(3).data()).containsEntry("action", "Remove");
        assertThat(events.events.get(4).data()).containsEntry("changed", true);
    }

    @Test
    void invalidPermissionEntriesAreRejectedBeforeAnythingChanges() {
        MockProvider mock = withMailbox("Shared");

        assertThatThrownBy(() -> mock.ensureMailboxPermissions("jdoe", List.of(perm("a@x", "FullAccess", "Present"),
                perm("b@x", "Owner", "Present")), null))
                .hasMessage("Mailbox permission Right must be one of: FullAccess, SendAs, SendOnBehalf. Got: Owner");
        assertThatThrownBy(() -> mock.ensureMailboxPermissions("jdoe", List.of(perm(" ", "SendAs", "Present")), null))
                .hasMessageContaining("AssignedUser must be a non-empty string");
        assertThat(mock.store().get("jdoe").mailbox().get("permissions")).isEqualTo(List.of());
    }

    // ---- faults ------------------------------------------------------------------------------------------------

    @Test
    void failOnAndFailPermanentlyOnAcceptTheMailboxMethodNames() {
        MockProvider mock = MockProvider.builder().identity("jdoe", i -> i.mailbox("User"))
                .failOn("getmailbox", 1).failPermanentlyOn("EnsureMailboxPermissions", "EnsureOutOfOffice",
                        "EnsureMailboxType").build();

        assertThatThrownBy(() -> mock.getMailbox("jdoe", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isTrue());
        assertThat(mock.getMailbox("jdoe", null)).isNotNull();
        assertThatThrownBy(() -> mock.ensureMailboxType("jdoe", "Shared", null))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThatThrownBy(() -> mock.ensureOutOfOffice("jdoe", oof("Mode", "Enabled"), null))
                .hasMessageContaining("failPermanentlyOn");
        assertThatThrownBy(() -> mock.ensureMailboxPermissions("jdoe", List.of(), null))
                .hasMessageContaining("failPermanentlyOn");
    }

    // ---- state file --------------------------------------------------------------------------------------------

    @Test
    void stateFileRoundTripsMailboxChangesMadeByTheMethods() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, """
                {"identities": {"jdoe": {"attributes": {"Mail": "jdoe@contoso.com"},
                  "mailbox": {"type": "User", "outOfOffice": null, "permissions": []}}}}""");
        MockProviderFactory factory = new MockProviderFactory();
        MockProvider first = (MockProvider) factory.create("ExchangeOnline", DataMap.of("stateFile", "state.json"),
                new TestEnvironment(dir));
        first.ensureMailboxType("jdoe", "Shared", null);
        first.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-03-01T08:00:00Z",
                "End", "2025-03-10T17:00:00Z", "InternalMessage", "Away", "ExternalAudience", "Known"), null);
        first.ensureMailboxPermissions("jdoe", List.of(perm("ann@contoso.com", "SendAs", "Present")), null);
        first.close();

        Map<String, Object> expectedOof = new java.util.HashMap<>(Map.of("mode", "Scheduled", "internalMessage",
                "Away", "externalAudience", "Known", "start", "2025-03-01T08:00:00Z", "end", "2025-03-10T17:00:00Z"));
        expectedOof.put("externalMessage", null);
        Object written = new ObjectMapper().readValue(Files.readString(file, StandardCharsets.UTF_8), Map.class);
        assertThat(((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) written).get("identities")).get("jdoe")).get("mailbox"))
                .isEqualTo(Map.of("type", "Shared",
                        "outOfOffice", expectedOof,
                        "permissions", List.of(Map.of("delegate", "ann@contoso.com", "right", "SendAs"))));

        MockProvider second = (MockProvider) factory.create("ExchangeOnline", DataMap.of("stateFile", "state.json"),
                new TestEnvironment(dir));
        assertThat(second.getMailbox("jdoe", null).type()).isEqualTo("Shared");
        assertThat(second.ensureOutOfOffice("jdoe", oof("Mode", "Scheduled", "Start", "2025-03-01T08:00:00Z",
                "End", "2025-03-10T17:00:00Z", "InternalMessage", "away", "ExternalAudience", "known"), null)
                .changed()).isFalse();
        assertThat(second.ensureMailboxPermissions("jdoe", List.of(perm("ANN@contoso.com", "SendAs", "Present")),
                null).changed()).isFalse();
    }

    @Test
    void stateFileWithAMisspelledMailboxKeyIsRejectedWhenLoaded() throws Exception {
        Files.writeString(dir.resolve("state.json"), """
                {"identities": {"jdoe": {"mailbox": {"type": "User", "permissions": [{"delegate": "a", "rigth": "SendAs"}]}}}}""");

        assertThatThrownBy(() -> new MockProviderFactory().create("ExchangeOnline",
                DataMap.of("stateFile", "state.json"), new TestEnvironment(dir)))
                .hasMessageContaining("mailbox.permissions[0]: unknown key 'rigth'");
    }

    @Test
    void stateFileWithAnUnknownOutOfOfficeModeIsRejectedWhenLoaded() throws Exception {
        Files.writeString(dir.resolve("state.json"), """
                {"identities": {"jdoe": {"mailbox": {"type": "User", "outOfOffice": {"mode": "Holiday"}}}}}""");

        assertThatThrownBy(() -> new MockProviderFactory().create("ExchangeOnline",
                DataMap.of("stateFile", "state.json"), new TestEnvironment(dir)))
                .hasMessageContaining("mailbox.outOfOffice.mode must be one of: Disabled, Enabled, Scheduled");
    }

    @Test
    void hostFileIdentitiesOptionCanSeedAMailbox() {
        MockProvider mock = (MockProvider) new MockProviderFactory().create("ExchangeOnline", DataMap.of(
                "identities", DataMap.of("jdoe", DataMap.of("mailbox", DataMap.of("type", "Room",
                        "permissions", List.of(DataMap.of("delegate", "ann@contoso.com", "right", "FullAccess")))))),
                new TestEnvironment(dir));

        assertThat(mock.getMailbox("jdoe", null).type()).isEqualTo("Room");
        assertThat(mock.ensureMailboxPermissions("jdoe", List.of(perm("ann@contoso.com", "FullAccess", "Present")),
                null).changed()).isFalse();
    }
}
