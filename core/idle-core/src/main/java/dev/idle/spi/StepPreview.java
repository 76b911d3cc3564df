package dev.idle.spi;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * What one step would change, as its {@link StepPreviewer} read it: a status, the changes (only for
 * {@link Status#Changes}) and a note for the reader (why it could not read, what it cannot count). Immutable.
 *
 * @param status  never null
 * @param changes never null; not empty exactly when the status is {@link Status#Changes}
 * @param note    null, or one sentence for the reviewer
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record StepPreview(Status status, List<PreviewChange> changes, String note) {
    /** How a step's preview came out; spelled in the preview document as the constants are. */
    @API(status = EXPERIMENTAL, since = "0.1")
    public enum Status {
        /** The backend differs from what the step intends: {@link #changes()} lists how. */
        Changes,
        /** The backend is already as the step intends: the run should report {@code changed: false}. */
        NoChange,
        /** The provider lacks the read operation, or the read failed; the note says which or why. */
        CannotRead,
        /** The step type has no preview. */
        NotPreviewed,
        /** The step's condition was not met at plan time; nothing was read. */
        NotApplicable
    }

    public StepPreview {
        Objects.requireNonNull(status, "status");
        changes = List.copyOf(changes);
        if ((status == Status.Changes) == changes.isEmpty()) {
            throw new IllegalArgumentException("A step preview has changes exactly when its status is Changes (status "
                    + status + ", " + changes.size() + " changes).");
        }
    }

    /** {@link Status#Changes} with {@code changes}, or {@link Status#NoChange} when there are none. */
    public static StepPreview of(List<PreviewChange> changes) {
        return changes.isEmpty() ? noChange() : new StepPreview(Status.Changes, changes, null);
    }

    /** {@link #of(List)} of one change. */
    public static StepPreview of(PreviewChange change) {
        return of(List.of(change));
    }

    public static StepPreview noChange() {
        return new StepPreview(Status.NoChange, List.of(), null);
    }

    /** @param note what could not be read and what the run will do anyway */
    public static StepPreview cannotRead(String note) {
        return new StepPreview(Status.CannotRead, List.of(), note);
    }

    public static StepPreview notPreviewed(String note) {
        return new StepPreview(Status.NotPreviewed, List.of(), note);
    }

    public static StepPreview notApplicable(String note) {
        return new StepPreview(Status.NotApplicable, List.of(), note);
    }

    /** This preview with its note replaced. */
    public StepPreview withNote(String newNote) {
        return new StepPreview(status, changes, newNote);
    }
}
