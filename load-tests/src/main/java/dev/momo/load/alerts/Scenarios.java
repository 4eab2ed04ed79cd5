package dev.momo.load.alerts;

import dev.momo.profile.ProfileBuilder;
import dev.momo.profile.ProfileOptions;
import dev.momo.profile.ReferenceProfile;
import dev.momo.table.CsvTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scenarios of the benchmark, over public data sets with documented change points. Every profile
 * uses the default options of {@code momo reference build} and names only the column roles.
 *
 * <ul>
 *   <li>NannyML's synthetic car-loan, credit-card and car-price sets: profile from the reference file,
 *       analysis of the analysis file, which changes from row 25000 (car loan) or 30000 (the others).</li>
 *   <li>Harvard concept-drift streams (SEA with label noise 0.2, abrupt and gradual, and Sine, abrupt):
 *       the relation between features and label changes at each change point. Each concept has balanced
 *       classes, and the features shift too where a concept's class-1 region has another size. That
 *       happens at every SEA change, where the mean of X1 + X2 moves between 8.2 and 9.7 over the four
 *       concepts, and at Sine's row 20000. Sine's rows 10000 and 30000 reverse the labels and keep the
 *       feature distribution. The streams get a model from {@link ModelledStream}, trained on rows 0 to
 *       4999; the profile is those rows and the analysis the rest, so the stated change points move 5000
 *       rows earlier.</li>
 *   <li>No-drift splits: the first half of each NannyML reference file against its second half, and
 *       for each Harvard stream the training rows against the rest of the first concept.</li>
 * </ul>
 */
final class Scenarios {

    private static final String NANNYML = "nannyml";
    private static final String HARVARD = "harvard-concept-drift";

    /** Column roles of one data set. */
    private record Roles(String timestamp, String prediction, String probability, String label,
                         Set<String> ignored, Map<String, String> classProbabilities) {
    }

    private static final Roles CAR_LOAN = new Roles("timestamp", "y_pred", "y_pred_proba", "repaid", Set.of(), Map.of());
    private static final Roles CREDIT_CARD = new Roles("timestamp", "y_pred", null, "y_true", Set.of("id"),
            orderedMap("prepaid_card", "y_pred_proba_prepaid_card", "highstreet_card", "y_pred_proba_highstreet_card",
                    "upmarket_card", "y_pred_proba_upmarket_card"));
    private static final Roles CAR_PRICE = new Roles("timestamp", "y_pred", null, "y_true", Set.of("id"), Map.of());
    private static final Roles MODELLED = new Roles(null, ModelledStream.PREDICTION, ModelledStream.PROBABILITY,
            ModelledStream.LABEL, Set.of(), Map.of());

    private final Path datasets;
    private final Path workDirectory;
    /** Harvard streams with their model's columns, by file name: each is read and modelled once. */
    private final Map<String, CsvTable> modelled = new HashMap<>();

    /**
     * @param datasets the shared data sets folder, with {@code nannyml/} and {@code harvard-concept-drift/}
     * @param workDirectory where the Harvard streams with model columns are written
     */
    Scenarios(final Path datasets, final Path workDirectory) {
        this.datasets = datasets;
        this.workDirectory = workDirectory;
    }

    /** Returns every scenario, drifting ones first, by name. */
    Map<String, Scenario> all() {
        final List<Scenario> list = new ArrayList<>();
        list.add(analysisFile("car-loan", "synthetic_car_loan", CAR_LOAN, 25_000,
                "car_value, loan_length, y_pred_proba and performance change"));
        list.add(analysisFile("credit-card", "synthetic_credit_card", CREDIT_CARD, 30_000,
                "feature and output distributions shift, macro ROC AUC ~0.91 -> ~0.75"));
        list.add(analysisFile("car-price", "synthetic_car_price", CAR_PRICE, 30_000,
                "y_pred and y_true distributions shift, MAE ~850 -> ~700"));
        list.add(modelledStream("sea-abrupt", "sea_0123_abrupto_noise_0.2", List.of(10_000, 20_000, 30_000),
                "SEA concepts 0-1-2-3, label noise 0.2, abrupt"));
        list.add(modelledStream("sea-gradual", "sea_0123_gradual_noise_0.2", List.of(9_500, 20_000, 30_500),
                "SEA concepts 0-1-2-3, label noise 0.2, gradual over about 1000 rows"));
        list.add(modelledStream("sine-abrupt", "sine_0123_abrupto", List.of(10_000, 20_000, 30_000),
                "Sine concepts SINE1, reversed SINE1, SINE2, reversed SINE2, abrupt"));
        list.add(referenceHalves("no-drift-car-loan", "synthetic_car_loan", CAR_LOAN));
        list.add(referenceHalves("no-drift-credit-card", "synthetic_credit_card", CREDIT_CARD));
        list.add(referenceHalves("no-drift-car-price", "synthetic_car_price", CAR_PRICE));
        list.add(firstConcept("no-drift-sea-abrupt", "sea_0123_abrupto_noise_0.2", 10_000));
        list.add(firstConcept("no-drift-sea-gradual", "sea_0123_gradual_noise_0.2", 9_500));
        list.add(firstConcept("no-drift-sine-abrupt", "sine_0123_abrupto", 10_000));
        final Map<String, Scenario> byName = new LinkedHashMap<>();
        list.forEach(scenario -> byName.put(scenario.name(), scenario));
        return byName;
    }

