package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.ExecutableValue;
import dev.idle.api.data.Values;
import dev.idle.api.data.Wildcard;
import dev.idle.api.event.EventTypes;
import dev.idle.spi.AuthSession;
import dev.idle.spi.BulkEntitlementGranter;
import dev.idle.spi.BulkEntitlementRevoker;
import dev.idle.spi.BulkResult;
import dev.idle.spi.Entitlement;
import dev.idle.spi.EntitlementGranter;
import dev.idle.spi.EntitlementLister;
import dev.idle.spi.EntitlementResolver;
import dev.idle.spi.EntitlementRevoker;
import dev.idle.spi.EventWriter;
import dev.idle.spi.Operation;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.Provider;
import dev.idle.spi.ProviderCalls;
import dev.idle.spi.ProviderException;
import dev.idle.spi.ProviderResult;
import dev.idle.spi.StepContext;
import dev.idle.spi.StepPreview;
import dev.idle.spi.StepResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The logic shared by {@code PruneEntitlements} and {@code PruneEntitlementsEnsureKeep}: revoke every entitlement of
 * one kind that is neither kept explicitly ({@code Keep}) nor matched by a pattern ({@code KeepPattern}), optionally
 * granting missing explicit keep entries afterwards. All messages say {@code PruneEntitlements}, as upstream's do.
 *
 * <p>Failure handling: a revoke that the provider refuses for good (a protected entitlement, access denied) is
 * reported under {@code Skipped} with a {@code Warning} event and the step goes on; a <em>transient</em> revoke
 * failure fails the step so that the engine retries it (upstream swallows those too). Granting a keep entry one by
 * one is not caught: a failure fails the step.
 */
final class EntitlementPruner {
    static final String LABEL = "PruneEntitlements";

    private EntitlementPruner() {
    }

    /** The validated {@code With}; keep entries have their Kind defaulted to the step's Kind. */
    private record Inputs(String identityKey, String kind, List<Entitlement> keep, List<String> patterns) {
    }

    static StepResult run(StepContext ctx, boolean ensureKeep) {
        Inputs in = inputs(ctx.with());
        String alias = ProviderCalls.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        Provider provider = ctx.provider(alias);
        AuthSession session = ProviderCalls.acquireIfNamed(ctx);
        EntitlementLister lister = requireMethod(ctx, alias, EntitlementLister.class);
        EntitlementRevoker revoker = requireMethod(ctx, alias, EntitlementRevoker.class);
        EntitlementGranter granter = ensureKeep
                ? requireMethod(ctx, alias, EntitlementGranter.class) : null;

        List<Entitlement> keep = !(provider instanceof EntitlementResolver resolver) ? in.keep()
                : resolveKeep(in, alias, item -> ProviderCalls.call(ctx, EntitlementResolver.class, resolver, session,
                        (p, s) -> p.resolveEntitlement(in.kind(), item, s)));
        List<Entitlement> current = ofKind(ProviderCalls.call(ctx, EntitlementLister.class, lister, session,
                (p, s) -> p.listEntitlements(in.identityKey(), s, in.kind())), in.kind());
        List<Entitlement> kept = new ArrayList<>();
        List<Entitlement> remove = new ArrayList<>();
        for (Entitlement e : current) {
            (isKept(e, keep, in.patterns()) ? kept : remove).add(e);
        }
        EventWriter events = ctx.events();
        emit(events, EventTypes.INFORMATION, LABEL + ": plan - keep=" + kept.size() + ", remove=" + remove.size(),
                DataMap.of("kind", in.kind(), "keepCount", kept.size(), "pruneCount", remove.size()));

        List<Object> skipped = new ArrayList<>();
        boolean changed = provider instanceof BulkEntitlementRevoker bulk && !remove.isEmpty()
                ? bulkRevoke(ctx, bulk, in, remove, session, skipped)
                : revokeEach(ctx, revoker, in, remove, session, skipped);

        if (ensureKeep && !keep.isEmpty()) {
            List<Entitlement> toEnsure = missing(keep, current);
            boolean granted = provider instanceof BulkEntitlementGranter bulk && !toEnsure.isEmpty()
                    ? bulkGrant(ctx, bulk, in, toEnsure, session, skipped)
                    : grantEach(ctx, granter, in, toEnsure, session);
            changed |= granted;
        }
        return new StepResult(changed, DataMap.of("Skipped", skipped));
    }

