package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.api.event.EventTypes;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;

/** {@code IdLE.Step.EmitEvent}: writes a {@code Custom} event with {@code With.Message}; calls no provider. */
public final class EmitEventStep implements Step {
    public static final String TYPE = "IdLE.Step.EmitEvent";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String message = Values.ps(ctx.with().get("Message"));
        if (message.isBlank()) {
            message = "Custom event emitted by step '" + ctx.stepName() + "'.";
        }
        ctx.events().write(EventTypes.CUSTOM, message, DataMap.of("stepType", ctx.stepType()));
        return StepResult.changed(false);
    }
}
