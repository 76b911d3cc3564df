package dev.idle.internal.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.workflow.WorkflowValidator;
import dev.idle.testing.TestPacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code InputLimits} of templates: placeholders per string, path segments, resolved length. */
class TemplateLimitsTest {
    private static final WorkflowValidator VALIDATOR = new WorkflowValidator(StepCatalog.of(List.of(TestPacks.PACK)));

    private static DataMap request() {
        return DataMap.of("IdentityKeys", DataMap.of("Id", "jdoe"), "Intent", DataMap.of("Big", "x".repeat(1000)),
                "Context", new DataMap());
    }

    private static List<String> validateWith(DataMap with) {
        DataMap step = DataMap.of("Name", "S", "Type", "Test.Disable", "With", with);
        DataMap wf = DataMap.of("Name", "WF", "LifecycleEvent", "Leaver", "Steps", new ArrayList<>(List.of(step)));
        return VALIDATOR.validate(wf, null).errors();
    }

    @Test
    void tenThousandPlaceholdersAreRefusedNamingTheLimitWithoutQuadraticErrors() {
        String template = "{{Request.Intent.Missing}} ".repeat(10_000);

        List<String> errors = validateWith(DataMap.of("IdentityKey", "x", "Attributes", DataMap.of("Mail", template)));

        assertThat(errors).singleElement().asString()
                .startsWith("Steps[0] ('S'): Template limit error: With.Attributes.Mail has 10000 placeholders")
                .contains("maxPlaceholdersPerString (1000)")
                .hasSizeLessThan(500);
    }

    @Test
    void placeholdersUpToTheLimitStillResolve() {
        String template = "{{Request.IdentityKeys.Id}}".repeat(InputLimits.current().maxPlaceholdersPerString());

        assertThat(TemplateResolver.resolveString(template, request(), "S")).asString().startsWith("jdoejdoe");
    }

    @Test
    void errorsAboutALongTemplateQuoteOnlyAnExcerptOfIt() {
        String template = "{{Request.Intent.Missing}} ".repeat(1_000);
        List<String> errors = new ArrayList<>();

        TemplateResolver.resolveTree(DataMap.of("Mail", template), request(), "S", errors);

        assertThat(errors).hasSize(1_000).allSatisfy(e -> assertThat(e).hasSizeLessThan(400).contains("characters)"));
    }

    @Test
    void templatePathWithTwoThousandSegmentsIsRefusedNamingTheLimit() {
        String template = "{{Request.Intent." + "a.".repeat(2_000) + "a}}";

        assertThatThrownBy(() -> TemplateResolver.resolveString(template, request(), "S"))
                .isInstanceOf(TemplateException.class)
                .hasMessageStartingWith("Template limit error in 'S': The path of placeholder")
                .hasMessageContaining("has 2003 segments, more than the limit maxPathSegments (64)");
        assertThat(validateWith(DataMap.of("IdentityKey", template))).singleElement().asString()
                .contains("maxPathSegments (64)");
    }

    @Test
    void escapedBracesBeforeAVeryLongPathDoNotOverflowTheStack() {
        String template = "\\{{Request.Intent." + "a.".repeat(20_000) + "a}}";

        assertThatThrownBy(() -> TemplateResolver.resolveString(template, request(), "S"))
                .isInstanceOf(TemplateException.class).hasMessageContaining("maxPathSegments");
    }

    @Test
    void resolvedTextLongerThanTheStringLimitIsRefused() {
        InputLimits before = InputLimits.current();
        InputLimits.overrideDefaults(before.with("maxStringLength", 5_000));
        try {
            String template = "{{Request.Intent.Big}}-".repeat(10);

            assertThatThrownBy(() -> TemplateResolver.resolveString(template, request(), "S"))
                    .isInstanceOf(TemplateException.class)
                    .hasMessageContaining("longer than the limit maxStringLength (5000)");
        } finally {
            InputLimits.overrideDefaults(before);
        }
    }
}
