package dev.idle.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.idle.testkit.fixtures.Fixtures;
import dev.idle.testkit.fixtures.OnlyInSelfTest;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * Runs the contract suite against the fixtures in {@link Fixtures} and checks that exactly the contract tests matching
 * each defect fail, that what a provider cannot do or declares is skipped (aborted, in JUnit Platform terms), and
 * that every other test passes.
 */
class ContractSuiteSelfTest {
    /** Skipped for every provider that does not declare "always changed". */
    private static final String DECLARED_ALWAYS_CHANGED = "revokeSessionsReportsChangedEveryTimeWhenDeclaredSo";

    /** Every contract test method, by name, read from the suite's nested groups. */
    private static final Set<String> ALL = Arrays.stream(ProviderContractTest.class.getDeclaredClasses())
            .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
            .filter(m -> m.isAnnotationPresent(Test.class))
            .map(java.lang.reflect.Method::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    static Stream<Arguments> fixtures() {
        return Stream.of(
                Arguments.of(Fixtures.Correct.class, Set.of(), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.DisableAlwaysChanged.class,
                        Set.of("disableTwiceReportsChangedThenUnchanged"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.AdvertisesUnimplementedCapability.class,
                        Set.of("everyAdvertisedCapabilityIsBackedByItsMethods"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.HidesImplementedCapability.class,
                        Set.of("everyImplementedMethodIsAdvertised"),
                        Set.of(DECLARED_ALWAYS_CHANGED, "enableTwiceReportsChangedThenUnchanged")),
                Arguments.of(Fixtures.DeleteWithheldByConfiguration.class, Set.of(),
                        Set.of(DECLARED_ALWAYS_CHANGED, "deleteTwiceReportsChangedThenUnchanged",
                                "deletedIdentityIsNoLongerReadable")),
                Arguments.of(Fixtures.ListReturnsNull.class,
                        Set.of("listIsNeverNullEvenBeforeAnyGrant", "listShowsAGrantedEntitlementAndNotARevokedOne"),
                        Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.GrantAlwaysChanged.class,
                        Set.of("grantTwiceReportsChangedThenUnchanged"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.DeleteOfAbsentIdentityFails.class,
                        Set.of("deleteTwiceReportsChangedThenUnchanged"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.WrongOperationName.class,
                        Set.of("resultsNameTheOperationAndEchoTheKey"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.RevokeSessionsSilentOnUnknownIdentity.class,
                        Set.of("revokeSessionsForAnUnknownIdentityFails"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.RevokeSessionsAlwaysChangedUndeclared.class,
                        Set.of("revokeSessionsTwiceReportsChangedThenUnchanged",
                                "revokeSessionsWithoutSessionsReportsUnchanged"),
                        Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.RevokeSessionsAlwaysChangedDeclared.class, Set.of(),
                        Set.of("revokeSessionsTwiceReportsChangedThenUnchanged",
                                "revokeSessionsWithoutSessionsReportsUnchanged")),
                Arguments.of(Fixtures.TransientFailuresNotMarked.class,
                        Set.of("transientFailureIsMarkedTransient"), Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.EveryFailureMarkedTransient.class,
                        Set.of("permanentFailureIsNotMarkedTransient", "getIdentityOfAnUnknownKeyFails",
                                "revokeSessionsForAnUnknownIdentityFails"),
                        Set.of(DECLARED_ALWAYS_CHANGED)),
                Arguments.of(Fixtures.ReadOnlyWithoutHooks.class, Set.of(),
                        except(ALL, "capabilitiesAreNonEmptyStringsWithoutWhitespace", "noCapabilityIsAdvertisedTwice",
                                "everyAdvertisedCapabilityIsBackedByItsMethods", "everyImplementedMethodIsAdvertised",
                                "getIdentityOfAnUnknownKeyFails")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void exactlyTheMatchingContractTestsFailAndTheRestPassOrAreSkipped(Class<?> fixture, Set<String> failing,
                                                                        Set<String> skipped) {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .configurationParameter(OnlyInSelfTest.PARAMETER, "true")
                .selectors(selectClass(fixture))
                .execute()
                .testEvents();

        assertThat(names(tests.failed())).as("failed contract tests").isEqualTo(new TreeSet<>(failing));
        assertThat(names(tests.aborted())).as("skipped contract tests").isEqualTo(new TreeSet<>(skipped));
        Set<String> passing = new TreeSet<>(ALL);
        passing.removeAll(failing);
        passing.removeAll(skipped);
        assertThat(names(tests.succeeded())).as("passed contract tests").isEqualTo(passing);
    }

    @Test
    void fixturesDoNotRunWhenDiscoveredOutsideTheSelfTest() {
        Events tests = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(Fixtures.DisableAlwaysChanged.class))
                .execute()
                .testEvents();

        assertThat(tests.started().count()).isZero();
    }

    @Test
    void theSuiteHasTheDocumentedGroupsOfTests() {
        assertThat(ALL).hasSize(25).contains("disableTwiceReportsChangedThenUnchanged",
                "transientFailureIsMarkedTransient", "everyAdvertisedCapabilityIsBackedByItsMethods");
    }

    private static Set<String> names(Events events) {
        return events.stream().map(ContractSuiteSelfTest::methodName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String methodName(Event event) {
        return event.getTestDescriptor().getSource()
                .filter(org.junit.platform.engine.support.descriptor.MethodSource.class::isInstance)
                .map(s -> ((org.junit.platform.engine.support.descriptor.MethodSource) s).getMethodName())
                .orElse(event.getTestDescriptor().getDisplayName());
    }

    private static Set<String> except(Set<String> all, String... keep) {
        Set<String> rest = new TreeSet<>(all);
        rest.removeAll(Set.of(keep));
        return rest;
    }
}
