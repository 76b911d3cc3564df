package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.MailboxRules;
import dev.idle.spi.OutOfOfficeEnsurer;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;
import java.util.List;

/**
 * {@code IdLE.Step.Mailbox.EnsureOutOfOffice}: converges a mailbox's automatic replies to {@code With.Config}
 * ({@code Mode}, {@code Start}/{@code End} when Scheduled, {@code InternalMessage}, {@code ExternalMessage},
 * {@code ExternalAudience}, {@code MessageFormat}). The step validates the shape and hands the original map to the
 * provider, which decides whether anything drifted.
 */
public final class MailboxEnsureOutOfOfficeStep implements Step {
    public static final String TYPE = "IdLE.Step.Mailbox.EnsureOutOfOffice";
    private static final List<String> MODES = MailboxRules.MODES;
    static final List<String> FORMATS = List.of("Text", "Html");
    private static final String LABEL = "Mailbox.OutOfOffice.Ensure";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, LABEL, "IdentityKey");
        DataMap config = StepInputs.requireMap(ctx, LABEL, "Config");
        if (config.get("Mode") == null) {
            throw new IllegalArgumentException(LABEL + " requires With.Config.Mode (Disabled, Enabled, or Scheduled).");
        }
        String mode = StepInputs.oneOf(Values.ps(config.get("Mode")), MODES);
        if (mode == null) {
            throw new IllegalArgumentException(LABEL + " requires With.Config.Mode to be one of: "
                    + String.join(", ", MODES) + ". Got: " + Values.ps(config.get("Mode")));
        }
        if (mode.equals("Scheduled")) {
            for (String key : List.of("Start", "End")) {
                if (config.get(key) == null || Values.ps(config.get(key)).isBlank()) {
                    throw new IllegalArgumentException(LABEL + " with Mode 'Scheduled' requires With.Config." + key
                            + ".");
                }
            }
        }
        MailboxCalls.rejectExecutable(config, "With.Config");
        Object format = config.get("MessageFormat");
        if (format != null && StepInputs.oneOf(Values.ps(format), FORMATS) == null) {
            throw new IllegalArgumentException(LABEL + " requires With.Config.MessageFormat to be one of: "
                    + String.join(", ", FORMATS) + ". Got: " + Values.ps(format));
        }
        return StepResult.of(MailboxCalls.invoke(ctx, OutOfOfficeEnsurer.class,
                (p, session) -> p.ensureOutOfOffice(identityKey, config, session)));
    }
}
