package dev.momo.cli;

import dev.momo.drift.Statistic;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads a {@code --statistics} list: distance and test ids, each once. */
final class StatisticNames {

    private StatisticNames() {
    }

    static List<String> parse(final List<String> names, final String option) {
        final List<String> ids = new ArrayList<>();
        for (final String raw : names) {
            final String name = raw.trim();
            final Statistic statistic;
            try {
                statistic = Statistic.fromId(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(option + ": unknown statistic '" + name + "'; valid statistics are "
                        + Arrays.stream(Statistic.values()).filter(s -> s.family() != Statistic.Family.QUALITY)
                                .map(Statistic::id).toList(), e);
            }
            if (statistic.family() == Statistic.Family.QUALITY) {
                throw new IllegalArgumentException(option + ": '" + name + "' is a data-quality check, which always"
                        + " runs; list only distances and tests");
            }
            if (!ids.contains(name)) {
                ids.add(name);
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(option + " is empty; name at least one statistic");
        }
        return ids;
    }
}
