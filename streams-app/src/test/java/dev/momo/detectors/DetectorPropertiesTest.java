package dev.momo.detectors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the detectors on generated streams. Each property runs over cases drawn from a
 * {@link SplittableRandom} with a fixed seed, so a run is repeatable, and the streams come from a
 * {@link SplittableRandom} seeded by the case.
 */
class DetectorPropertiesTest {

    private static final int CHANGE = 1000;
    private static final int SETTLE = 200;
    private static final int UNSETTLED = Integer.MIN_VALUE;

    /**
     * ADWIN's false-positive guarantee (Bifet and Gavaldà, SIAM SDM 2007, Theorem 3.1): when the
     * stream is stationary, each check shrinks the window with probability at most delta, so the
     * expected number of false alarms over C checks is at most {@code delta C}. Each generated
     * stream must stay within that expectation (rounded up), which the detector, whose actual
     * false-alarm rate is far below the bound, meets with room to spare.
     */
    @ParameterizedTest
    @MethodSource("adwinStationaryCases")
    void adwinFalseAlarmsStayWithinDeltaBound(final long seed, final double errorRate, final double delta) {
        final AdwinParameters parameters = new AdwinParameters(delta, 32, 5, 5, 10, AdwinParameters.Flavor.RIVER);
        final Adwin adwin = parameters.newDetector();
        final SplittableRandom random = new SplittableRandom(seed);
        final int length = 20_000;
        int falseAlarms = 0;
        for (int i = 0; i < length; i++) {
            if (adwin.update(random.nextDouble() < errorRate ? 1.0 : 0.0) == DetectorState.DRIFT) {
                falseAlarms++;
            }
        }

        final double checks = (double) length / parameters.clock();
        assertThat(falseAlarms).as("false alarms of delta %s on Bernoulli(%s)", delta, errorRate)
                .isLessThanOrEqualTo((int) Math.ceil(delta * checks));
    }

    static Stream<Arguments> adwinStationaryCases() {
        final SplittableRandom cases = new SplittableRandom(20240607);
        final double[] deltas = {0.002, 0.01, 0.05};
        return IntStream.range(0, 40).mapToObj(i -> Arguments.of(cases.nextLong(), cases.nextDouble(),
                deltas[cases.nextInt(deltas.length)]));
    }

    /**
     * After a step of at least two standard deviations in the mean of a unit normal stream, each
     * numeric detector reports a drift within a bounded delay. A detector that raised a false alarm
     * in the {@value #SETTLE} values before the change is not judged on that stream, since its
     * reference then straddles the change. The bounds are about twice the largest delay measured
     * over 2000 seeded streams (ADWIN 23, Page-Hinkley 30, CUSUM 9, KSWIN 23 values).
     */
    @ParameterizedTest
    @MethodSource("stepCases")
    void numericDetectorsFindStepWithinBoundedDelay(final long seed, final double step, final boolean upward) {
        final Map<DetectorParameters, Integer> bounds = Map.of(
                AdwinParameters.defaults(), 50,
                PageHinkleyParameters.defaults(), 60,
                CusumParameters.defaults(), 20,
                KswinParameters.defaults(), 50);
        for (final Map.Entry<DetectorParameters, Integer> entry : bounds.entrySet()) {
            final SplittableRandom random = new SplittableRandom(seed);
            final double[] stream = new double[CHANGE + 500];
            for (int i = 0; i < stream.length; i++) {
                final double shift = upward ? step : -step;
                stream[i] = random.nextGaussian() + (i >= CHANGE ? shift : 0.0);
            }

            final int delay = delay(entry.getKey().newDetector(), stream);
            if (delay != UNSETTLED) {
                assertThat(delay).as("delay of %s", entry.getKey().kind()).isBetween(0, entry.getValue());
            }
        }
    }

    static Stream<Arguments> stepCases() {
        final SplittableRandom cases = new SplittableRandom(20240608);
        return IntStream.range(0, 30).mapToObj(i -> Arguments.of(cases.nextLong(), cases.nextDouble(2.0, 4.0),
                cases.nextBoolean()));
    }

