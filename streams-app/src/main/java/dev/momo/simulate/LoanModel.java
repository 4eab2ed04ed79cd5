package dev.momo.simulate;

import dev.momo.table.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic credit-default model and its applicants: five numeric and three categorical features, a
 * default probability from a fixed logistic score, the predicted class, and the true outcome drawn
 * from that probability. After drift, applicants earn less, owe more, ask for larger loans, apply more often
 * online and come from another region mix: five of the eight features move, more than the default data-set
 * share of 0.5, and with them predictions and outcomes.
 */
public final class LoanModel {

    public static final String MODEL_ID = "credit-default";
    public static final String MODEL_VERSION = "1";
    public static final String PREDICTION = "predicted_default";
    public static final String PROBABILITY = "default_probability";
    /** Column of the true outcome in {@link #referenceTable(int, long, boolean)}: 1 when the applicant defaulted. */
    public static final String OUTCOME = "defaulted";
    public static final List<String> NUMERIC = List.of("income", "age", "debt_to_income", "credit_lines", "loan_amount");
    public static final List<String> CATEGORICAL = List.of("region", "channel", "employment");

    private static final String[] REGIONS = {"north", "south", "east", "west"};
    private static final double[] REGION_WEIGHTS = {0.4, 0.3, 0.2, 0.1};
    private static final double[] REGION_WEIGHTS_DRIFTED = {0.15, 0.25, 0.2, 0.4};
    private static final String[] CHANNELS = {"branch", "web", "partner"};
    private static final double[] CHANNEL_WEIGHTS = {0.5, 0.35, 0.15};
    private static final double[] CHANNEL_WEIGHTS_DRIFTED = {0.2, 0.65, 0.15};
    private static final String[] EMPLOYMENT = {"salaried", "self_employed", "unemployed", "retired"};
    private static final double[] EMPLOYMENT_WEIGHTS = {0.65, 0.2, 0.05, 0.1};

    /** One applicant with the model's output and the true outcome. */
    public record Applicant(Map<String, Object> features, double probability, String predictedClass, String outcome) {
    }

    private LoanModel() {
    }

    /** Draws one applicant; {@code drifted} selects the shifted population. */
    public static Applicant draw(final SplittableRandom random, final boolean drifted) {
        final double income = Math.exp(10.6 + 0.45 * gaussian(random)) * (drifted ? 0.75 : 1.0);
        final double age = clamp(41 + 12 * gaussian(random), 18, 90);
        final double debtToIncome = clamp((drifted ? 0.42 : 0.3) + 0.12 * gaussian(random), 0, 1.5);
        final double creditLines = Math.floor(Math.max(0, 4 + 2.2 * gaussian(random)));
        final double loanAmount = Math.round(Math.exp(9.5 + 0.5 * gaussian(random)) * (drifted ? 1.5 : 1.0));
        final String region = pick(random, REGIONS, drifted ? REGION_WEIGHTS_DRIFTED : REGION_WEIGHTS);
        final String channel = pick(random, CHANNELS, drifted ? CHANNEL_WEIGHTS_DRIFTED : CHANNEL_WEIGHTS);
        final String employment = pick(random, EMPLOYMENT, EMPLOYMENT_WEIGHTS);

        final double score = -2.2 - 0.9 * (Math.log(income) - 10.6) + 4.0 * (debtToIncome - 0.3)
                - 0.02 * (age - 41) + 0.08 * (creditLines - 4) + 0.3 * (Math.log(loanAmount) - 9.5)
                + (employment.equals("unemployed") ? 1.2 : 0) + (channel.equals("web") ? 0.2 : 0);
        final double probability = 1 / (1 + Math.exp(-score));
        final double rounded = Math.round(probability * 1000) / 1000.0;
        final String outcome = random.nextDouble() < probability ? "1" : "0";

        final Map<String, Object> features = new LinkedHashMap<>();
        features.put("income", Math.round(income * 100) / 100.0);
        features.put("age", Math.round(age * 10) / 10.0);
        features.put("debt_to_income", Math.round(debtToIncome * 1000) / 1000.0);
        features.put("credit_lines", creditLines);
        features.put("loan_amount", loanAmount);
        features.put("region", region);
        features.put("channel", channel);
        features.put("employment", employment);
        return new Applicant(features, rounded, rounded >= 0.5 ? "1" : "0", outcome);
    }

    /** {@code rows} applicants of the undrifted population as a table, the model's training-time reference. */
    public static CsvTable referenceTable(final int rows, final long seed) {
        return referenceTable(rows, seed, false);
    }

    /**
     * Returns {@code rows} applicants of the undrifted population as a table, with the true outcome in
     * column {@value #OUTCOME} when {@code withOutcome} is set.
     */
    public static CsvTable referenceTable(final int rows, final long seed, final boolean withOutcome) {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> header = new ArrayList<>(NUMERIC);
        header.addAll(CATEGORICAL);
        header.add(PREDICTION);
        header.add(PROBABILITY);
        if (withOutcome) {
            header.add(OUTCOME);
        }
        final int modelColumns = NUMERIC.size() + CATEGORICAL.size();
        final List<String[]> table = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            final Applicant applicant = draw(random, false);
            final String[] cells = new String[header.size()];
            for (int c = 0; c < NUMERIC.size() + CATEGORICAL.size(); c++) {
                cells[c] = String.valueOf(applicant.features().get(header.get(c)));
            }
            cells[modelColumns] = applicant.predictedClass();
            cells[modelColumns + 1] = String.valueOf(applicant.probability());
            if (withOutcome) {
                cells[modelColumns + 2] = applicant.outcome();
            }
            table.add(cells);
        }
        return CsvTable.of(Path.of("simulated-reference"), header, table);
    }

    private static double gaussian(final SplittableRandom random) {
        // Box-Muller: SplittableRandom has no nextGaussian on Java 17.
        final double u = 1.0 - random.nextDouble();
        final double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static String pick(final SplittableRandom random, final String[] values, final double[] weights) {
        double u = random.nextDouble();
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static double clamp(final double value, final double min, final double max) {
        return Math.max(min, Math.min(max, value));
    }
}
