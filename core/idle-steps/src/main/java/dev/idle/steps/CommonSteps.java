package dev.idle.steps;

import static dev.idle.spi.StepMetadata.PROVIDER_KEYS;

import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.ArrayList;
import java.util.List;

/** {@code IdLE.Steps.Common}: identity lifecycle, attribute, entitlement, session and event steps. */
public final class CommonSteps implements StepPack {
    static final String DEFAULT_ALIAS = "Identity";

    @Override
    public String name() {
        return "IdLE.Steps.Common";
    }

    @Override
    public List<StepMetadata> catalog() {
        return List.of(
                new StepMetadata(EmitEventStep.TYPE, List.of(), List.of(), with("Message"), null),
                identity("IdLE.Step.CreateIdentity", List.of("IdLE.Identity.Create"), "IdentityKey", "Attributes"),
                identity(DisableIdentityStep.TYPE, List.of("IdLE.Identity.Disable"), "IdentityKey"),
                identity(EnableIdentityStep.TYPE, List.of("IdLE.Identity.Enable"), "IdentityKey"),
                identity(DeleteIdentityStep.TYPE, List.of("IdLE.Identity.Delete"), "IdentityKey"),
                identity("IdLE.Step.MoveIdentity", List.of("IdLE.Identity.Move"), "IdentityKey", "TargetContainer"),
                identity("IdLE.Step.EnsureAttributes", List.of("IdLE.Identity.Attribute.Ensure"), "IdentityKey",
                        "Attributes"),
                identity("IdLE.Step.EnsureEntitlement", List.of("IdLE.Entitlement.List", "IdLE.Entitlement.Grant",
                        "IdLE.Entitlement.Revoke"), "IdentityKey", "Entitlement", "State"),
                identity(RevokeIdentitySessionsStep.TYPE, List.of("IdLE.Identity.RevokeSessions"), "IdentityKey"),
                new StepMetadata(PruneEntitlementsStep.TYPE, List.of("IdLE.Entitlement.Prune",
                        "IdLE.Entitlement.List", "IdLE.Entitlement.Revoke"), List.of("IdentityKey", "Kind"),
                        with("Keep", "KeepPattern"), DEFAULT_ALIAS),
                new StepMetadata(PruneEntitlementsEnsureKeepStep.TYPE, List.of("IdLE.Entitlement.Prune",
                        "IdLE.Entitlement.List", "IdLE.Entitlement.Revoke", "IdLE.Entitlement.Grant"),
                        List.of("IdentityKey", "Kind"), with("Keep"), DEFAULT_ALIAS));
    }

    @Override
    public List<Step> steps() {
        return List.of(new EmitEventStep(), new CreateIdentityStep(), new DisableIdentityStep(),
                new EnableIdentityStep(), new DeleteIdentityStep(), new MoveIdentityStep(), new EnsureAttributesStep(), new EnsureEntitlementStep(),
                new RevokeIdentitySessionsStep(), new PruneEntitlementsStep(), new PruneEntitlementsEnsureKeepStep());
    }

    private static StepMetadata identity(String type, List<String> capabilities, String... required) {
        return new StepMetadata(type, capabilities, List.of(required), PROVIDER_KEYS, DEFAULT_ALIAS);
    }

    /** The provider trio plus extra optional keys. */
    static List<String> with(String... extra) {
        List<String> keys = new ArrayList<>(PROVIDER_KEYS);
        keys.addAll(List.of(extra));
        return keys;
    }
}