    /**
     * After the error rate rises by at least 0.4, each error-rate detector reports a drift within a
     * bounded delay, under the same rule for false alarms just before the change. The bounds are
     * about twice the largest delay measured over 2000 seeded streams (DDM 439, EDDM 121, HDDM_A
     * 119, HDDM_W 64 values); DDM is the slowest because its minimum error rate keeps shrinking
     * with the length of the stable stretch.
     */
    @ParameterizedTest
    @MethodSource("riseCases")
    void errorRateDetectorsFindRiseWithinBoundedDelay(final long seed, final double before, final double rise) {
        final Map<DetectorParameters, Integer> bounds = Map.of(
                DdmParameters.defaults(), 900,
                EddmParameters.defaults(), 250,
                HddmAParameters.defaults(), 250,
                HddmWParameters.defaults(), 130);
        for (final Map.Entry<DetectorParameters, Integer> entry : bounds.entrySet()) {
            final SplittableRandom random = new SplittableRandom(seed);
            final double[] stream = new double[CHANGE + 1000];
            for (int i = 0; i < stream.length; i++) {
                stream[i] = random.nextDouble() < (i >= CHANGE ? before + rise : before) ? 1.0 : 0.0;
            }

            final int delay = delay(entry.getKey().newDetector(), stream);
            if (delay != UNSETTLED) {
                assertThat(delay).as("delay of %s", entry.getKey().kind()).isBetween(0, entry.getValue());
            }
        }
    }

    static Stream<Arguments> riseCases() {
        final SplittableRandom cases = new SplittableRandom(20240609);
        return IntStream.range(0, 30).mapToObj(i -> Arguments.of(cases.nextLong(), cases.nextDouble(0.05, 0.3),
                cases.nextDouble(0.4, 0.6)));
    }

    /**
     * Returns the values between the change and the first drift at or after it, -1 when none comes,
     * or {@link #UNSETTLED} when the detector reported a drift in the {@value #SETTLE} values before the change.
     */
    private static int delay(final ChangeDetector detector, final double[] stream) {
        for (int i = 0; i < stream.length; i++) {
            if (detector.update(stream[i]) != DetectorState.DRIFT) {
                continue;
            }
            if (i >= CHANGE) {
                return i - CHANGE;
            }
            if (i >= CHANGE - SETTLE) {
                return UNSETTLED;
            }
        }
        return -1;
    }

    /**
     * Encoding a detector at any point and continuing with the decoded copy changes nothing later:
     * the same states, the same estimates and, at the end, the same bytes.
     */
    @ParameterizedTest
    @MethodSource("cutCases")
    void encodeDecodeMidStreamChangesNothingLater(final DetectorKind kind, final long seed, final int cut) {
        final double[] stream = streamFor(kind, seed, 2000);
        final ChangeDetector original = ChangeDetectors.parameters(kind.externalName(), Map.of()).newDetector();
        for (int i = 0; i < cut; i++) {
            original.update(stream[i]);
        }
        final ChangeDetector restored = ChangeDetectors.decode(original.encode());

        for (int i = cut; i < stream.length; i++) {
            assertThat(restored.update(stream[i])).as("state at %d", i).isEqualTo(original.update(stream[i]));
            assertThat(restored.estimate()).as("estimate at %d", i).isEqualTo(original.estimate());
        }
        assertThat(restored.encode()).isEqualTo(original.encode());
    }

    static Stream<Arguments> cutCases() {
        final SplittableRandom cases = new SplittableRandom(20240610);
        final DetectorKind[] kinds = DetectorKind.values();
        return IntStream.range(0, 200).mapToObj(i -> Arguments.of(kinds[i % kinds.length], cases.nextLong(),
                cases.nextInt(0, 2001)));
    }

    /** Bits for the error-rate detectors, Gaussian values otherwise, with a change at a third and two thirds. */
    private static double[] streamFor(final DetectorKind kind, final long seed, final int length) {
        final SplittableRandom random = new SplittableRandom(seed);
        final boolean bits = kind == DetectorKind.DDM || kind == DetectorKind.EDDM || kind == DetectorKind.HDDM_A
                || kind == DetectorKind.HDDM_W;
        final double[] stream = new double[length];
        for (int i = 0; i < length; i++) {
            final boolean changed = i > length / 3 && i < 2 * length / 3;
            if (bits) {
                final double errorRate = changed ? 0.7 : 0.2;
                stream[i] = random.nextDouble() < errorRate ? 1.0 : 0.0;
            } else {
                stream[i] = random.nextGaussian() + (changed ? 3.0 : 0.0);
            }
        }
        return stream;
    }
}
