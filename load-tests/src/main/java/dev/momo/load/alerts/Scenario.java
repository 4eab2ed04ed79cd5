package dev.momo.load.alerts;

import dev.momo.profile.ReferenceProfile;
import dev.momo.table.CsvTable;
import java.util.List;
import java.util.function.Supplier;

/**
 * One replay through Momo: how to build its reference profile and the rows to analyse, and the rows of
 * the analysed table where the data change.
 *
 * @param name short id, given to {@code --scenario}
 * @param description the data, in one line of the report
 * @param changePoints 0-based rows of the analysed table where a change starts, ascending; empty for a
 *     no-drift scenario, where every alert is false
 * @param loader reads the files and builds the profile; called once, when the scenario runs
 */
record Scenario(String name, String description, List<Integer> changePoints, Supplier<Replay> loader) {

    /** A reference profile and the table to analyse against it. */
    record Replay(ReferenceProfile profile, CsvTable analysis) {
    }

    Scenario {
        changePoints = List.copyOf(changePoints);
        for (int i = 0; i < changePoints.size(); i++) {
            if (changePoints.get(i) < 0 || i > 0 && changePoints.get(i) <= changePoints.get(i - 1)) {
                throw new IllegalArgumentException("change points of " + name + " must be >= 0 and ascending, got "
                        + changePoints);
            }
        }
    }
}
