package dev.idle.steps;

import dev.idle.api.data.DataMap;
import dev.idle.api.data.Values;
import dev.idle.spi.Identity;
import dev.idle.spi.IdentityNotFoundException;
import dev.idle.spi.IdentityReader;
import dev.idle.spi.Operation;
import dev.idle.spi.PreviewChange;
import dev.idle.spi.PreviewContext;
import dev.idle.spi.StepPreview;
import java.util.Locale;

/**
 * What the steps' previewers share: the alias and identity key as the handlers read them, one identity read, the
 * enabled-flag preview of Disable and Enable, and the value comparison providers use ({@code -eq}: text ignoring
 * case). A provider lacking a read is reported as {@code CannotRead} naming the method; failures are left to the
 * engine, which reports them the same way.
 */
final class StepPreviews {
    private StepPreviews() {
    }

    /** {@code With.Provider} when present, else {@code defaultAlias} (as {@code ProviderCalls.alias}). */
    static String alias(PreviewContext ctx, String defaultAlias) {
        DataMap with = ctx.with();
        return with.containsKey("Provider") ? Values.ps(with.get("Provider")) : defaultAlias;
    }

    /** {@code With.IdentityKey}; fails as the handler does when it is absent. */
    static String identityKey(PreviewContext ctx, String label) {
        return StepInputs.requireString(ctx.with(), label, "IdentityKey");
    }

    /** {@code CannotRead}: "&lt;what&gt;: cannot be read (provider 'X' does not implement M); &lt;then&gt;". */
    static StepPreview lacking(String what, String alias, Class<?> contract, String then) {
        return StepPreview.cannotRead(what + ": cannot be read (provider '" + alias + "' does not implement "
                + Operation.of(contract).method() + "); " + then);
    }

    /** The identity under the step's key, read with {@code GetIdentity}; null when the provider cannot read it. */
    static Identity identity(PreviewContext ctx, String alias, String identityKey) {
        if (!ctx.canRead(alias, IdentityReader.class)) {
            return null;
        }
        return ctx.read(alias, IdentityReader.class, (p, s) -> p.getIdentity(identityKey, s));
    }

    /** What {@link #identityOrAbsent} returns when the provider says the identity does not exist. */
    static final Identity ABSENT = new Identity("", false, null);

    /**
     * The identity under the step's key; {@link #ABSENT} when the provider says it does not exist
     * ({@link IdentityNotFoundException}); null when the provider cannot read it.
     */
    static Identity identityOrAbsent(PreviewContext ctx, String alias, String identityKey) {
        try {
            return identity(ctx, alias, identityKey);
        } catch (IdentityNotFoundException absent) {
            return ABSENT;
        }
    }

    /** Disable ({@code intended} false) and Enable (true): {@code enabled: true → false} or no change. */
    static StepPreview enabled(PreviewContext ctx, String label, boolean intended) {
        String alias = alias(ctx, CommonSteps.DEFAULT_ALIAS);
        Identity identity = identity(ctx, alias, identityKey(ctx, label));
        if (identity == null) {
            return lacking("enabled", alias, IdentityReader.class, "the step will set it to " + intended + ".");
        }
        return identity.enabled() == intended ? StepPreview.noChange()
                : StepPreview.of(PreviewChange.value("enabled", "enabled", identity.enabled(), intended));
    }

    /**
     * Whether a provider would see {@code current} as already {@code intended}: null equals only null, scalars
     * compare by their text ignoring case (PowerShell's {@code -eq}, as the mock and Entra ID compare), other values
     * by equality.
     */
    static boolean sameValue(Object current, Object intended) {
        if (current == null || intended == null) {
            return current == intended;
        }
        if (Values.isScalar(current) && Values.isScalar(intended)) {
            return Values.eqi(current, intended);
        }
        return current.equals(intended);
    }

    /** The attribute a kind of entitlement is shown under: {@code Group} → {@code groups}. */
    static String entitlementsAttribute(String kind) {
        String k = kind.trim();
        return k.substring(0, 1).toLowerCase(Locale.ROOT) + k.substring(1) + "s";
    }
}
