package dev.idle.api;

import dev.idle.spi.PreviewChange;
import dev.idle.spi.StepPreview;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What a plan would change, read from the backends before it runs ({@link Idle#preview}): one entry per primary
 * step in plan order (OnFailure steps are not previewed). It is a document of its own, with its own
 * {@link #SCHEMA_VERSION} and the time it was read, tied to its plan by {@link #planHash()}; it is never part of the
 * plan export or its hash, since the state it shows changes while the plan stays the same.
 *
 * <p>Values are already redacted: a secret-named attribute's values, values the plan knows to be secret and text
 * that looks like a credential are {@code [REDACTED]}. Immutable.
 *
 * @param previewedAt   when the backends were read
 * @param planHash      the {@code planHash} of the plan export the preview belongs to
 * @param correlationId the plan's correlation id (may be null)
 * @param steps         one per primary plan step, in plan order
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PlanPreview(Instant previewedAt, String planHash, String correlationId, String workflowName,
                          String lifecycleEvent, List<Step> steps) {
    /** The preview document's {@code schemaVersion}. */
    public static final String SCHEMA_VERSION = "1.0";
    /** The preview document's {@code kind}. */
    public static final String KIND = "IdLE.PlanPreview";

    public PlanPreview {
        Objects.requireNonNull(previewedAt, "previewedAt");
        steps = List.copyOf(steps);
    }

    /**
     * One step's preview.
     *
     * @param provider the alias the step resolves to, or null for a step that uses none
     */
    @API(status = EXPERIMENTAL, since = "0.1")
    public record Step(String name, String type, String provider, StepPreview preview) {
        public Step {
            Objects.requireNonNull(preview, "preview");
        }
    }

    /**
     * The preview document, pretty-printed JSON: {@code schemaVersion}, {@code kind}, {@code previewedAt},
     * {@code planHash}, {@code correlationId}, {@code workflow {name, lifecycleEvent}}, {@code steps} (docs/cli.md,
     * "The preview document").
     */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schemaVersion", SCHEMA_VERSION);
        doc.put("kind", KIND);
        doc.put("previewedAt", previewedAt.toString());
        doc.put("planHash", planHash);
        doc.put("correlationId", correlationId);
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", workflowName);
        workflow.put("lifecycleEvent", lifecycleEvent);
        doc.put("workflow", workflow);
        List<Object> out = new ArrayList<>();
        for (Step s : steps) {
            out.add(step(s));
        }
        doc.put("steps", out);
        return RuntimeLookup.runtime().prettyJson(doc);
    }

    /** Writes {@link #toJson()} to {@code file} atomically, as {@link Idle#exportPlan} writes a plan. */
    public void write(Path file) {
        AtomicFiles.write(file, toJson() + "\n");
    }

    private static Map<String, Object> step(Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("type", s.type());
        m.put("provider", s.provider());
        m.put("status", s.preview().status().name());
        List<Object> changes = new ArrayList<>();
        for (PreviewChange c : s.preview().changes()) {
            changes.add(change(c));
        }
        m.put("changes", changes);
        m.put("note", s.preview().note());
        return m;
    }

    private static Map<String, Object> change(PreviewChange c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("attribute", c.attribute());
        if (c.isSetChange()) {
            m.put("removed", c.removed());
            m.put("added", c.added());
        } else {
            m.put("current", c.current());
            m.put("intended", c.intended());
        }
        m.put("summary", c.summary());
        return m;
    }
}
