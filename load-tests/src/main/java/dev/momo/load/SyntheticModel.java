package dev.momo.load;

import dev.momo.schema.InferenceEvent;
import dev.momo.table.CsvTable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic binary classifier with 20 numeric and 5 categorical features, for the benchmark. Live
 * events and reference rows come from the same stationary population, so every drift the checks
 * report is a false alarm.
 *
 * <p>The numeric features cycle through five shapes (normal, log-normal, uniform, a count stored as
 * a long, exponential); the categorical ones have 3, 4, 6, 10 and 25 levels with Zipf-like
 * frequencies. The probability is a logistic score over six of the features, rounded to 4 decimals,
 * and the prediction is the class "1" when it is at least 0.5, else "0".
 */
final class SyntheticModel {

    static final String MODEL_ID = "bench-classifier";
    static final String MODEL_VERSION = "1";
    static final String PREDICTION = "prediction";
    static final String PROBABILITY = "probability";
    static final List<String> NUMERIC = names("num_", 20);
    static final List<String> CATEGORICAL = names("cat_", 5);

    private static final int[] CATEGORY_LEVELS = {3, 4, 6, 10, 25};
    private static final double[][] CATEGORY_WEIGHTS = zipfWeights(CATEGORY_LEVELS);

    /** One prediction: feature values by name, the predicted class and its probability. */
    record Prediction(Map<String, Object> features, String predictedClass, double probability) {
    }

    private SyntheticModel() {
    }

    /** Draws one prediction from the population. */
    static Prediction draw(final SplittableRandom random) {
        final Map<String, Object> features = new LinkedHashMap<>();
        double score = -0.3;
        for (int i = 0; i < NUMERIC.size(); i++) {
            final double standard = gaussian(random);
            final Object value = switch (i % 5) {
                case 0 -> round(50 + 10 * (i + 1) * standard, 2);
                case 1 -> round(Math.exp(3 + 0.5 * standard), 2);
                case 2 -> round(random.nextDouble() * (i + 1), 3);
                case 3 -> (long) Math.max(0, Math.floor(4 + 2 * standard));
                default -> round(-Math.log(1 - random.nextDouble()) * 10, 3);
            };
            features.put(NUMERIC.get(i), value);
            if (i < 6) {
                score += (i % 2 == 0 ? 0.6 : -0.4) * standard;
            }
        }
        for (int i = 0; i < CATEGORICAL.size(); i++) {
            final int level = pick(random, CATEGORY_WEIGHTS[i]);
            features.put(CATEGORICAL.get(i), "v" + level);
            if (i == 0) {
                score += 0.5 * level;
            }
        }
        final double probability = round(1 / (1 + Math.exp(-score)), 4);
        return new Prediction(features, probability >= 0.5 ? "1" : "0", probability);
    }

    /** Builds the inference event of the {@code index}-th prediction, with id {@code evt-INDEX}. */
    static InferenceEvent event(final long index, final Prediction prediction, final long eventTimeMillis) {
        return InferenceEvent.newBuilder()
                .setEventId("evt-" + index)
                .setModelId(MODEL_ID)
                .setModelVersion(MODEL_VERSION)
                .setEventTime(Instant.ofEpochMilli(eventTimeMillis))
                .setFeatures(prediction.features())
                .setPrediction(prediction.predictedClass())
                .setProbabilities(Map.of(PROBABILITY, prediction.probability()))
                .setSegments(Map.of())
                .build();
    }

    /** Draws {@code rows} predictions and returns them as a table: one column per feature, then prediction and probability. */
    static CsvTable referenceTable(final int rows, final long seed) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> header = new ArrayList<>(NUMERIC);
        header.addAll(CATEGORICAL);
        header.add(PREDICTION);
        header.add(PROBABILITY);
        final int featureCount = NUMERIC.size() + CATEGORICAL.size();
        final List<String[]> table = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            final Prediction prediction = draw(random);
            final String[] cells = new String[header.size()];
            for (int c = 0; c < featureCount; c++) {
                cells[c] = String.valueOf(prediction.features().get(header.get(c)));
            }
            cells[featureCount] = prediction.predictedClass();
            cells[featureCount + 1] = String.valueOf(prediction.probability());
            table.add(cells);
        }
        return CsvTable.of(Path.of("synthetic-reference"), header, table);
    }

    private static List<String> names(final String prefix, final int count) {
        final List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.format("%s%02d", prefix, i));
        }
        return List.copyOf(names);
    }

    private static double[][] zipfWeights(final int[] levels) {
        final double[][] weights = new double[levels.length][];
        for (int f = 0; f < levels.length; f++) {
            weights[f] = new double[levels[f]];
            double total = 0;
            for (int k = 0; k < levels[f]; k++) {
                weights[f][k] = 1.0 / (k + 1);
                total += weights[f][k];
            }
            for (int k = 0; k < levels[f]; k++) {
                weights[f][k] /= total;
            }
        }
        return weights;
    }

    private static int pick(final SplittableRandom random, final double[] weights) {
        double u = random.nextDouble();
        for (int i = 0; i < weights.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    private static double gaussian(final SplittableRandom random) {
        // Box-Muller, because SplittableRandom has no nextGaussian on Java 17.
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double round(final double value, final int decimals) {
        final double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
