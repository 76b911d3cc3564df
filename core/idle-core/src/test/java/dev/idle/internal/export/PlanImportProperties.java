package dev.idle.internal.export;

import static dev.idle.fuzz.CleanInputErrors.valueOrCleanError;
import static dev.idle.fuzz.Workflows.IDLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.data.DataMap;
import dev.idle.fuzz.DataTrees;
import dev.idle.fuzz.Workflows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * An exported plan of a generated workflow and request, edited at random (a character replaced, inserted or
 * removed, a cut, a number written another way), is either refused by {@code readPlan} with a clean input error or
 * read as exactly the plan that was exported: its export is byte-identical. Nothing in between.
 */
class PlanImportProperties {
    @Property
    void anEditedPlanExportIsRefusedOrReadAsTheSamePlan(@ForAll("editedExports") List<String> exportAndEdit)
            throws IOException {
        String original = exportAndEdit.get(0);
        String edited = exportAndEdit.get(1);
        Path file = Files.createTempFile("idle-plan-import", ".json");
        try {
            // A lone surrogate an edit inserted becomes '?' in UTF-8, as any editor would save it.
            Files.write(file, edited.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Plan read = valueOrCleanError(file.toString(), () -> IDLE.readPlan(file, null));
            if (read != null) {
                assertThat(IDLE.export(read)).as("re-export of an accepted edit").isEqualTo(original);
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Provide
    Arbitrary<List<String>> editedExports() {
        return exports().flatMap(export -> Arbitraries.oneOf(DataTrees.mutations(export), numberEdits(export))
                .map(edited -> List.of(export, edited)));
    }

    /** The same export with one number written another way ({@code 1} as {@code 1.0}, {@code 1e0}, {@code 01}). */
    private static Arbitrary<String> numberEdits(String export) {
        List<int[]> numbers = new ArrayList<>();
        var m = java.util.regex.Pattern.compile("(?<=: )-?\\d+(\\.\\d+)?(?=[,\\n])").matcher(export);
        while (m.find()) {
            numbers.add(new int[] {m.start(), m.end()});
        }
        if (numbers.isEmpty()) {
            return Arbitraries.just(export);
        }
        return Arbitraries.of(numbers).flatMap(at -> Arbitraries.of(".0", "e0", "0", ".00").map(suffix -> {
            String n = export.substring(at[0], at[1]);
            String written = suffix.equals("0") ? n.replaceFirst("^(-?)", "$10") : n + suffix;
            return export.substring(0, at[0]) + written + export.substring(at[1]);
        }));
    }

    private static Arbitrary<String> exports() {
        Arbitrary<DataMap> with = DataTrees.plainMaps(3).map(m -> (DataMap) plainData(m));
        Arbitrary<DataMap> intent = DataTrees.plainMaps(2).map(m -> (DataMap) plainData(m));
        Arbitrary<Object> condition = Arbitraries.of(
                DataMap.of("Equals", DataMap.of("Path", "Request.Intent.Dept", "Value", "IT")),
                DataMap.of("Like", DataMap.of("Path", "Request.LifecycleEvent", "Pattern", "Leav*")),
                DataMap.of("Exists", "Request.IdentityKeys.Id"));
        return Combinators.combine(with, intent, condition, Arbitraries.integers().between(0, 2)).as(
                (w, i, c, n) -> {
                    List<DataMap> steps = new ArrayList<>();
                    steps.add(DataMap.of("Name", "Any", "Type", "Test.Any", "With", w));
                    steps.add(Workflows.emit("Say", "With", DataMap.of("Message", "hi {{Request.IdentityKeys.Id}}"),
                            "Condition", c));
                    for (int k = 0; k < n; k++) {
                        steps.add(Workflows.emit("More" + k));
                    }
                    DataMap workflow = Workflows.workflow(steps.toArray(DataMap[]::new));
                    i.put("Dept", "IT");
                    LifecycleRequest request = LifecycleRequest.create("Joiner", "c-1", "approver",
                            DataMap.of("Id", "jdoe"), i, null);
                    return IDLE.export(IDLE.plan(workflow, request, null, Workflows.SOURCE));
                });
    }

    /**
     * {@code v} as data a plan carries as it is: braces become parentheses (no template), secret-named keys are left
     * out (their values are redacted on export, which makes the plan non-executable by design).
     */
    private static Object plainData(Object v) {
        if (v instanceof java.util.Map<?, ?> m) {
            DataMap out = new DataMap();
            m.forEach((k, value) -> {
                String key = (String) plainData(k);
                if (!key.isBlank() && !SECRET_WORDS.matcher(key).matches()) {
                    out.putIfAbsent(key, plainData(value));
                }
            });
            return out;
        }
        if (v instanceof List<?> l) {
            return new ArrayList<>(l.stream().map(PlanImportProperties::plainData).toList());
        }
        if (v instanceof String s) {
            return s.replace('{', '(').replace('}', ')');
        }
        return v;
    }

    private static final java.util.regex.Pattern SECRET_WORDS = java.util.regex.Pattern.compile(
            "(?i).*(password|secret|token|key|credential|pwd|pin|cookie|authorization|auth).*");
}
