package dev.idle.internal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idle.api.Idle;
import dev.idle.api.IdleInputException;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.Plan;
import dev.idle.api.data.DataMap;
import dev.idle.internal.catalog.StepCatalog;
import dev.idle.internal.load.DataFileLoader;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, item 4: JCS hashes {@code 1} and {@code 1.0} alike, so an imported plan's numbers must be written exactly
 * as the exporter writes them.
 */
class PlanNumbersTest {
    private final Idle idle = Idle.withStepPacks(List.of(PlanExportTest.FIXTURE_PACK));
    private final PlanImporter importer = new PlanImporter(StepCatalog.of(List.of(PlanExportTest.FIXTURE_PACK)));

    private String export(DataMap intent) {
        DataMap wf = idle.parseWorkflow("""
                @{ Name = 'w'; LifecycleEvent = 'Joiner'
                   Steps = @( @{ Name = 'Mail'; Type = 'EnsureMailbox'
                                 With = @{ size = 50; ratio = 1.5; whole = 2.0; price = 1.50d; huge = 1e21 } } ) }
                """, "w.psd1");
        LifecycleRequest request = LifecycleRequest.create("Joiner", "c-7", null, DataMap.of("userId", "jdoe"),
                intent, null);
        return idle.export(idle.plan(wf, request, null, "w.psd1"));
    }

    private Plan read(String json) {
        return importer.read(DataFileLoader.loadString(json, "plan.json", PlanNumbers.EXPORTED_FORM), "plan.json");
    }

    private static String position(String json, String literal) {
        int at = json.indexOf(literal);
        String before = json.substring(0, at);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return "plan.json:" + line + ":" + (at - before.lastIndexOf('\n')) + ": ";
    }

    @Test
    void exporterWritesEachNumberInItsOneFormAndTheImportAcceptsIt() {
        String json = export(DataMap.of("n", 3));
        assertThat(json).contains("\"size\": 50,", "\"ratio\": 1.5,", "\"whole\": 2\n", "\"price\": 1.5,",
                "\"huge\": 1.0E21");
        Plan plan = read(json);
        assertThat(plan.steps().get(0).with()).containsEntry("whole", 2L).containsEntry("price", 1.5d);
        assertThat(idle.export(plan)).isEqualTo(json);
    }

    @Test
    void oneWrittenAsOnePointZeroInPlanIsRefused() {
        String edited = export(DataMap.of("n", 1)).replace("\"n\": 1", "\"n\": 1.0");
        assertThatThrownBy(() -> read(edited)).isInstanceOf(IdleInputException.class)
                .hasMessage(position(edited, "1.0\n") + "number 1.0 is not written as the exporter writes it (1):"
                        + " the plan was edited after it was exported; refusing to run it");
    }

    @Test
    void exponentFormOfAnExportedIntegerIsRefused() {
        String edited = export(DataMap.of("n", 1)).replaceFirst("\"size\": 50", "\"size\": 5e1");
        assertThatThrownBy(() -> read(edited)).hasMessageStartingWith(position(edited, "5e1") + "number 5e1 is not"
                + " written as the exporter writes it (50)");
    }

    @Test
    void editedIntegerAbove2To53IsRefusedByInvokePlan() {
        // 2^53 as a double: JCS writes 9007199254740992 for it and for 9007199254740993, so the hash still matches
        String json = export(DataMap.of("n", 9007199254740992.0));
        assertThat(json).contains("\"n\": 9.007199254740992E15");
        String edited = json.replace("9.007199254740992E15", "9007199254740993");
        assertThat(PlanHash.ofJson(edited.replaceAll(",\\s*\"planHash\": \"[0-9a-f]+\"", "")))
                .isEqualTo(PlanHash.ofJson(json.replaceAll(",\\s*\"planHash\": \"[0-9a-f]+\"", "")));
        assertThatThrownBy(() -> read(edited))
                .hasMessage(position(edited, "9007199254740993") + "number 9007199254740993 is not written as the"
                        + " exporter writes it (9.007199254740992E15): the plan was edited after it was exported;"
                        + " refusing to run it");
    }

    @Test
    void leadingZeroInPlanIsRefusedWithItsPosition() {
        String edited = export(DataMap.of("n", 1)).replaceFirst("\"size\": 50", "\"size\": 050");
        assertThatThrownBy(() -> read(edited)).isInstanceOf(IdleInputException.class)
                .hasMessageStartingWith(position(edited, "050").replace(":19: ", ":20: ")) // the digit after the 0
                .hasMessageContaining("number with a leading zero is not written as the exporter writes it");
    }

    @Test
    void canonicalFormIsTheIntegerWithinTwoTo53AndTheShortestDoubleOtherwise() {
        assertThat(PlanNumbers.canonical(1.0)).isEqualTo("1");
        assertThat(PlanNumbers.canonical(-0.0)).isEqualTo("0");
        assertThat(PlanNumbers.canonical(0.1)).isEqualTo("0.1");
        assertThat(PlanNumbers.canonical(9007199254740991.0)).isEqualTo("9007199254740991");
        assertThat(PlanNumbers.canonical(9007199254740992.0)).isEqualTo("9.007199254740992E15");
        assertThat(PlanNumbers.normalise(List.of(new BigDecimal("1.50"), 2.0f, 7L))).isEqualTo(List.of(1.5, 2L, 7L));
    }
}
