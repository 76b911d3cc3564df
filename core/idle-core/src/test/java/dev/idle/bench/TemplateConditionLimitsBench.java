package dev.idle.bench;

import dev.idle.api.InputLimits;
import dev.idle.api.data.DataMap;
import dev.idle.api.data.Wildcard;
import dev.idle.internal.condition.ConditionEvaluator;
import dev.idle.internal.template.TemplateResolver;
import dev.idle.internal.template.TemplateSyntax;
import java.util.function.Supplier;

/**
 * A manual bench, not a test (no timing is asserted anywhere): the worst cases of wildcard matching, template
 * resolution and template validation at the default {@link InputLimits}. Run it with
 * {@code java -cp core/idle-core/target/classes:core/idle-core/target/test-classes:<jackson etc.>
 * dev.idle.bench.TemplateConditionLimitsBench}; it prints the best of five runs of each case.
 */
public final class TemplateConditionLimitsBench {

    private TemplateConditionLimitsBench() {
    }

    public static void main(String[] args) {
        InputLimits limits = InputLimits.defaults();
        int pattern = limits.maxLikePatternLength();
        int value = limits.maxLikeValueLength();
        String text = "a".repeat(value);

        // The backtracking worst case: a star, then a long run that almost matches everywhere, then a mismatch.
        String nearMiss = "*" + "a".repeat(pattern - 2) + "b";
        time("Like near-miss '*a…ab' (1,024) vs 'a…a' (65,536)", () -> Wildcard.matches(text, nearMiss));
        String nearMissStar = "*" + "a".repeat(pattern - 3) + "b*";
        time("Like near-miss with a trailing star '*a…ab*'", () -> Wildcard.matches(text, nearMissStar));
        String classesStar = "*" + "[a-z]".repeat(pattern / 5 - 1) + "1*";
        time("Like '*[a-z]…[a-z]1*' (1,024) vs 'a…a' (65,536)", () -> Wildcard.matches(text, classesStar));
        String manyStars = "*a".repeat(pattern / 2 - 1) + "*b";
        time("Like '*a*a…*b' (1,024) vs 'a…a' (65,536)", () -> Wildcard.matches(text, manyStars));
        String segments = ("*" + "a".repeat(31)).repeat(pattern / 32 - 1) + "*" + "a".repeat(30) + "b";
        time("Like 32 stars with 31-char runs, last one missing", () -> Wildcard.matches(text, segments));
        String classes = "*" + "[a-z]".repeat(pattern / 5 - 1) + "1";
        time("Like '*[a-z]…[a-z]1' (1,024) vs 'a…a' (65,536)", () -> Wildcard.matches(text, classes));
        String mixedCase = "*" + "A".repeat(pattern - 2) + "B";
        time("Like case-folding near-miss '*A…AB'", () -> Wildcard.matches(text, mixedCase));

        DataMap roots = DataMap.of("Request", DataMap.of("Intent", DataMap.of("Text", text)));
        DataMap like = DataMap.of("Like", DataMap.of("Path", "Request.Intent.Text", "Pattern", nearMissStar));
        time("Condition Like at both limits (evaluator)", () -> ConditionEvaluator.evaluate(like, roots));

        DataMap request = DataMap.of("IdentityKeys", DataMap.of("Id", "jdoe"), "Intent", new DataMap(),
                "Context", new DataMap());
        String thousand = "{{Request.IdentityKeys.Id}} ".repeat(limits.maxPlaceholdersPerString());
        time("Template with 1,000 placeholders resolved", () -> TemplateResolver.resolveString(thousand, request, "s"));
        String unresolved = "{{Request.Intent.Missing}} ".repeat(limits.maxPlaceholdersPerString());
        time("validate: 1,000 placeholders, no request", () -> TemplateSyntax.problems(unresolved, "With.X"));
        String tenThousand = "{{Request.IdentityKeys.Id}} ".repeat(10_000);
        time("validate: 10,000 placeholders (refused)", () -> TemplateSyntax.problems(tenThousand, "With.X"));
        String deep = "{{Request.Intent." + "a.".repeat(2_000) + "a}}";
        time("validate: a 2,000-segment placeholder path (refused)", () -> TemplateSyntax.problems(deep, "With.X"));
    }

    private static void time(String label, Supplier<Object> work) {
        long best = Long.MAX_VALUE;
        Object result = null;
        for (int i = 0; i < 5; i++) {
            long start = System.nanoTime();
            result = work.get();
            best = Math.min(best, System.nanoTime() - start);
        }
        String shown = String.valueOf(result);
        System.out.printf("%-58s %8.2f ms  -> %s%n", label, best / 1e6,
                shown.length() > 60 ? shown.substring(0, 60) + "…" : shown);
    }
}
