package dev.idle.steps;

import dev.idle.spi.Capability;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.List;

/** {@code IdLE.Steps.DirectorySync}: triggers a directory sync cycle; default alias {@code DirectorySync}. */
public final class DirectorySyncSteps implements StepPack {
    @Override
    public String name() {
        return "IdLE.Steps.DirectorySync";
    }

    @Override
    public List<StepMetadata> catalog() {
        return List.of(new StepMetadata(TriggerDirectorySyncStep.TYPE,
                CommonSteps.ids(Capability.DIRECTORY_SYNC_TRIGGER, Capability.DIRECTORY_SYNC_STATUS), List.of(),
                CommonSteps.with("ComputerName", "PolicyType", "Wait", "TimeoutSeconds", "PollIntervalSeconds"),
                TriggerDirectorySyncStep.DEFAULT_ALIAS));
    }

    @Override
    public List<Step> steps() {
        return List.of(new TriggerDirectorySyncStep());
    }
}
