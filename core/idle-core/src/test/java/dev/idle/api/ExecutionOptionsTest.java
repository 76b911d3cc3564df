package dev.idle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionOptionsTest {

    private static ExecutionOptions read(Object data) {
        return ExecutionOptions.fromData(data, "host.yaml");
    }

    private static List<String> problems(Object data) {
        return catchThrowableOfType(() -> read(data), IdleInputException.class).problems();
    }

    private static DataMap profiles(Object... nameAndProfile) {
        return DataMap.of("RetryProfiles", DataMap.of(nameAndProfile));
    }

    private static List<String> profileProblems(Object... keysAndValues) {
        return problems(profiles("P", DataMap.of(keysAndValues)));
    }

    @Test
    void nullMeansDefaults() {
        ExecutionOptions o = read(null);
        assertThat(o.retryProfiles()).isNull();
        assertThat(o.defaultRetryProfile()).isNull();
        assertThat(o.profileFor("S", null)).isEqualTo(RetryProfile.DEFAULT);
    }

    @Test
    void defaultProfileHasIdlesValues() {
        assertThat(RetryProfile.DEFAULT).isEqualTo(new RetryProfile(3, 250, 2.0, 5000, 0.2));
    }

    @Test
    void optionsMustBeAMap() {
        assertThatThrownBy(() -> read("x")).isInstanceOf(IdleInputException.class)
                .hasMessage("host.yaml: executionOptions must be a map");
    }

    @Test
    void unknownKeysAreIgnored() {
        ExecutionOptions o = read(DataMap.of("Whatever", 1, "RetryProfiles", DataMap.of("P",
                DataMap.of("MaxAttempts", 2, "Bogus", "x"))));
        assertThat(o.retryProfiles().get("P").maxAttempts()).isEqualTo(2);
    }

    @Test
    void validProfileIsReadWithDefaultsForAbsentValues() {
        ExecutionOptions o = read(DataMap.of("retryprofiles", DataMap.of("Fast",
                DataMap.of("maxattempts", 5, "InitialDelayMilliseconds", 10L, "BackoffFactor", 1,
                        "JitterRatio", 0.5)), "defaultretryprofile", "fast"));
        assertThat(o.defaultRetryProfile()).isEqualTo("fast");
        assertThat(o.profileFor("S", null)).isEqualTo(new RetryProfile(5, 10, 1.0, 5000, 0.5));
    }

    @Test
    void profileNameMustMatchThePattern() {
        assertThat(problems(profiles("bad name", DataMap.of()))).singleElement().asString()
                .contains("retry profile name 'bad name'");
    }

    @Test
    void retryProfilesMustBeAMapAndEachProfileAMap() {
        assertThat(problems(DataMap.of("RetryProfiles", List.of()))).singleElement().asString()
                .contains("retryProfiles must be a map");
        assertThat(problems(profiles("P", null))).singleElement().asString()
                .contains("retry profile 'P' must be a map");
    }

    @Test
    void maxAttemptsMustBeAnIntegerBetween0And10() {
        assertThat(read(profiles("P", DataMap.of("MaxAttempts", 0))).retryProfiles().get("P").maxAttempts())
                .isZero();
        assertThat(read(profiles("P", DataMap.of("MaxAttempts", 10))).retryProfiles().get("P").maxAttempts())
                .isEqualTo(10);
        for (Object bad : new Object[] {-1, 11, 3.0, "3", null}) {
            assertThat(profileProblems("MaxAttempts", bad)).as(String.valueOf(bad)).singleElement().asString()
                    .contains("retry profile 'P'").contains("MaxAttempts must be an integer between 0 and 10");
        }
    }

    @Test
    void initialDelayMustBeAnIntegerBetween0And60000() {
        assertThat(profileProblems("InitialDelayMilliseconds", 60001, "MaxDelayMilliseconds", 300000))
                .singleElement().asString().contains("InitialDelayMilliseconds must be an integer between 0 and 60000");
        assertThat(profileProblems("InitialDelayMilliseconds", -1)).singleElement().asString()
                .contains("InitialDelayMilliseconds");
        assertThat(read(profiles("P", DataMap.of("InitialDelayMilliseconds", 60000, "MaxDelayMilliseconds", 60000)))
                .retryProfiles().get("P").initialDelayMs()).isEqualTo(60000);
    }

    @Test
    void backoffFactorMustBeANumberOfAtLeastOne() {
        assertThat(profileProblems("BackoffFactor", 0.99)).singleElement().asString()
                .contains("BackoffFactor must be a number >= 1.0");
        assertThat(profileProblems("BackoffFactor", "2")).singleElement().asString().contains("BackoffFactor");
        assertThat(read(profiles("P", DataMap.of("BackoffFactor", 1.5))).retryProfiles().get("P").backoffFactor())
                .isEqualTo(1.5);
        assertThat(read(profiles("P", DataMap.of("BackoffFactor", new BigDecimal("3"))))
                .retryProfiles().get("P").backoffFactor()).isEqualTo(3.0);
    }

    @Test
    void maxDelayMustBeAnIntegerBetween0And300000() {
        assertThat(profileProblems("MaxDelayMilliseconds", 300001)).singleElement().asString()
                .contains("MaxDelayMilliseconds must be an integer between 0 and 300000");
        assertThat(read(profiles("P", DataMap.of("MaxDelayMilliseconds", 300000)))
                .retryProfiles().get("P").maxDelayMs()).isEqualTo(300000);
    }

    @Test
    void maxDelayMustBeAtLeastTheInitialDelay() {
        assertThat(profileProblems("InitialDelayMilliseconds", 1000, "MaxDelayMilliseconds", 999)).singleElement()
                .asString().contains("MaxDelayMilliseconds (999) must be >= InitialDelayMilliseconds (1000)");
    }

    @Test
    void maxDelayIsComparedWithTheDefaultInitialDelayWhenThatIsAbsent() {
        assertThat(profileProblems("MaxDelayMilliseconds", 249)).singleElement().asString()
                .contains("must be >= InitialDelayMilliseconds (250)");
        assertThat(read(profiles("P", DataMap.of("MaxDelayMilliseconds", 250))).retryProfiles()).containsKey("P");
    }

    @Test
    void jitterRatioMustBeBetween0And1() {
        assertThat(profileProblems("JitterRatio", 1.01)).singleElement().asString()
                .contains("JitterRatio must be a number between 0.0 and 1.0");
        assertThat(profileProblems("JitterRatio", -0.1)).singleElement().asString().contains("JitterRatio");
        assertThat(read(profiles("P", DataMap.of("JitterRatio", 1))).retryProfiles().get("P").jitterRatio())
                .isEqualTo(1.0);
        assertThat(read(profiles("P", DataMap.of("JitterRatio", 0))).retryProfiles().get("P").jitterRatio())
                .isZero();
    }

    @Test
    void defaultRetryProfileMustNotBeBlank() {
        assertThat(problems(DataMap.of("DefaultRetryProfile", " "))).singleElement().asString()
                .contains("defaultRetryProfile must not be blank");
    }

    @Test
    void defaultRetryProfileMustExistInRetryProfiles() {
        assertThat(problems(DataMap.of("RetryProfiles", DataMap.of(), "DefaultRetryProfile", "Fast")))
                .singleElement().asString().contains("'Fast' references a profile that does not exist in RetryProfiles");
    }

    @Test
    void defaultRetryProfileWithoutRetryProfilesIsAccepted() {
        assertThat(read(DataMap.of("DefaultRetryProfile", "Fast")).defaultRetryProfile()).isEqualTo("Fast");
    }

    @Test
    void invalidDefaultProfileIsNotAlsoReportedAsMissing() {
        List<String> p = problems(DataMap.of("RetryProfiles", DataMap.of("Fast", DataMap.of("MaxAttempts", 99)),
                "DefaultRetryProfile", "Fast"));
        assertThat(p).singleElement().asString().contains("MaxAttempts");
    }

    @Test
    void allErrorsAreReportedAtOnce() {
        DataMap data = DataMap.of("RetryProfiles", DataMap.of(
                "A", DataMap.of("MaxAttempts", 11, "InitialDelayMilliseconds", -1, "BackoffFactor", 0,
                        "MaxDelayMilliseconds", -5, "JitterRatio", 2),
                "B", "notamap", "bad name!", DataMap.of()), "DefaultRetryProfile", "C");
        IdleInputException e = catchThrowableOfType(() -> read(data), IdleInputException.class);
        assertThat(e.problems()).hasSize(8).allSatisfy(p -> assertThat(p).startsWith("host.yaml: "));
        assertThat(e.getMessage()).startsWith("host.yaml: invalid executionOptions");
    }

    @Test
    void profileForPrefersTheStepsProfileThenTheDefaultCaseInsensitively() {
        RetryProfile fast = new RetryProfile(1, 0, 1.0, 0, 0);
        RetryProfile slow = new RetryProfile(5, 100, 2.0, 1000, 0);
        ExecutionOptions o = ExecutionOptions.of("Slow", Map.of("Fast", fast, "Slow", slow));
        assertThat(o.profileFor("S", "FAST")).isEqualTo(fast);
        assertThat(o.profileFor("S", null)).isEqualTo(slow);
        assertThat(ExecutionOptions.of(null, Map.of("Fast", fast)).profileFor("S", null))
                .isEqualTo(RetryProfile.DEFAULT);
    }

    @Test
    void profileForRejectsAnUnknownProfileListingTheAvailableOnes() {
        ExecutionOptions o = ExecutionOptions.of(null, Map.of("Fast", RetryProfile.DEFAULT));
        assertThatThrownBy(() -> o.profileFor("S", "Nope")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Step 'S' references unknown RetryProfile 'Nope'. Available profiles: Fast.");
    }

    @Test
    void profileForRejectsAStepProfileWhenOptionsHaveNoRetryProfiles() {
        ExecutionOptions o = read(DataMap.of("DefaultRetryProfile", "X"));
        assertThatThrownBy(() -> o.profileFor("S", "Fast")).isInstanceOf(IllegalStateException.class)
                .hasMessage("Step 'S' references RetryProfile 'Fast' but ExecutionOptions.RetryProfiles is not"
                        + " configured.");
    }

    @Test
    void withoutExecutionOptionsAStepsRetryProfileIsIgnored() {
        // core.md §13.5 rule 1 / §16 #12: no ExecutionOptions means IdLE's defaults, even for a step naming a profile.
        assertThat(ExecutionOptions.defaults().profileFor("S", "Fast")).isEqualTo(RetryProfile.DEFAULT);
        assertThat(read(null).profileFor("S", "Fast")).isEqualTo(RetryProfile.DEFAULT);
    }

    @Test
    void executableValueAnywhereInOptionsIsRejectedWithItsPath() {
        DataMap data = DataMap.of("Unknown", DataMap.of("Hook", new ExecutableValue("Invoke-Me")));
        assertThat(problems(data)).singleElement().asString()
                .contains("ScriptBlocks are not allowed").endsWith("ExecutionOptions.Unknown.Hook");
    }

    @Test
    void initialDelayAboveTheDefaultMaxDelayIsRejectedWhenMaxDelayIsNotGiven() {
        assertThat(profileProblems("InitialDelayMilliseconds", 6000L))
                .anySatisfy(p -> assertThat(p).contains("MaxDelayMilliseconds (5000) must be >= InitialDelayMilliseconds (6000)"));
    }
}
