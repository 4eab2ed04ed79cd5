package dev.momo.load.alerts;

import dev.momo.schema.AlertState;
import dev.momo.schema.DriftAlert;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Alert quality of one scenario, from its alert signals ({@link AlertSignals}) and its change points.
 *
 * <ul>
 *   <li>A change point {@code c}, followed by the next change point {@code c'} or by the end of the
 *       table, is found when a signal falls in {@code [c, c')}; its delay is the first such position
 *       minus {@code c}, in rows (events).</li>
 *   <li>A false alert is a signal before the first change point, or any signal of a scenario without
 *       change points.</li>
 * </ul>
 *
 * @param scenario the scenario
 * @param rows rows analysed
 * @param alertsOpened OPENED alert records of every kind
 * @param signals every alert signal, by position
 * @param falseAlerts the signals that count as false alerts
 * @param changes one outcome per change point
 */
record ScenarioScore(Scenario scenario, long rows, int alertsOpened, List<AlertSignal> signals,
                     List<AlertSignal> falseAlerts, List<ChangeOutcome> changes) {

    /**
     * Outcome of one change point.
     *
     * @param changePoint first row of the change
     * @param end first row after the interval searched: the next change point or the row count
     * @param firstSignals the signals at the first position in {@code [changePoint, end)}, empty when
     *     the change was missed
     */
    record ChangeOutcome(long changePoint, long end, List<AlertSignal> firstSignals) {

        boolean found() {
            return !firstSignals.isEmpty();
        }

        /** Returns the delay in rows; only for a found change. */
        long delay() {
            if (!found()) {
                throw new IllegalStateException("change at row " + changePoint + " was missed and has no delay");
            }
            return firstSignals.get(0).position() - changePoint;
        }
    }

    /** Scores the signals of an analysis of {@code rows} rows against the scenario's change points. */
    static ScenarioScore of(final Scenario scenario, final long rows, final List<DriftAlert> alerts,
                            final List<AlertSignal> signals) {
        final List<Integer> points = scenario.changePoints();
        final long firstChange = points.isEmpty() ? Long.MAX_VALUE : points.get(0);
        final List<AlertSignal> falseAlerts = signals.stream().filter(s -> s.position() < firstChange).toList();

        final List<ChangeOutcome> changes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            final long start = points.get(i);
            final long end = i + 1 < points.size() ? points.get(i + 1) : rows;
            final List<AlertSignal> inside = signals.stream()
                    .filter(s -> s.position() >= start && s.position() < end).toList();
            final List<AlertSignal> first = inside.isEmpty() ? List.of()
                    : inside.stream().filter(s -> s.position() == inside.get(0).position()).toList();
            changes.add(new ChangeOutcome(start, end, first));
        }
        final int opened = (int) alerts.stream().filter(a -> a.getState() == AlertState.OPENED).count();
        return new ScenarioScore(scenario, rows, opened, List.copyOf(signals), falseAlerts, List.copyOf(changes));
    }

    int found() {
        return (int) changes.stream().filter(ChangeOutcome::found).count();
    }

    int missed() {
        return changes.size() - found();
    }

    /** Returns the median delay of the found changes (the mean of the middle two for an even count). */
    OptionalDouble medianDelay() {
        final long[] delays = changes.stream().filter(ChangeOutcome::found).mapToLong(ChangeOutcome::delay).sorted()
                .toArray();
        if (delays.length == 0) {
            return OptionalDouble.empty();
        }
        final int middle = delays.length / 2;
        return OptionalDouble.of(delays.length % 2 == 1 ? delays[middle] : (delays[middle - 1] + delays[middle]) / 2.0);
    }

    /** Returns the delays of the found changes, in change-point order. */
    long[] delays() {
        return changes.stream().filter(ChangeOutcome::found).mapToLong(ChangeOutcome::delay).toArray();
    }

    @Override
    public String toString() {
        return scenario.name() + ": " + signals.size() + " signals, " + falseAlerts.size() + " false, found "
                + found() + " of " + changes.size() + ", delays " + Arrays.toString(delays());
    }
}
