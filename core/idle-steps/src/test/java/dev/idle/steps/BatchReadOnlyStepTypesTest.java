package dev.idle.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idle.api.BlastRadius;
import dev.idle.spi.Access;
import dev.idle.spi.CapabilityRegistry;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link BlastRadius#READ_ONLY_STEP_TYPES}, the step types a batch's blast-radius guard does not count as writes,
 * agree with the built-in step packs: each names a built-in step that needs no capability that writes, and every
 * built-in step that needs only reading capabilities is listed.
 */
class BatchReadOnlyStepTypesTest {
    private static final CapabilityRegistry CAPABILITIES = CapabilityRegistry.builtIn();

    private static List<StepMetadata> catalog() {
        return Stream.<StepPack>of(new CommonSteps(), new MailboxSteps(), new DirectorySyncSteps())
                .flatMap(pack -> pack.catalog().stream()).toList();
    }

    private static boolean onlyReads(StepMetadata step) {
        return step.requiredCapabilities().stream()
                .allMatch(id -> CAPABILITIES.find(id).orElseThrow().access() == Access.READ);
    }

    @Test
    void everyReadOnlyStepTypeIsABuiltInStepThatNeedsNoWritingCapability() {
        for (String type : BlastRadius.READ_ONLY_STEP_TYPES) {
            StepMetadata step = catalog().stream().filter(s -> s.type().equalsIgnoreCase(type)).findFirst()
                    .orElseThrow(() -> new AssertionError(type + " is no built-in step type"));
            assertThat(onlyReads(step)).as(type).isTrue();
        }
    }

    @Test
    void everyBuiltInStepThatOnlyReadsIsListedAndNoWritingOneIs() {
        for (StepMetadata step : catalog()) {
            boolean listed = BlastRadius.READ_ONLY_STEP_TYPES.contains(step.type());
            if (step.requiredCapabilities().isEmpty()) {
                continue; // EmitEvent: no provider at all, listed by name; other such steps would count as writes
            }
            assertThat(listed).as(step.type()).isEqualTo(onlyReads(step));
        }
        assertThat(BlastRadius.READ_ONLY_STEP_TYPES).contains(EmitEventStep.TYPE, MailboxGetInfoStep.TYPE);
    }
}
