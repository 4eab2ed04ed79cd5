package dev.momo.load.detectors;

import dev.momo.detectors.ChangeDetector;
import dev.momo.detectors.ChangeDetectors;
import dev.momo.detectors.DetectorKind;
import dev.momo.detectors.DetectorParameters;
import dev.momo.detectors.DetectorState;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Updates per second of each change detector, with its default parameters, on one thread: each
 * invocation builds a fresh detector and feeds it the same 10 million stationary values
 * ({@link DetectorStreams}), so the score is values per second. Run it with
 * {@code load-tests/run-detectors}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
@Warmup(iterations = 2)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class DetectorThroughput {

    @Param({"adwin", "page-hinkley", "cusum", "kswin", "ddm", "eddm", "hddm-a", "hddm-w"})
    public String detector;

    private DetectorParameters parameters;
    private double[] stream;

    @Setup
    public void setUp() {
        final DetectorKind kind = DetectorKind.fromName(detector);
        parameters = ChangeDetectors.parameters(detector, kind == DetectorKind.KSWIN ? Map.of("seed", "42") : Map.of());
        stream = DetectorStreams.stationary(kind, DetectorStreams.LENGTH);
    }

    /** Returns the number of drifts, so that the JIT cannot drop the updates. */
    @Benchmark
    @OperationsPerInvocation(DetectorStreams.LENGTH)
    public int updateTenMillionValues() {
        final ChangeDetector changeDetector = parameters.newDetector();
        int drifts = 0;
        for (final double value : stream) {
            if (changeDetector.update(value) == DetectorState.DRIFT) {
                drifts++;
            }
        }
        return drifts;
    }
}
