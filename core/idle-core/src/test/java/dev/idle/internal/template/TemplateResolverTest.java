package dev.idle.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Secret;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class TemplateResolverTest {

    private static final String STEP = "Create account";
    private static final UUID GUID = UUID.fromString("3F2504E0-4F89-11D3-9A0C-0305E82C3301");

    private static DataMap request() {
        return DataMap.of(
                "LifecycleEvent", "Joiner",
                "CorrelationId", "corr-1",
                "Actor", "helpdesk",
                "IdentityKeys", DataMap.of("sAMAccountName", "jdoe", "EmployeeId", "E1"),
                "Intent", DataMap.of(
                        "UserPrincipalName", "jdoe@example.com",
                        "Name", "TestName",
                        "Enabled", false,
                        "UserId", 12345,
                        "Ratio", 1.5,
                        "Price", new BigDecimal("1.50"),
                        "Start", LocalDateTime.of(2024, 3, 1, 8, 30, 0),
                        "Guid", GUID,
                        "NullField", null,
                        "UserData", DataMap.of("A", 1),
                        "Tags", List.of("x", "y"),
                        "OneGroup", List.of("G1"),
                        "NoGroups", List.of(),
                        "BaselineGroups", List.of("Staff", "VPN"),
                        "SignInCredentialValue", Secret.of("hunter2"),
                        "Session", AuthSession.of("s", "OAuth", null, Secret.of("t")),
                        "Script", new ExecutableValue("Remove-Item *"),
                        "Point", new Point(1, 2)),
                "Context", DataMap.of(
                        "Identity", DataMap.of("DisplayName", "John Doe"),
                        "Entitlements", List.of(DataMap.of("Id", "g1"), DataMap.of("Id", "g2"))));
    }

    record Point(int x, int y) {
    }

    private static Object resolve(String s) {
        return TemplateResolver.resolveString(s, request(), STEP);
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(String s) {
        return assertThatThrownBy(() -> resolve(s)).isInstanceOf(TemplateException.class)
                .hasMessageContaining("'" + STEP + "'");
    }

    // ---- strings without placeholders

    @Test
    void stringWithoutBracesIsReturnedUnchanged() {
        assertThat(resolve("plain text { } \\ ")).isEqualTo("plain text { } \\ ");
    }

    @Test
    void nullStringStaysNull() {
        assertThat(resolve(null)).isNull();
    }

    // ---- pinned examples of the spec table

    @Test
    void lonePlaceholderResolvesToTheString() {
        assertThat(resolve("{{Request.Intent.UserPrincipalName}}")).isEqualTo("jdoe@example.com");
    }

    @Test
    void lonePlaceholderKeepsBooleanType() {
        assertThat(resolve("{{Request.Intent.Enabled}}")).isEqualTo(false);
    }

    @Test
    void lonePlaceholderKeepsIntegerType() {
        assertThat(resolve("{{Request.Intent.UserId}}")).isEqualTo(12345);
    }

    @Test
    void placeholderInTextIsRenderedAsString() {
        assertThat(resolve("ID: {{Request.Intent.UserId}}")).isEqualTo("ID: 12345");
    }

    @Test
    void booleanInTextIsRenderedPowerShellStyle() {
        assertThat(resolve("Account enabled: {{Request.Intent.Enabled}}")).isEqualTo("Account enabled: False");
    }

    @Test
    void escapedBracesBecomeLiteral() {
        assertThat(resolve("Literal \\{{ and template {{Request.Intent.Name}}"))
                .isEqualTo("Literal {{ and template TestName");
    }

    @Test
    void escapedBracesAloneBecomeLiteral() {
        assertThat(resolve("Literal \\{{ braces")).isEqualTo("Literal {{ braces");
    }

    @Test
    void escapedInvalidRootIsUnbalancedBraces() {
        assertFails("\\{{Request.InvalidRoot}}").hasMessageStartingWith("Template syntax error")
                .hasMessageContaining("Unbalanced braces");
    }

    @Test
    void missingClosingBracesIsUnbalanced() {
        assertFails("{{Request.Intent.Name").hasMessageContaining("Unbalanced braces")
                .hasMessageContaining("found 1 '{{', 0 '}}' and 0 complete");
    }

    @Test
    void missingOpeningBracesIsUnbalanced() {
        assertFails("Request.Intent.Name}}").hasMessageContaining("Unbalanced braces");
    }

    @Test
    void strayBracesNextToAPlaceholderAreUnbalanced() {
        assertFails("a {{Request.Intent.Name}} }}").hasMessageContaining("Unbalanced braces");
    }

    @Test
    void spaceInPathIsAnInvalidPathPattern() {
        assertFails("{{Request.Intent.User Name}}").hasMessageStartingWith("Template path error")
                .hasMessageContaining("Invalid path pattern").hasMessageContaining("{{Request.Intent.User Name}}");
    }

    @Test
    void atSignInPathIsAnInvalidPathPattern() {
        assertFails("{{Request.Intent.User@Name}}").hasMessageContaining("Invalid path pattern");
    }

    @Test
    void pathStartingWithDigitIsAnInvalidPathPattern() {
        assertFails("x {{1Request.Intent}}").hasMessageContaining("Invalid path pattern");
    }

    @Test
    void planRootIsNotAllowed() {
        assertFails("{{Plan.WorkflowName}}").hasMessageStartingWith("Template security error")
                .hasMessageContaining("is not allowed")
                .hasMessageContaining("Request.Intent, Request.Context, Request.IdentityKeys, Request.LifecycleEvent, "
                        + "Request.CorrelationId, Request.Actor");
    }

    @Test
    void providersRootIsNotAllowed() {
        assertFails("{{Providers.X}}").hasMessageContaining("is not allowed");
    }

    @Test
    void workflowRootIsNotAllowed() {
        assertFails("{{Workflow.Name}}").hasMessageContaining("is not allowed");
    }

    @Test
    void otherRequestPartsAreNotAllowed() {
        assertFails("{{Request.Execution.Timestamp}}").hasMessageContaining("is not allowed");
    }

    @Test
    void rootPrefixMustEndAtASegmentBoundary() {
        assertFails("{{Request.IntentX}}").hasMessageContaining("is not allowed");
    }

    @Test
    void missingValueResolvedToNull() {
        assertFails("{{Request.Intent.Missing}}").hasMessageStartingWith("Template resolution error")
                .hasMessageContaining("resolved to null or does not exist");
    }

    @Test
    void presentNullResolvedToNull() {
        assertFails("{{Request.Intent.NullField}}").hasMessageContaining("resolved to null or does not exist");
    }

    @Test
    void emptyListResolvedToNull() {
        assertFails("{{Request.Intent.NoGroups}}").hasMessageContaining("resolved to null or does not exist");
    }

    @Test
    void lonePlaceholderOnMapIsNonScalar() {
        assertFails("{{Request.Intent.UserData}}").hasMessageStartingWith("Template type error")
                .hasMessageContaining("non-scalar value (unsupported type: hashtable)");
    }

    @Test
    void lonePlaceholderOnListIsNonScalar() {
        assertFails("{{Request.Intent.Tags}}").hasMessageContaining("non-scalar value (unsupported type: array)");
    }

    // ---- further rules

    @Test
    void backslashBeforeValidPlaceholderStaysLiteral() {
        assertThat(resolve("DOMAIN\\{{Request.IdentityKeys.sAMAccountName}}")).isEqualTo("DOMAIN\\jdoe");
    }

    @Test
    void backslashBeforeLowercasePlaceholderStaysLiteral() {
        assertThat(resolve("DOMAIN\\{{request.identitykeys.samaccountname}}")).isEqualTo("DOMAIN\\jdoe");
    }

    @Test
    void lonePlaceholderMaySurroundItselfWithWhitespace() {
        assertThat(resolve("  {{ Request.Intent.UserId }}\t")).isEqualTo(12345);
    }

    @Test
    void lonePlaceholderKeepsDoubleType() {
        assertThat(resolve("{{Request.Intent.Ratio}}")).isEqualTo(1.5);
    }

    @Test
    void lonePlaceholderKeepsDateTimeType() {
        assertThat(resolve("{{Request.Intent.Start}}")).isEqualTo(LocalDateTime.of(2024, 3, 1, 8, 30, 0));
    }

    @Test
    void lonePlaceholderKeepsUuidType() {
        assertThat(resolve("{{Request.Intent.Guid}}")).isEqualTo(GUID);
    }

    @Test
    void mixedTemplateRendersValuesPowerShellStyle() {
        assertThat(resolve("{{Request.Intent.Ratio}}|{{Request.Intent.Price}}|{{Request.Intent.Start}}|{{Request.Intent.Guid}}"))
                .isEqualTo("1.5|1.50|03/01/2024 08:30:00|3f2504e0-4f89-11d3-9a0c-0305e82c3301");
    }

    @Test
    void severalPlaceholdersAreReplacedLeftToRight() {
        assertThat(resolve("{{Request.Intent.Name}} <{{Request.Intent.UserPrincipalName}}> ({{Request.Intent.Name}})"))
                .isEqualTo("TestName <jdoe@example.com> (TestName)");
    }

    @Test
    void mixedResultIsAlwaysAString() {
        assertThat(resolve(" x{{Request.Intent.UserId}}")).isEqualTo(" x12345");
    }

    @Test
    void everyAllowedRootResolves() {
        assertThat(resolve("{{Request.LifecycleEvent}}/{{Request.CorrelationId}}/{{Request.Actor}}/"
                + "{{Request.IdentityKeys.EmployeeId}}/{{Request.Context.Identity.DisplayName}}"))
                .isEqualTo("Joiner/corr-1/helpdesk/E1/John Doe");
    }

    @Test
    void lowercaseTemplateRootIsAllowed() {
        assertThat(resolve("{{request.intent.Name}}")).isEqualTo("TestName");
        assertThat(resolve("{{REQUEST.LIFECYCLEEVENT}}")).isEqualTo("Joiner");
    }

    @Test
    void numericSegmentIndexesListInTemplates() {
        assertThat(resolve("{{Request.Intent.BaselineGroups.0}}")).isEqualTo("Staff");
        assertThat(resolve("VPN group: {{Request.Intent.BaselineGroups.1}}")).isEqualTo("VPN group: VPN");
    }

    @Test
    void numericSegmentThenKeyInTemplates() {
        assertThat(resolve("{{Request.Context.Entitlements.1.Id}}")).isEqualTo("g2");
    }

    @Test
    void outOfRangeIndexResolvedToNull() {
        assertFails("{{Request.Intent.BaselineGroups.5}}").hasMessageContaining("resolved to null");
    }

    @Test
    void oneElementListIsNonScalarInALonePlaceholder() {
        assertFails("{{Request.Intent.OneGroup}}").hasMessageContaining("non-scalar value");
    }

    @Test
    void mixedPlaceholderOnMapIsATypeError() {
        assertFails("Data: {{Request.Intent.UserData}}").hasMessageStartingWith("Template type error")
                .hasMessageContaining("non-scalar value (hashtable/array/object");
    }

    @Test
    void mixedPlaceholderOnListIsATypeError() {
        assertFails("Tags: {{Request.Intent.Tags}}").hasMessageContaining("non-scalar value (hashtable/array/object");
    }

    @Test
    void mixedPlaceholderOnRecordIsATypeError() {
        assertFails("At: {{Request.Intent.Point}}").hasMessageContaining("non-scalar value (hashtable/array/object");
    }

    @Test
    void lonePlaceholderOnRecordIsNonScalar() {
        assertFails("{{Request.Intent.Point}}").hasMessageContaining("unsupported type: Point");
    }

    @Test
    void credentialValueIsATemplateSecurityError() {
        assertFails("{{Request.Intent.SignInCredentialValue}}").hasMessageStartingWith("Template security error")
                .hasMessageContaining("credential type").hasMessageContaining("Use AuthSessionBroker")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void credentialInTextIsATemplateSecurityError() {
        assertFails("pw={{Request.Intent.SignInCredentialValue}}").hasMessageContaining("credential type");
    }

    @Test
    void authSessionValueIsATemplateSecurityError() {
        assertFails("{{Request.Intent.Session}}").hasMessageContaining("credential type (AuthSession)");
    }

    @Test
    void executableValueIsATemplateSecurityError() {
        assertFails("{{Request.Intent.Script}}").hasMessageStartingWith("Template security error")
                .hasMessageContaining("executable").hasMessageNotContaining("Remove-Item");
    }

    @Test
    void errorNamesContextLabelAndPlaceholder() {
        assertThatThrownBy(() -> TemplateResolver.resolveString("x {{Request.Intent.Missing}}", request(), "ContextResolvers[0]"))
                .hasMessageContaining("'ContextResolvers[0]'")
                .hasMessageContaining("'{{Request.Intent.Missing}}'");
    }

    @Test
    void everyBadPlaceholderOfAStringIsReported() {
        assertThatThrownBy(() -> resolve("{{Request.Intent.Missing}} {{Plan.X}} {{Request.Intent.Name}}"))
                .isInstanceOfSatisfying(TemplateException.class, e -> assertThat(e.errors()).hasSize(2)
                        .satisfiesExactly(
                                m -> assertThat(m).contains("resolved to null"),
                                m -> assertThat(m).contains("is not allowed")));
    }

    @Test
    void templateExceptionIsAnIllegalArgumentException() {
        assertThatThrownBy(() -> resolve("{{Plan.X}}")).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- tree walk

    @Test
    void resolveTreeResolvesNestedMapsAndLists() {
        DataMap with = DataMap.of(
                "Name", "{{Request.Intent.Name}}",
                "Attributes", DataMap.of("Enabled", "{{Request.Intent.Enabled}}", "Count", 3),
                "Groups", List.of("{{Request.Intent.BaselineGroups.0}}", "static"));
        List<String> errors = new ArrayList<>();
        Object resolved = TemplateResolver.resolveTree(with, request(), STEP, errors);
        assertThat(errors).isEmpty();
        assertThat(resolved).isEqualTo(DataMap.of(
                "Name", "TestName",
                "Attributes", DataMap.of("Enabled", false, "Count", 3),
                "Groups", List.of("Staff", "static")));
    }

    @Test
    void resolveTreeLeavesKeysUntouched() {
        DataMap with = DataMap.of("{{Request.Intent.Name}}", "v");
        Object resolved = TemplateResolver.resolveTree(with, request(), STEP, new ArrayList<>());
        assertThat(((DataMap) resolved).originalKey("{{request.intent.name}}")).isEqualTo("{{Request.Intent.Name}}");
    }

    @Test
    void resolveTreeReturnsNewContainers() {
        DataMap inner = DataMap.of("A", "x");
        List<Object> list = new ArrayList<>(List.of(inner));
        Object resolved = TemplateResolver.resolveTree(list, request(), STEP, new ArrayList<>());
        assertThat(resolved).isNotSameAs(list).isEqualTo(list);
        assertThat(((List<?>) resolved).get(0)).isNotSameAs(inner);
    }

    @Test
    void resolveTreeKeepsOneElementListsAsLists() {
        Object resolved = TemplateResolver.resolveTree(List.of("{{Request.Intent.Name}}"), request(), STEP, new ArrayList<>());
        assertThat(resolved).isEqualTo(List.of("TestName"));
    }

    @Test
    void resolveTreeKeepsNonStringValues() {
        Object resolved = TemplateResolver.resolveTree(DataMap.of("N", 5, "B", true, "Z", null), request(), STEP, new ArrayList<>());
        assertThat(resolved).isEqualTo(DataMap.of("N", 5, "B", true, "Z", null));
    }

    @Test
    void resolveTreeCollectsEveryError() {
        DataMap with = DataMap.of(
                "A", "{{Request.Intent.Missing}}",
                "B", DataMap.of("C", "{{Plan.WorkflowName}}"),
                "D", List.of("ok {{Request.Intent.Name}}", "{{Request.Intent.Name"),
                "E", "{{Request.Intent.Name}}");
        List<String> errors = new ArrayList<>();
        Object resolved = TemplateResolver.resolveTree(with, request(), STEP, errors);
        assertThat(errors).hasSize(3).allSatisfy(m -> assertThat(m).startsWith("Template").contains("'" + STEP + "'"));
        assertThat(errors.get(0)).contains("resolved to null");
        assertThat(errors.get(1)).contains("is not allowed");
        assertThat(errors.get(2)).contains("Unbalanced braces");
        DataMap out = (DataMap) resolved;
        assertThat(out.get("A")).isEqualTo("{{Request.Intent.Missing}}");
        assertThat(out.get("D")).isEqualTo(List.of("ok TestName", "{{Request.Intent.Name"));
        assertThat(out.get("E")).isEqualTo("TestName");
    }

    private static DataMap hrRequest() {
        return DataMap.of("Intent", DataMap.of("TemporaryPassword", "Initial-1!", "Pin", 47,
                "Profile", DataMap.of("password", "P@ss-9", "passwordHint", "pet's name")));
    }

    /** Reverses the former refusal: upstream resolves such templates, and identity teams need the HR request's value. */
    @Test
    void aLonePlaceholderOnASecretNamedPathYieldsASecretOfTheValue() {
        Object password = TemplateResolver.resolveString("{{Request.Intent.TemporaryPassword}}", hrRequest(), STEP);
        Object nested = TemplateResolver.resolveString("{{Request.Intent.Profile.password}}", hrRequest(), STEP);
        Object pin = TemplateResolver.resolveString("{{Request.Intent.Pin}}", hrRequest(), STEP);

        assertThat(password).isInstanceOf(Secret.class).hasToString("[REDACTED]");
        assertThat(((Secret) password).reveal()).isEqualTo("Initial-1!");
        assertThat(((Secret) nested).reveal()).isEqualTo("P@ss-9");
        assertThat(((Secret) pin).reveal()).as("a secret number is kept as its text").isEqualTo("47");
    }

    @Test
    void secretInterpolatedIntoALongerStringKeepsTheWholeStringSecret() {
        Object message = TemplateResolver.resolveString("Welcome! Your first password is "
                + "{{Request.Intent.TemporaryPassword}} (PIN {{Request.Intent.Pin}})", hrRequest(), STEP);

        assertThat(message).isInstanceOf(Secret.class).hasToString("[REDACTED]");
        assertThat(((Secret) message).reveal()).isEqualTo("Welcome! Your first password is Initial-1! (PIN 47)");
    }

    @Test
    void aPathWhoseLastSegmentOnlyStartsWithASecretWordStaysPlainText() {
        assertThat(TemplateResolver.resolveString("hint: {{Request.Intent.Profile.passwordHint}}", hrRequest(), STEP))
                .isEqualTo("hint: pet's name");
    }
}
