package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.MailboxPermissionsEnsurer;
import dev.idle.spi.MailboxRules;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code IdLE.Step.Mailbox.EnsurePermissions}: grants or removes mailbox delegations. {@code With.Permissions} is a
 * list of {@code {AssignedUser, Right: FullAccess|SendAs|SendOnBehalf, Ensure: Present|Absent}} (a single map is
 * taken as a one-entry list; an empty list is a valid no-op). The step's event writer goes to the provider so it can
 * report what it evaluated and changed.
 */
public final class MailboxEnsurePermissionsStep implements Step {
    public static final String TYPE = "IdLE.Step.Mailbox.EnsurePermissions";
    private static final List<String> RIGHTS = MailboxRules.RIGHTS;
    static final List<String> ENSURE = List.of("Present", "Absent");
    private static final String LABEL = "Mailbox.Permissions.Ensure";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, LABEL, "IdentityKey");
        StepInputs.requireString(ctx, LABEL, "Permissions");
        List<DataMap> permissions = entries(ctx.with().get("Permissions"));
        MailboxCalls.rejectExecutable(permissions, "With.Permissions");
        return StepResult.of(MailboxCalls.invoke(ctx, MailboxPermissionsEnsurer.class,
                (p, session) -> p.ensureMailboxPermissions(identityKey, permissions, session, ctx.events())));
    }

    /** The validated entries, in the order written. */
    private static List<DataMap> entries(Object raw) {
        if (raw == null) {
            throw new IllegalArgumentException(LABEL + " requires With.Permissions to be an array.");
        }
        Collection<?> items = raw instanceof Collection<?> c ? c : List.of(raw);
        List<DataMap> result = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof DataMap entry)) {
                throw new IllegalArgumentException(LABEL + ": each Permissions entry must be a hashtable.");
            }
            for (String key : List.of("AssignedUser", "Right", "Ensure")) {
                if (!entry.containsKey(key)) {
                    throw new IllegalArgumentException(LABEL + ": each Permissions entry requires '" + key + "'.");
                }
            }
            requireOneOf("Right", entry.get("Right"), RIGHTS);
            requireOneOf("Ensure", entry.get("Ensure"), ENSURE);
            result.add(entry);
        }
        return result;
    }

    private static void requireOneOf(String key, Object value, List<String> allowed) {
        if (StepInputs.oneOf(Values.ps(value), allowed) == null) {
            throw new IllegalArgumentException(LABEL + ": " + key + " must be one of: " + String.join(", ", allowed)
                    + ". Got: " + Values.ps(value));
        }
    }
}