    private Scenario analysisFile(final String name, final String stem, final Roles roles, final int change,
                                  final String what) {
        final Path reference = nannyml(stem + "_reference.csv.gz");
        final Path analysis = nannyml(stem + "_analysis.csv.gz");
        return new Scenario(name, "profile " + reference.getFileName() + ", analysis " + analysis.getFileName()
                + "; from row " + change + " " + what, List.of(change),
                () -> new Scenario.Replay(profile(name, CsvTable.read(reference), roles), CsvTable.read(analysis)));
    }

    private Scenario referenceHalves(final String name, final String stem, final Roles roles) {
        final Path reference = nannyml(stem + "_reference.csv.gz");
        return new Scenario(name, "profile from the first half of " + reference.getFileName()
                + ", analysis of the second half", List.of(), () -> {
                    final CsvTable whole = CsvTable.read(reference);
                    final int half = whole.rowCount() / 2;
                    return new Scenario.Replay(profile(name, slice(whole, 0, half), roles),
                            slice(whole, half, whole.rowCount()));
                });
    }

    private Scenario modelledStream(final String name, final String stem, final List<Integer> stated,
                                    final String what) {
        final int training = ModelledStream.TRAINING_ROWS;
        final List<Integer> shifted = stated.stream().map(row -> row - training).toList();
        return new Scenario(name, stem + " (" + what + ", stated change points " + stated + "), grid model"
                + " trained on rows 0-" + (training - 1) + "; profile those rows, analysis the rest", shifted, () -> {
                    final CsvTable stream = modelled(stem);
                    return new Scenario.Replay(profile(name, slice(stream, 0, training), MODELLED),
                            slice(stream, training, stream.rowCount()));
                });
    }

    private Scenario firstConcept(final String name, final String stem, final int firstChange) {
        final int training = ModelledStream.TRAINING_ROWS;
        return new Scenario(name, stem + ", grid model trained on rows 0-" + (training - 1)
                + "; profile those rows, analysis rows " + training + "-" + (firstChange - 1)
                + " (the rest of the first concept)", List.of(), () -> {
                    final CsvTable stream = modelled(stem);
                    return new Scenario.Replay(profile(name, slice(stream, 0, training), MODELLED),
                            slice(stream, training, firstChange));
                });
    }

    private CsvTable modelled(final String stem) {
        return modelled.computeIfAbsent(stem, key ->
                ModelledStream.withModel(datasets.resolve(HARVARD).resolve(key + ".csv.gz"), workDirectory));
    }

    private Path nannyml(final String file) {
        return datasets.resolve(NANNYML).resolve(file);
    }

    /** Builds a profile with the default options of {@code momo reference build} and the given roles. */
    private static ReferenceProfile profile(final String model, final CsvTable table, final Roles roles) {
        ProfileOptions options = new ProfileOptions(model, "1", roles.timestamp(), roles.prediction(),
                roles.probability(), roles.label(), Set.of(), Set.of(), roles.ignored(),
                ProfileOptions.DEFAULT_CHUNK_SIZE, ProfileOptions.DEFAULT_BINS, ProfileOptions.DEFAULT_SAMPLE_POINTS,
                ProfileOptions.DEFAULT_THRESHOLD_STD_MULTIPLIER);
        if (!roles.classProbabilities().isEmpty()) {
            options = options.withClassProbabilities(roles.classProbabilities());
        }
        return new ProfileBuilder(options).build(table, chunks -> { });
    }

    /** Returns rows {@code [from, to)} of a table. */
    private static CsvTable slice(final CsvTable table, final int from, final int to) {
        final List<String[]> rows = new ArrayList<>(to - from);
        for (int row = from; row < to; row++) {
            rows.add(table.row(row));
        }
        return CsvTable.of(Path.of(table.source().getFileName() + " rows " + from + "-" + (to - 1)), table.header(),
                rows);
    }

    private static Map<String, String> orderedMap(final String... keysAndValues) {
        final Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
