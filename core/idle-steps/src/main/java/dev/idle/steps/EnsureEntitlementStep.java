package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.AuthSession;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.Operation;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.Step;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepPreviewer;
import dev.idle.spi.StepResult;
import java.util.List;
import java.util.Locale;

/**
 * {@code IdLE.Step.EnsureEntitlement}: makes one entitlement {@code Present} or {@code Absent} by listing the
 * identity's entitlements first and granting or revoking only when needed. Ids are compared as the provider lists
 * them (case-insensitive); use the provider's canonical id.
 */
public final class EnsureEntitlementStep implements Step, StepPreviewer {
    public static final String TYPE = "IdLE.Step.EnsureEntitlement";
    private static final String LABEL = "EnsureEntitlement";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public StepResult execute(StepContext ctx) {
        String identityKey = StepInputs.requireString(ctx, LABEL, "IdentityKey");
        boolean present = wantsPresent(ctx.with());
        Entitlement wanted = entitlement(ctx.with().get("Entitlement"));
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        ctx.provider(alias);
        AuthSession session = ProviderCalls.acquireIfNamed(ctx);
        EntitlementLister lister = requireMethod(ctx, alias, EntitlementLister.class);
        List<Entitlement> current = ProviderCalls.call(ctx, EntitlementLister.class, lister, session,
                (p, s) -> p.listEntitlements(identityKey, s));
        boolean assigned = holds(current, wanted);
        ProviderResult result;
        if (present && !assigned) {
            EntitlementGranter g = requireMethod(ctx, alias, EntitlementGranter.class);
            result = ProviderCalls.call(ctx, EntitlementGranter.class, g, session,
                    (p, s) -> p.grantEntitlement(identityKey, wanted, s));
        } else if (!present && assigned) {
            EntitlementRevoker r = requireMethod(ctx, alias, EntitlementRevoker.class);
            result = ProviderCalls.call(ctx, EntitlementRevoker.class, r, session,
                    (p, s) -> p.revokeEntitlement(identityKey, wanted, s));
        } else {
            return StepResult.changed(false);
        }
        // A provider that reports nothing after acting is taken to have changed something.
        return result == null ? StepResult.changed(true) : StepResult.of(result);
    }

    /**
     * Preview: {@code groups: +1 (id)} or {@code groups: −1 (id)} from {@code ListEntitlements}, as the step decides,
     * or no change when the entitlement is already present (absent).
     */
    @Override
    public StepPreview preview(PreviewContext ctx) {
        String identityKey = StepInputs.requireString(ctx.with(), LABEL, "IdentityKey");
        boolean present = wantsPresent(ctx.with());
        Entitlement wanted = entitlement(ctx.with().get("Entitlement"));
        String alias = StepPreviews.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        String attribute = StepPreviews.entitlementsAttribute(wanted.kind());
        if (!ctx.canRead(alias, EntitlementLister.class)) {
            return StepPreviews.lacking(attribute, alias, EntitlementLister.class, "the step will "
                    + (present ? "grant " : "revoke ") + wanted.id() + " if needed.");
        }
        boolean assigned = holds(ctx.read(alias, EntitlementLister.class,
                (p, s) -> p.listEntitlements(identityKey, s)), wanted);
        if (present == assigned) {
            return StepPreview.noChange();
        }
        List<String> one = List.of(wanted.id());
        return StepPreview.of(PreviewChange.members(attribute, attribute, present ? List.of() : one,
                present ? one : List.of()));
    }

    /** {@code With.State}: true for Present, false for Absent; fails as the handler always has for anything else. */
    private static boolean wantsPresent(DataMap with) {
        StepInputs.requireString(with, LABEL, "Entitlement");
        String state = StepInputs.requireString(with, LABEL, "State").trim().toLowerCase(Locale.ROOT);
        if (state.isEmpty()) {
            throw new IllegalArgumentException("EnsureEntitlement requires With.State to be 'Present' or 'Absent'.");
        }
        if (!state.equals("present") && !state.equals("absent")) {
            throw new IllegalArgumentException("EnsureEntitlement With.State must be 'Present' or 'Absent'.");
        }
        return state.equals("present");
    }

    private static boolean holds(List<Entitlement> current, Entitlement wanted) {
        return current != null && current.stream().anyMatch(e -> entitlement(e.toData()).sameAs(wanted));
    }

    private static <P> P requireMethod(StepContext ctx, String alias, Class<P> contract) {
        try {
            return ProviderCalls.require(ctx, alias, contract);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("Provider '" + alias + "' must implement method '"
                    + Operation.of(contract).method()
                    + "' for EnsureEntitlement.", e);
        }
    }

    /** {Kind, Id} from a map; extra keys such as DisplayName are ignored. */
    static Entitlement entitlement(Object raw) {
        if (!(raw instanceof DataMap m)) {
            throw new IllegalArgumentException("EnsureEntitlement requires With.Entitlement to be a hashtable with"
                    + " Kind and Id.");
        }
        String kind = Values.ps(m.get("Kind"));
        String id = Values.ps(m.get("Id"));
        if (kind.isBlank()) {
            throw new IllegalArgumentException("EnsureEntitlement requires Entitlement.Kind.");
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("EnsureEntitlement requires Entitlement.Id.");
        }
        return Entitlement.of(kind, id);
    }
}
