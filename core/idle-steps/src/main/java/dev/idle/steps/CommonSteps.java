package dev.idle.steps;

import static dev.idle.spi.StepMetadata.PROVIDER_KEYS;

import dev.idle.spi.Capability;
import dev.idle.spi.Step;
import dev.idle.spi.StepMetadata;
import dev.idle.spi.StepPack;
import java.util.ArrayList;
import java.util.Arrays;
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
                identity(CreateIdentityStep.TYPE, ids(Capability.IDENTITY_CREATE), "IdentityKey", "Attributes"),
                identity(DisableIdentityStep.TYPE, ids(Capability.IDENTITY_DISABLE), "IdentityKey"),
                identity(EnableIdentityStep.TYPE, ids(Capability.IDENTITY_ENABLE), "IdentityKey"),
                identity(DeleteIdentityStep.TYPE, ids(Capability.IDENTITY_DELETE), "IdentityKey"),
                identity(MoveIdentityStep.TYPE, ids(Capability.IDENTITY_MOVE), "IdentityKey", "TargetContainer"),
                identity(EnsureAttributesStep.TYPE, ids(Capability.IDENTITY_ATTRIBUTE_ENSURE), "IdentityKey",
                        "Attributes"),
                identity(EnsureEntitlementStep.TYPE, ids(Capability.ENTITLEMENT_LIST, Capability.ENTITLEMENT_GRANT,
                        Capability.ENTITLEMENT_REVOKE), "IdentityKey", "Entitlement", "State"),
                identity(RevokeIdentitySessionsStep.TYPE, ids(Capability.IDENTITY_REVOKE_SESSIONS), "IdentityKey"),
                new StepMetadata(PruneEntitlementsStep.TYPE, ids(Capability.ENTITLEMENT_PRUNE,
                        Capability.ENTITLEMENT_LIST, Capability.ENTITLEMENT_REVOKE), List.of("IdentityKey", "Kind"),
                        with("Keep", "KeepPattern"), DEFAULT_ALIAS),
                new StepMetadata(PruneEntitlementsEnsureKeepStep.TYPE, ids(Capability.ENTITLEMENT_PRUNE,
                        Capability.ENTITLEMENT_LIST, Capability.ENTITLEMENT_REVOKE, Capability.ENTITLEMENT_GRANT),
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

    /** The ids of {@code capabilities}, for {@link StepMetadata#requiredCapabilities()}. */
    static List<String> ids(Capability... capabilities) {
        return Arrays.stream(capabilities).map(Capability::id).toList();
    }

    /** The provider trio plus extra optional keys. */
    static List<String> with(String... extra) {
        List<String> keys = new ArrayList<>(PROVIDER_KEYS);
        keys.addAll(List.of(extra));
        return keys;
    }
}