    /**
     * The preview of both prune steps, read as {@link #run} reads (keep entries resolved when the provider can,
     * then {@code ListEntitlements} of the kind): {@code groups: −3 (A, B, C)} for what is neither kept nor matched,
     * and with {@code ensureKeep} {@code +N} for keep entries not held. A protected entitlement the provider will
     * refuse still shows as removed; the run reports it under {@code Skipped}.
     */
    static StepPreview preview(PreviewContext ctx, boolean ensureKeep) {
        Inputs in = inputs(ctx.with());
        String alias = StepPreviews.alias(ctx, CommonSteps.DEFAULT_ALIAS);
        String attribute = StepPreviews.entitlementsAttribute(in.kind());
        if (!ctx.canRead(alias, EntitlementLister.class)) {
            return StepPreviews.lacking(attribute, alias, EntitlementLister.class, "the step will revoke every "
                    + in.kind() + " not kept.");
        }
        List<Entitlement> keep = !ctx.canRead(alias, EntitlementResolver.class) ? in.keep()
                : resolveKeep(in, alias, item -> ctx.read(alias, EntitlementResolver.class,
                        (p, s) -> p.resolveEntitlement(in.kind(), item, s)));
        List<Entitlement> current = ofKind(ctx.read(alias, EntitlementLister.class,
                (p, s) -> p.listEntitlements(in.identityKey(), s, in.kind())), in.kind());
        List<String> removed = current.stream().filter(e -> !isKept(e, keep, in.patterns()))
                .map(EntitlementPruner::idOf).toList();
        List<String> added = ensureKeep ? missing(keep, current).stream().map(Entitlement::id).toList() : List.of();
        return removed.isEmpty() && added.isEmpty() ? StepPreview.noChange()
                : StepPreview.of(PreviewChange.members(attribute, attribute, removed, added));
    }

    /** The explicit keep entries the identity does not hold. */
    private static List<Entitlement> missing(List<Entitlement> keep, List<Entitlement> current) {
        return keep.stream().filter(k -> current.stream().noneMatch(c -> idOf(c).equalsIgnoreCase(k.id()))).toList();
    }

    // ---- inputs ----------------------------------------------------------------------------------------------

    private static Inputs inputs(DataMap with) {
        String identityKey = StepInputs.requireString(with, LABEL, "IdentityKey");
        String kind = StepInputs.requireString(with, LABEL, "Kind");
        if (identityKey.isBlank()) {
            throw new IllegalArgumentException(LABEL + " requires With.IdentityKey to be non-empty.");
        }
        if (kind.isBlank()) {
            throw new IllegalArgumentException(LABEL + " requires With.Kind to be non-empty.");
        }
        List<Entitlement> keep = new ArrayList<>();
        for (Object item : items(with.get("Keep"))) {
            if (item == null) {
                continue;
            }
            if (Values.findExecutable(item, "Keep") != null) {
                throw new IllegalArgumentException(LABEL + ": Keep entries must not contain ScriptBlocks.");
            }
            DataMap m = item instanceof DataMap d ? d : new DataMap();
            String id = Values.ps(m.get("Id"));
            if (id.isBlank()) {
                throw new IllegalArgumentException(LABEL + ": each Keep entry requires an Id.");
            }
            String itemKind = Values.ps(m.get("Kind"));
            keep.add(Entitlement.of(itemKind.isBlank() ? kind : itemKind, id));
        }
        List<String> patterns = new ArrayList<>();
        for (Object item : items(with.get("KeepPattern"))) {
            if (item instanceof ExecutableValue) {
                throw new IllegalArgumentException(LABEL + ": KeepPattern entries must be strings, not ScriptBlocks.");
            }
            String pattern = Values.ps(item);
            if (pattern.isBlank()) {
                throw new IllegalArgumentException(LABEL + ": KeepPattern entries must not be empty.");
            }
            try {
                Wildcard.validate(pattern);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(LABEL + ": KeepPattern entry is not valid. " + e.getMessage(), e);
            }
            patterns.add(pattern);
        }
        return new Inputs(identityKey, kind, keep, patterns);
    }

