package dev.idle.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

/**
 * One change a step would make, current → intended: a single value ({@link #value}: {@code enabled: true → false})
 * or a set of members ({@link #members}: {@code groups: −3 (A, B, C)}). {@link #summary()} is the line a reviewer
 * reads, built from the values, so a masked value ({@link #mapValues}) is masked in the summary too. Immutable.
 *
 * @param attribute the machine name of what changes ({@code enabled}, {@code groups}, {@code mailboxType})
 * @param label     how the summary names it ({@code mailbox type})
 * @param current   a value change's current value (may be null: not set); null for a set change
 * @param intended  a value change's intended value (may be null: cleared); null for a set change
 * @param removed   a set change's members to remove, sorted; null for a value change
 * @param added     a set change's members to add, sorted; null for a value change
 */
@API(status = EXPERIMENTAL, since = "0.1")
public record PreviewChange(String attribute, String label, Object current, Object intended, List<String> removed,
                            List<String> added) {
    /** How many member names a summary lists before it says how many more there are. */
    static final int NAMES_SHOWN = 10;

    public PreviewChange {
        Objects.requireNonNull(attribute, "attribute");
        label = label == null ? attribute : label;
        if ((removed == null) != (added == null)) {
            throw new IllegalArgumentException("A set change has both removed and added (either may be empty).");
        }
        removed = removed == null ? null : sorted(removed);
        added = added == null ? null : sorted(added);
    }

    /** A single value changes: {@code label: current → intended}. */
    public static PreviewChange value(String attribute, String label, Object current, Object intended) {
        return new PreviewChange(attribute, label, current, intended, null, null);
    }

    /** Members leave or join a set: {@code label: −2 (A, B), +1 (C)}. */
    public static PreviewChange members(String attribute, String label, Collection<String> removed,
                                        Collection<String> added) {
        return new PreviewChange(attribute, label, null, null, List.copyOf(removed), List.copyOf(added));
    }

    /** True for a set change ({@link #removed()}/{@link #added()}), false for a value change. */
    public boolean isSetChange() {
        return removed != null;
    }

    /** The reviewer's line: {@code enabled: true → false}, {@code groups: −3 (A, B, C)}. */
    public String summary() {
        if (!isSetChange()) {
            return label + ": " + show(current) + " → " + show(intended);
        }
        List<String> parts = new ArrayList<>();
        if (!removed.isEmpty()) {
            parts.add("−" + removed.size() + " (" + names(removed) + ")");
        }
        if (!added.isEmpty()) {
            parts.add("+" + added.size() + " (" + names(added) + ")");
        }
        return label + ": " + (parts.isEmpty() ? "no change" : String.join(", ", parts));
    }

    /** This change with every value and member passed through {@code f} (masking); the summary follows. */
    public PreviewChange mapValues(UnaryOperator<Object> f) {
        if (isSetChange()) {
            return new PreviewChange(attribute, label, null, null, removed.stream().map(m -> String.valueOf(f.apply(m)))
                    .toList(), added.stream().map(m -> String.valueOf(f.apply(m))).toList());
        }
        return new PreviewChange(attribute, label, f.apply(current), f.apply(intended), null, null);
    }

    private static String show(Object v) {
        if (v == null) {
            return "(not set)";
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return String.valueOf(v);
    }

    private static String names(List<String> members) {
        if (members.size() <= NAMES_SHOWN) {
            return String.join(", ", members);
        }
        return String.join(", ", members.subList(0, NAMES_SHOWN)) + ", … " + (members.size() - NAMES_SHOWN) + " more";
    }

    private static List<String> sorted(List<String> members) {
        List<String> copy = new ArrayList<>(members);
        copy.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        return List.copyOf(copy);
    }
}
