package dev.idle.internal.plan;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/** Capability id normalisation: trimmed, the one deprecated alias mapped, sorted and unique case-insensitively. */
public final class Capabilities {
    static final String DEPRECATED_MAILBOX_READ = "IdLE.Mailbox.Read";
    static final String MAILBOX_INFO_READ = "IdLE.Mailbox.Info.Read";

    private Capabilities() {
    }

    public static List<String> normalise(Collection<String> ids) {
        TreeSet<String> out = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        if (ids != null) {
            for (String id : ids) {
                if (id == null || id.isBlank()) {
                    continue;
                }
                String t = id.trim();
                out.add(t.equalsIgnoreCase(DEPRECATED_MAILBOX_READ) ? MAILBOX_INFO_READ : t);
            }
        }
        return List.copyOf(out);
    }
}