    /** null → none; a list → its elements; anything else (a single map or string) → one element. */
    private static Collection<?> items(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof Collection<?> c) {
            return c;
        }
        return List.of(value);
    }

    // ---- provider calls --------------------------------------------------------------------------------------

    private static <P> P requireMethod(StepContext ctx, String alias, Class<P> contract) {
        try {
            return ProviderCalls.require(ctx, alias, contract);
        } catch (UnsupportedOperationException e) {
            throw new UnsupportedOperationException("Provider '" + alias + "' must implement method '"
                    + Operation.of(contract).method()
                    + "' for " + LABEL + ".", e);
        }
    }

    /** Keep entries in the provider's canonical form, each through {@code resolve} (the provider's resolver). */
    private static List<Entitlement> resolveKeep(Inputs in, String alias, UnaryOperator<Entitlement> resolve) {
        List<Entitlement> resolved = new ArrayList<>();
        for (Entitlement item : in.keep()) {
            Entitlement r = resolve.apply(item);
            if (r == null || r.id() == null || r.id().isBlank()) {
                throw new IllegalStateException(LABEL + ": provider '" + alias + "' could not resolve Keep entry '"
                        + item.id() + "'.");
            }
            resolved.add(r.kind() == null || r.kind().isBlank() ? Entitlement.of(item.kind(), r.id()) : r);
        }
        return resolved;
    }

    /** The entitlements of {@code kind} among those the provider listed. */
    private static List<Entitlement> ofKind(List<Entitlement> listed, String kind) {
        List<Entitlement> current = new ArrayList<>();
        if (listed != null) {
            for (Entitlement e : listed) {
                if (e != null && e.kind() != null && e.kind().equalsIgnoreCase(kind)) {
                    current.add(e);
                }
            }
        }
        return current;
    }

    private static boolean isKept(Entitlement e, List<Entitlement> keep, List<String> patterns) {
        String id = idOf(e);
        return keep.stream().anyMatch(k -> k.id().equalsIgnoreCase(id))
                || patterns.stream().anyMatch(p -> Wildcard.matches(id, p));
    }

    private static String idOf(Entitlement e) {
        return e.id() == null ? "" : e.id();
    }

    // ---- revoke phase ----------------------------------------------------------------------------------------

    private static boolean bulkRevoke(StepContext ctx, BulkEntitlementRevoker bulk, Inputs in,
                                      List<Entitlement> remove, AuthSession session, List<Object> skipped) {
        List<BulkResult> results = ProviderCalls.call(ctx, BulkEntitlementRevoker.class, bulk,
                session, (p, s) -> p.bulkRevokeEntitlements(in.identityKey(), List.copyOf(remove), s));
        boolean changed = false;
        for (BulkResult r : results == null ? List.<BulkResult>of() : results) {
            String id = r.entitlement() == null ? "" : Values.ps(r.entitlement().id());
            if (r.error() != null && !r.error().isEmpty()) {
                skip(ctx, in, skipped, id, r.error(), "skipped non-removable entitlement");
            } else {
                changed |= r.changed();
                revoked(ctx, in, id);
            }
        }
        return changed;
    }

    private static boolean revokeEach(StepContext ctx, EntitlementRevoker revoker, Inputs in,
                                      List<Entitlement> remove, AuthSession session, List<Object> skipped) {
        boolean changed = false;
        for (Entitlement e : remove) {
            ProviderResult result;
            try {
                result = ProviderCalls.call(ctx, EntitlementRevoker.class, revoker, session,
                        (p, s) -> p.revokeEntitlement(in.identityKey(), e, s));
            } catch (RuntimeException ex) {
                if (ProviderException.isTransient(ex)) {
                    throw ex; // the engine re-runs the whole step; what was revoked stays revoked
                }
                skip(ctx, in, skipped, idOf(e), String.valueOf(ex.getMessage()), "skipped non-removable entitlement");
                continue;
            }
            changed |= ProviderCalls.changed(result);
            revoked(ctx, in, idOf(e));
        }
        return changed;
    }

    private static void revoked(StepContext ctx, Inputs in, String id) {
        emit(ctx.events(), EventTypes.INFORMATION, LABEL + ": revoked entitlement '" + id + "'",
                DataMap.of("kind", in.kind(), "entitlementId", id));
    }

    private static void skip(StepContext ctx, Inputs in, List<Object> skipped, String id, String reason,
                             String what) {
        skipped.add(DataMap.of("EntitlementId", id, "Reason", reason));
        emit(ctx.events(), EventTypes.WARNING, LABEL + ": " + what + " '" + id + "': " + reason,
                DataMap.of("kind", in.kind(), "entitlementId", id, "reason", reason));
    }

    // ---- ensure-keep phase -----------------------------------------------------------------------------------

    private static boolean bulkGrant(StepContext ctx, BulkEntitlementGranter bulk, Inputs in,
                                     List<Entitlement> toEnsure, AuthSession session, List<Object> skipped) {
        List<BulkResult> results = ProviderCalls.call(ctx, BulkEntitlementGranter.class, bulk,
                session, (p, s) -> p.bulkGrantEntitlements(in.identityKey(), List.copyOf(toEnsure), s));
        boolean changed = false;
        for (BulkResult r : results == null ? List.<BulkResult>of() : results) {
            String id = r.entitlement() == null ? "" : Values.ps(r.entitlement().id());
            if (r.error() != null && !r.error().isEmpty()) {
                skip(ctx, in, skipped, id, r.error(), "failed to grant keep entitlement");
            } else {
                changed |= r.changed();
                granted(ctx, in, id);
            }
        }
        return changed;
    }

    private static boolean grantEach(StepContext ctx, EntitlementGranter granter, Inputs in,
                                     List<Entitlement> toEnsure, AuthSession session) {
        boolean changed = false;
        for (Entitlement k : toEnsure) {
            ProviderResult result = ProviderCalls.call(ctx, EntitlementGranter.class, granter, session,
                    (p, s) -> p.grantEntitlement(in.identityKey(), k, s));
            // A provider that reports nothing after granting is taken to have granted.
            changed |= result == null || result.changed();
            granted(ctx, in, k.id());
        }
        return changed;
    }

    private static void granted(StepContext ctx, Inputs in, String id) {
        emit(ctx.events(), EventTypes.INFORMATION, LABEL + ": granted keep entitlement '" + id + "'",
                DataMap.of("kind", in.kind(), "entitlementId", id));
    }

    private static void emit(EventWriter events, String type, String message, DataMap data) {
        if (events != null) {
            events.write(type, message, data);
        }
    }
}
