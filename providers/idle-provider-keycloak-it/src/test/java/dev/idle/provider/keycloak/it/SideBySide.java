package dev.idle.provider.keycloak.it;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Runs two contenders of {@link BatchThroughputBench} side by side: a warm-up of each, then {@code rounds} rounds in
 * which they take turns going first (so neither always meets a warmer JVM or a busier server), each run over
 * identities of its own, all made before the first run (so every run meets a directory of the same size).
 *
 * @param plain the baseline's runs, in order
 * @param idle  {@code idle batch}'s runs, in order
 * @param <R>   what one run reports
 */
record SideBySide<R>(List<R> plain, List<R> idle) {
    /** Makes {@code n} identities with one session each; returns their ids. */
    interface Identities {
        List<String> make(int n) throws Exception;
    }

    /** One contender's run over the given identities. */
    interface Contender<R> {
        R run(List<String> ids) throws Exception;
    }

    static <R> SideBySide<R> run(Identities identities, int n, int warmUp, int rounds, Contender<R> plain,
                                 Contender<R> idle) throws Exception {
        List<String> warmPlain = identities.make(warmUp);
        List<String> warmIdle = identities.make(warmUp);
        List<List<String>> sets = new ArrayList<>();
        for (int i = 0; i < 2 * rounds; i++) {
            sets.add(identities.make(n));
        }
        if (warmUp > 0) {
            plain.run(warmPlain);
            idle.run(warmIdle);
        }
        List<R> plainRuns = new ArrayList<>();
        List<R> idleRuns = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            if (r % 2 == 0) {
                plainRuns.add(plain.run(sets.get(2 * r)));
                idleRuns.add(idle.run(sets.get(2 * r + 1)));
            } else {
                idleRuns.add(idle.run(sets.get(2 * r + 1)));
                plainRuns.add(plain.run(sets.get(2 * r)));
            }
        }
        return new SideBySide<>(plainRuns, idleRuns);
    }

    R medianPlain(ToDoubleFunction<R> rate) {
        return median(plain, rate);
    }

    R medianIdle(ToDoubleFunction<R> rate) {
        return median(idle, rate);
    }

    /** The run with the median rate (the lower middle one of an even count). */
    private static <R> R median(List<R> runs, ToDoubleFunction<R> rate) {
        List<R> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(rate));
        return sorted.get((sorted.size() - 1) / 2);
    }
}
