package dev.momo.detectors;

/**
 * An exponentially weighted mean with its independent bound condition, the summary that
 * {@link HddmW} keeps of a stretch of the stream. With weight lambda, {@code ewma = x} for the first
 * value and {@code ewma = lambda x + (1 - lambda) ewma} after it, and
 * {@code ibc = lambda^2 + (1 - lambda)^2 ibc} from {@code ibc = 1}, so that McDiarmid's bound on the
 * deviation of ewma is {@code sqrt(ibc ln(1/c) / 2)}.
 */
final class EwmaSample {

    private final double lambda;
    private final double lambdaSquared;
    private final double complementSquared;
    private boolean initialized;
    private double ewma;
    private double ibc;

    EwmaSample(final double lambda) {
        this.lambda = lambda;
        this.lambdaSquared = lambda * lambda;
        this.complementSquared = (1 - lambda) * (1 - lambda);
        clear();
    }

    void update(final double value) {
        ewma = initialized ? lambda * value + (1.0 - lambda) * ewma : value;
        initialized = true;
        ibc = lambdaSquared + complementSquared * ibc;
    }

    void clear() {
        initialized = false;
        ewma = 0.0;
        ibc = 1.0;
    }

    void copyFrom(final EwmaSample other) {
        initialized = other.initialized;
        ewma = other.ewma;
        ibc = other.ibc;
    }

    boolean initialized() {
        return initialized;
    }

    double ewma() {
        return ewma;
    }

    double ibc() {
        return ibc;
    }

    void write(final StateWriter writer) {
        writer.putBoolean(initialized);
        writer.putDouble(ewma);
        writer.putDouble(ibc);
    }

    void read(final StateReader reader, final String name) {
        initialized = reader.getBoolean(name + " initialized");
        ewma = reader.getDouble(name + " ewma");
        ibc = reader.getDouble(name + " ibc");
    }
}
