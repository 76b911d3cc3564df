package dev.idle.fuzz;

import dev.idle.api.Idle;
import dev.idle.api.LifecycleRequest;
import dev.idle.api.data.DataMap;
import dev.idle.testing.TestPacks;
import java.util.ArrayList;
import java.util.List;

/** The engine, workflow and request the condition, template and plan-import properties share. */
public final class Workflows {
    /** The name plan problems are reported under. */
    public static final String SOURCE = "fuzz.psd1";

    /** An engine with the test pack: {@code Test.Emit} (optional Message) and the permissive {@code Test.Any}. */
    public static final Idle IDLE = Idle.withStepPacks(List.of(TestPacks.PACK));

    private Workflows() {
    }

    /** A Joiner workflow of these steps. */
    public static DataMap workflow(DataMap... steps) {
        return DataMap.of("Name", "Fuzz", "LifecycleEvent", "Joiner", "Steps", new ArrayList<>(List.of(steps)));
    }

    /** A {@code Test.Emit} step; {@code more} adds keys (Condition, With, ...). */
    public static DataMap emit(String name, Object... more) {
        DataMap s = DataMap.of("Name", name, "Type", "Test.Emit");
        s.putAll(DataMap.of(more));
        return s;
    }

    /** A request whose intent has text, a list, a map and a long value for conditions and templates to read. */
    public static LifecycleRequest request() {
        return LifecycleRequest.create("Joiner", "corr-1", "fuzz", DataMap.of("Id", "jdoe"),
                DataMap.of("Dept", "IT", "Name", "Jane [Doe]*?", "List", new ArrayList<>(List.of("a", "b", 3L)),
                        "Map", DataMap.of("A", "1", "B", DataMap.of("C", "deep")), "Empty", "",
                        "Long", "ab".repeat(40_000)),
                null);
    }
}
