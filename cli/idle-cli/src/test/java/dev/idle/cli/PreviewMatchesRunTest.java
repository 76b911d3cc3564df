package dev.idle.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.ExecutionOptions;
import dev.idle.api.ExecutionResult;
import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.PlanPreview;
import dev.idle.api.Providers;
import dev.idle.api.RunStatus;
import dev.idle.api.StepOutcome;
import dev.idle.api.data.DataMap;
import dev.idle.graphsim.GraphSimulator;
import dev.idle.graphsim.RequestRecord;
import dev.idle.provider.entraid.EntraIdProviderFactory;
import dev.idle.provider.exchangeonline.ExchangeOnlineProviderFactory;
import dev.idle.provider.mock.MockIdentity;
import dev.idle.provider.mock.MockProvider;
import dev.idle.spi.Entitlement;
import dev.idle.spi.Provider;
import dev.idle.spi.StepPreview.Status;
import dev.idle.testkit.TestEnvironment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of the plan preview (issue 16): preview a leaver, run it, and the run does what the preview said — every
 * step previewed with {@code Changes} reports {@code changed: true} and afterwards the backend holds each intended
 * value (checked in the backend's own state: the mock's store, the Graph simulator's tenant), and every step
 * previewed with {@code NoChange} reports {@code changed: false}. Previewing again after the run finds nothing left to
 * change. Against the mock provider and against the Entra ID provider on the Graph simulator, which also shows that
 * a preview sends no write.
 */
class PreviewMatchesRunTest {
    private static final Idle IDLE = Idle.create();

    /** The steps both backends run; {@code %s} are the group ids (Staff, All-Staff). */
    private static final String LEAVER = """
            @{
              Name = 'Leaver with preview'
              LifecycleEvent = 'Leaver'
              Steps = @(
                @{ Name = 'Disable'; Type = 'IdLE.Step.DisableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                @{ Name = 'Revoke'; Type = 'IdLE.Step.RevokeIdentitySessions'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' } }
                @{ Name = 'Attributes'; Type = 'IdLE.Step.EnsureAttributes'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Attributes = @{ Department = 'Leavers'; JobTitle = 'engineer' } } }
                @{ Name = 'JoinStaff'; Type = 'IdLE.Step.EnsureEntitlement'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Entitlement = @{ Kind = 'Group'; Id = '%1$s' }; State = 'Present' } }
                @{ Name = 'StillAllStaff'; Type = 'IdLE.Step.EnsureEntitlement'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Entitlement = @{ Kind = 'Group'; Id = '%2$s' }; State = 'Present' } }
                @{ Name = 'Prune'; Type = 'IdLE.Step.PruneEntitlements'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Kind = 'Group'; Keep = @(@{ Id = '%1$s' }, @{ Id = '%2$s' }) } }
                @{ Name = 'EnableOther'; Type = 'IdLE.Step.EnableIdentity'; With = @{ IdentityKey = '{{Request.Intent.Colleague}}' } }
                @{ Name = 'Announce'; Type = 'IdLE.Step.EmitEvent'; With = @{ Message = 'leaver done' } }
                @{ Name = 'Rehire'; Type = 'IdLE.Step.EnableIdentity'; With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}' }
                   Condition = @{ Equals = @{ Path = 'Request.Intent.Rehire'; Value = 'yes' } } }
                %3$s
              )
            }
            """;

    /** The last step of both: the leaver's mailbox (its key in {@code Request.Intent.Mailbox}) becomes shared. */
    private static final String SHARED_MAILBOX = """
            @{ Name = 'SharedMailbox'; Type = 'IdLE.Step.Mailbox.EnsureType'
               With = @{ IdentityKey = '{{Request.Intent.Mailbox}}'; MailboxType = 'Shared' } }""";

    /** A joiner: the account is created with two attributes, then joins a group ({@code %s}: its id). */
    private static final String JOINER = """
            @{
              Name = 'Joiner with preview'
              LifecycleEvent = 'Joiner'
              Steps = @(
                @{ Name = 'Create'; Type = 'IdLE.Step.CreateIdentity'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Attributes = @{ DisplayName = 'New Hire'; Department = 'Sales' } } }
                @{ Name = 'JoinStaff'; Type = 'IdLE.Step.EnsureEntitlement'
                   With = @{ IdentityKey = '{{Request.IdentityKeys.Id}}'; Entitlement = @{ Kind = 'Group'; Id = '%s' }; State = 'Present' } }
              )
            }
            """;

    private static Plan joinerPlan(String group, String id, Providers providers) {
        LifecycleRequest request = LifecycleRequest.create("Joiner", "preview-joiner", "tester", DataMap.of("Id", id),
                new DataMap(), new DataMap());
        return IDLE.plan(IDLE.parseWorkflow(JOINER.formatted(group), "joiner.psd1"), request, providers, "joiner.psd1");
    }

    private static Plan plan(String workflow, String id, String colleague, String mailbox, Providers providers) {
        LifecycleRequest request = LifecycleRequest.create("Leaver", "preview-1", "tester", DataMap.of("Id", id),
                DataMap.of("Colleague", colleague, "Rehire", "no", "Mailbox", mailbox), new DataMap());
        return IDLE.plan(IDLE.parseWorkflow(workflow, "leaver.psd1"), request, providers, "leaver.psd1");
    }

    /**
     * Runs {@code plan} after its preview; checks the run against the preview step by step, and that a second
     * preview finds every step that changed already as intended. Returns the preview taken before the run.
     */
    private static PlanPreview previewRunAndCompare(Plan plan, Providers providers) {
        PlanPreview before = IDLE.preview(plan, providers);

        ExecutionResult result = IDLE.invoke(plan, providers, null, ExecutionOptions.defaults());

        assertThat(result.status()).as(result.steps().toString()).isEqualTo(RunStatus.Completed);
        PlanPreview after = IDLE.preview(plan, providers);
        for (int i = 0; i < before.steps().size(); i++) {
            PlanPreview.Step previewed = before.steps().get(i);
            StepOutcome ran = result.steps().get(i);
            assertThat(ran.name()).isEqualTo(previewed.name());
            Status status = previewed.preview().status();
            if (status == Status.Changes) {
                assertThat(ran.changed()).as("'%s' was previewed with changes %s", ran.name(),
                        previewed.preview().changes()).isTrue();
                assertThat(after.steps().get(i).preview().status()).as("'%s' after the run", ran.name())
                        .isEqualTo(Status.NoChange);
            } else if (status == Status.NoChange) {
                assertThat(ran.changed()).as("'%s' was previewed with no change", ran.name()).isFalse();
            }
        }
        return before;
    }

    private static Map<String, Status> statuses(PlanPreview preview) {
        Map<String, Status> m = new LinkedHashMap<>();
        preview.steps().forEach(s -> m.put(s.name(), s.preview().status()));
        return m;
    }

    /** The leaver's preview, in step order; only the session count differs between backends. */
    private static Map<String, Status> expectedStatuses(Status revoke) {
        Map<String, Status> m = new LinkedHashMap<>();
        m.put("Disable", Status.Changes);
        m.put("Revoke", revoke);
        m.put("Attributes", Status.Changes);
        m.put("JoinStaff", Status.Changes);
        m.put("StillAllStaff", Status.NoChange);
        m.put("Prune", Status.Changes);
        m.put("EnableOther", Status.NoChange);
        m.put("Announce", Status.NotPreviewed);
        m.put("Rehire", Status.NotApplicable);
        m.put("SharedMailbox", Status.Changes);
        return m;
    }

    private static List<String> summaries(PlanPreview preview, String step) {
        return preview.steps().stream().filter(s -> s.name().equals(step)).findFirst().orElseThrow().preview()
                .changes().stream().map(c -> c.summary()).toList();
    }

    @Nested
    class AgainstTheMockProvider {
        private final MockProvider mock = MockProvider.builder()
                .identity("jdoe", i -> i.attribute("Department", "Sales").attribute("JobTitle", "Engineer")
                        .entitlement("Group", "Sales").entitlement("Group", "VPN").entitlement("Group", "All-Staff")
                        .session("s1", "Outlook").session("s2", "Teams").session("s3", "Web").mailbox("User"))
                .identity("asmith")
                .build();
        private final Providers providers = Providers.builder().provider("Identity", mock)
                .provider("ExchangeOnline", mock).build();

        @Test
        void everyPreviewedChangeIsWhatTheRunChanges() {
            Plan plan = plan(LEAVER.formatted("Staff", "All-Staff", SHARED_MAILBOX), "jdoe", "asmith", "jdoe",
                    providers);

            PlanPreview preview = previewRunAndCompare(plan, providers);

            assertThat(statuses(preview)).containsExactlyEntriesOf(expectedStatuses(Status.Changes));
            assertThat(summaries(preview, "Revoke")).containsExactly("active sessions: 3 → 0");
            assertThat(summaries(preview, "Attributes")).containsExactly("Department: Sales → Leavers");
            assertThat(summaries(preview, "Prune")).containsExactly("groups: −2 (Sales, VPN)");
            assertThat(summaries(preview, "SharedMailbox")).containsExactly("mailbox type: User → Shared");
            MockIdentity jdoe = mock.store().get("jdoe");
            assertThat(jdoe.enabled()).isFalse();
            assertThat(jdoe.sessions()).isEmpty();
            assertThat(jdoe.attributes().get("Department")).isEqualTo("Leavers");
            assertThat(jdoe.entitlements()).extracting(Entitlement::id).containsExactlyInAnyOrder("All-Staff", "Staff");
            assertThat(jdoe.mailbox().get("Type")).isEqualTo("Shared");
        }

        @Test
        void aJoinersPreviewSaysTheAccountWillBeCreatedAndTheRunCreatesIt() {
            PlanPreview preview = previewRunAndCompare(joinerPlan("Staff", "newhire", providers), providers);

            assertThat(preview.steps().get(0).preview().status()).isEqualTo(Status.Changes);
            assertThat(summaries(preview, "Create")).containsExactly("identity: absent → created",
                    "DisplayName: (not set) → New Hire", "Department: (not set) → Sales");
            MockIdentity hire = mock.store().get("newhire");
            assertThat(hire.attributes().get("Department")).isEqualTo("Sales");
            assertThat(hire.entitlements()).extracting(Entitlement::id).containsExactly("Staff");
        }
    }

    @Nested
    class AgainstTheGraphSimulator {
        private static final String TENANT = "contoso-tenant";
        private static final String SECRET = "preview-Provider-Secret-31f0";
        private static final String EXO_SECRET = "preview-Exo-Secret-7d2e";

        @TempDir
        Path dir;

        @Test
        void everyPreviewedChangeIsWhatTheRunChangesAndThePreviewWritesNothing() throws Exception {
            try (GraphSimulator sim = GraphSimulator.builder().build().start()) {
                sim.registerApp(TENANT, "idle-provider", SECRET);
                sim.registerApp(TENANT, "idle-exo", EXO_SECRET);
                String jdoe = sim.addUser(Map.of("userPrincipalName", "jdoe@contoso.example", "displayName", "J Doe",
                        "department", "Sales", "jobTitle", "Engineer"));
                String asmith = sim.addUser("asmith@contoso.example", "A Smith");
                String sales = sim.addGroup("Sales");
                String vpn = sim.addGroup("VPN");
                String allStaff = sim.addGroup("All-Staff");
                String staff = sim.addGroup("Staff");
                for (String group : List.of(sales, vpn, allStaff)) {
                    sim.addMember(group, jdoe);
                }
                sim.addSessions(jdoe, 2);
                sim.addMailbox(jdoe, "UserMailbox");
                Map<String, String> env = Map.of("IDLE_GRAPH_CLIENT_SECRET", SECRET,
                        "IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));

                try (Providers providers = Providers.builder().provider("Identity", entraId(sim, env))
                        .provider("ExchangeOnline", exchangeOnline(sim)).build()) {
                    Plan plan = plan(LEAVER.formatted(staff, allStaff, SHARED_MAILBOX), jdoe, asmith,
                            "jdoe@contoso.example", providers);
                    sim.clearLog();
                    IDLE.preview(plan, providers);
                    assertThat(graphWrites(sim)).as("writes a preview sent").isEmpty();
                    assertThat(sim.mailbox(jdoe).get("recipientTypeDetails")).as("the mailbox after a preview")
                            .isEqualTo("UserMailbox");

                    PlanPreview preview = previewRunAndCompare(plan, providers);

                    assertThat(statuses(preview)).containsExactlyEntriesOf(expectedStatuses(Status.CannotRead));
                    assertThat(summaries(preview, "SharedMailbox")).containsExactly("mailbox type: User → Shared");
                    assertThat(preview.steps().get(1).preview().note())
                            .isEqualTo("sessions: cannot be listed; all will be revoked");
                    assertThat(summaries(preview, "Prune")).singleElement().asString()
                            .startsWith("groups: −2 (").contains(sales).contains(vpn);
                }
                Map<String, Object> user = sim.user(jdoe);
                assertThat(user.get("accountEnabled")).isEqualTo(false);
                assertThat(user.get("department")).isEqualTo("Leavers");
                assertThat(sim.sessionCount(jdoe)).isZero();
                assertThat(sim.memberOf(jdoe)).containsExactlyInAnyOrder(allStaff, staff);
                assertThat(sim.mailbox(jdoe).get("recipientTypeDetails")).isEqualTo("SharedMailbox");
            }
        }

        @Test
        void aJoinersPreviewSaysTheAccountWillBeCreatedAndTheRunCreatesIt() throws Exception {
            try (GraphSimulator sim = GraphSimulator.builder().build().start()) {
                sim.registerApp(TENANT, "idle-provider", SECRET);
                String staff = sim.addGroup("Staff");
                Map<String, String> env = Map.of("IDLE_GRAPH_CLIENT_SECRET", SECRET,
                        "IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD", new String(sim.trustStorePassword()));
                try (Providers providers = Providers.builder().provider("Identity", entraId(sim, env)).build()) {
                    Plan plan = joinerPlan(staff, "newhire@contoso.example", providers);
                    sim.clearLog();
                    IDLE.preview(plan, providers);
                    assertThat(graphWrites(sim)).as("writes a preview sent").isEmpty();

                    PlanPreview preview = previewRunAndCompare(plan, providers);

                    assertThat(summaries(preview, "Create")).containsExactly("identity: absent → created",
                            "DisplayName: (not set) → New Hire", "Department: (not set) → Sales");
                }
                Map<String, Object> hire = sim.user("newhire@contoso.example");
                assertThat(hire.get("department")).isEqualTo("Sales");
                assertThat(sim.memberOf((String) hire.get("id"))).containsExactly(staff);
            }
        }

        /**
         * The Entra ID provider on the simulator, configured as a host file configures it, its secrets read from
         * {@code env} (the process environment of an operator; a map here).
         */
        private Provider entraId(GraphSimulator sim, Map<String, String> env) {
            DataMap options = DataMap.of("baseUrl", sim.graphBaseUrl().toString(),
                    "authorityHost", sim.authorityHost().toString(),
                    "trustStore", sim.trustStore().toString(),
                    "trustStorePasswordEnv", "IDLE_GRAPHSIM_TRUSTSTORE_PASSWORD",
                    "auth", DataMap.of("type", "ClientSecret", "tenantId", TENANT, "clientId", "idle-provider",
                            "env", "IDLE_GRAPH_CLIENT_SECRET"));
            return new EntraIdProviderFactory(env::get).create("Identity", options, new TestEnvironment(dir));
        }

        /** The Exchange Online provider on the simulator's Exchange admin endpoint. */
        private Provider exchangeOnline(GraphSimulator sim) throws java.io.IOException {
            Path password = java.nio.file.Files.writeString(dir.resolve("truststore.password"),
                    new String(sim.trustStorePassword()));
            DataMap options = DataMap.of("tenantId", TENANT, "graphBaseUrl", sim.graphBaseUrl().toString(),
                    "exchangeBaseUrl", sim.exchangeBaseUrl().toString(), "authorityHost", sim.authorityHost().toString(),
                    "trustStore", sim.trustStore().toString(), "trustStorePasswordFile", password.toString(),
                    "auth", DataMap.of("type", "ClientSecret", "clientId", "idle-exo", "env", "EXO_SECRET"));
            return new ExchangeOnlineProviderFactory(name -> name.equals("EXO_SECRET") ? EXO_SECRET : null)
                    .create("ExchangeOnline", options, new TestEnvironment(dir));
        }

        private List<RequestRecord> graphWrites(GraphSimulator sim) {
            return sim.requestLog().stream().filter(r -> r.isWrite() && r.target().startsWith("/v1.0/")).toList();
        }
    }
}
