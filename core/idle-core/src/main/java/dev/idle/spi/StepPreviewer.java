package dev.idle.spi;

import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * Optional for a {@link Step} handler: says what the step would change, computed from the backend's current state
 * with read-only calls, for the plan preview ({@code Idle.preview}, {@code idle plan --preview}). A handler that does
 * not implement it is shown as {@link StepPreview.Status#NotPreviewed}.
 *
 * <p>The context hands out only read operations ({@link PreviewContext#read}); nothing a previewer does can change
 * the backend. A previewer may throw: the engine shows the step as {@link StepPreview.Status#CannotRead} with the
 * (masked) message, and previews the other steps. Previewers run one step at a time and must be thread-safe like
 * the handler itself.
 *
 * <pre>{@code
 * public StepPreview preview(PreviewContext ctx) {
 *     String key = ctx.with().getString("IdentityKey");
 *     Identity identity = ctx.read("Identity", IdentityReader.class, (p, s) -> p.getIdentity(key, s));
 *     return identity.enabled()
 *             ? StepPreview.of(PreviewChange.value("enabled", "enabled", true, false))
 *             : StepPreview.noChange();
 * }
 * }</pre>
 */
@API(status = EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface StepPreviewer {
    /** What the step would change; never null. */
    StepPreview preview(PreviewContext context);
}
