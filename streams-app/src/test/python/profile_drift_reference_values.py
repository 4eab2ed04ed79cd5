"""Compute expected values for the tests of dev.momo.profile and dev.momo.drift with NumPy and SciPy.

Writes into streams-app/src/test/resources/:
  profile/reference.csv          a reference table with numeric, categorical, missing and ignored columns
  profile/profile_builder.json   bins, category counts, moments and chunk thresholds of that table
  drift/drift_evaluator.json     a small profile, one window per column kind, and their statistics

The Java tests compare to a relative tolerance of 1e-9. Random inputs come from fixed seeds, so
rerunning the script with the same NumPy and SciPy versions rewrites the same files.

Run from the repository root:
    python3 streams-app/src/test/python/profile_drift_reference_values.py
"""

import csv
import json
import math
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

RESOURCES = Path(__file__).resolve().parents[1] / "resources"

# Options of the ProfileBuilder test; ProfileBuilderTest uses the same values.
ROWS = 600
CHUNK_SIZE = 150
BINS = 10
THRESHOLD_STD_MULTIPLIER = 3.0
PSI_EPSILON = 1e-4
CHI2_ALPHA = 0.05
# The missing markers of dev.momo.table.Cells, compared after trimming and lower-casing.
MISSING_MARKERS = {"", "na", "n/a", "null", "none", "nan"}


def is_missing(cell):
    return cell.strip().lower() in MISSING_MARKERS


def histogram_with_outer_bins(edges, values):
    """Count values over the edges with an underflow and an overflow bin, as dev.momo.statistics.Binning lays out."""
    values = np.asarray(values, dtype=float)
    inner, _ = np.histogram(values, bins=edges)
    below = np.count_nonzero(values < edges[0])
    above = np.count_nonzero(values > edges[-1])
    return np.concatenate([[below], inner, [above]]).astype(float)


def quantile_edges(values, bins):
    return np.unique(np.quantile(np.asarray(values, dtype=float), np.linspace(0.0, 1.0, bins + 1)))


def population_stability_index(reference_counts, window_counts):
    """sum((a - r) * ln(a / r)) over proportions, with every zero proportion replaced by PSI_EPSILON."""
    r = np.asarray(reference_counts, dtype=float)
    a = np.asarray(window_counts, dtype=float)
    r = r / r.sum()
    a = a / a.sum()
    r = np.where(r == 0.0, PSI_EPSILON, r)
    a = np.where(a == 0.0, PSI_EPSILON, a)
    return float(np.sum((a - r) * np.log(a / r)))


def chi_square(reference_counts, window_counts):
    """Pearson chi-square of homogeneity on the 2 x k table, categories empty in both rows dropped."""
    table = np.array([reference_counts, window_counts], dtype=float)
    table = table[:, table.sum(axis=0) > 0]
    result = stats.chi2_contingency(table, correction=False)
    return result.statistic, result.pvalue, int(result.dof)


# ---------------------------------------------------------------------------------------------------
# ProfileBuilder: a reference table and its profile


def reference_rows():
    """Return the header and the text cells of the reference table."""
    rng = np.random.default_rng(20240715)
    start = datetime(2018, 1, 1, tzinfo=timezone.utc)
    header = ["ts", "row_id", "income", "age", "plan", "flag", "region_code", "label", "score"]
    rows = []
    for i in range(ROWS):
        income = f"{rng.normal(3000.0, 800.0):.2f}"
        if i % 37 == 5:
            income = "NA"
        elif i % 53 == 7:
            income = ""
        if i == 211:
            income = "inf"
        age = str(int(rng.integers(18, 81)))
        plan = str(rng.choice(["basic", "plus", "pro"], p=[0.6, 0.3, 0.1]))
        if i % 41 == 3:
            plan = "null"
        flag = str(int(rng.random() < 0.3))
        region = str(int(rng.integers(1, 6)))
        label = str(int(rng.random() < 0.2))
        score = f"{rng.beta(2.0, 5.0):.4f}"
        timestamp = (start + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S.000")
        rows.append([timestamp, f"r{i}", income, age, plan, flag, region, label, score])
    return header, rows


def finite_numbers(cells):
    values = []
    for cell in cells:
        if is_missing(cell):
            continue
        value = float(cell)
        if math.isfinite(value):
            values.append(value)
    return np.array(values)


def category_counts(cells):
    counts = {}
    for cell in cells:
        if not is_missing(cell):
            counts[cell] = counts.get(cell, 0.0) + 1.0
    return counts


def categories_by_count(cells):
    """Return the categories, most frequent first and ties by name, and their counts."""
    ordered = sorted(category_counts(cells).items(), key=lambda item: (-item[1], item[0]))
    return [name for name, _ in ordered], [count for _, count in ordered]


def numeric_chunk_values(cells, edges):
    """Compare every chunk with the rest of the reference: Jensen-Shannon, Kolmogorov-Smirnov, PSI."""
    values = {"jensen_shannon": [], "kolmogorov_smirnov": [], "psi": []}
    for start in range(0, (len(cells) // CHUNK_SIZE) * CHUNK_SIZE, CHUNK_SIZE):
        chunk = finite_numbers(cells[start:start + CHUNK_SIZE])
        rest = finite_numbers(cells[:start] + cells[start + CHUNK_SIZE:])
        rest_counts = histogram_with_outer_bins(edges, rest)
        chunk_counts = histogram_with_outer_bins(edges, chunk)
        values["jensen_shannon"].append(float(distance.jensenshannon(rest_counts, chunk_counts, base=2)))
        values["kolmogorov_smirnov"].append(float(stats.ks_2samp(rest, chunk).statistic))
        values["psi"].append(population_stability_index(rest_counts, chunk_counts))
    return values


def categorical_chunk_values(cells, categories):
    """Compare every chunk with the rest of the reference: Jensen-Shannon, PSI, chi-square."""
    values = {"jensen_shannon": [], "psi": [], "chi2": []}
    chunk_tables = []
    for start in range(0, (len(cells) // CHUNK_SIZE) * CHUNK_SIZE, CHUNK_SIZE):
        in_chunk = category_counts(cells[start:start + CHUNK_SIZE])
        in_rest = category_counts(cells[:start] + cells[start + CHUNK_SIZE:])
        chunk_counts = [in_chunk.get(name, 0.0) for name in categories]
        rest_counts = [in_rest.get(name, 0.0) for name in categories]
        statistic, _, _ = chi_square(rest_counts, chunk_counts)
        values["jensen_shannon"].append(float(distance.jensenshannon(rest_counts, chunk_counts, base=2)))
        values["psi"].append(population_stability_index(rest_counts, chunk_counts))
        values["chi2"].append(float(statistic))
        chunk_tables.append({"rest": rest_counts, "chunk": chunk_counts, "chi2": float(statistic)})
    return values, chunk_tables


def thresholds(chunk_values):
    """mean + k * population standard deviation of the chunk values of each statistic."""
    result = {}
    for statistic, values in chunk_values.items():
        values = np.asarray(values)
        mean = float(np.mean(values))
        std = float(np.std(values))
        result[statistic] = {
            "chunkValues": values.tolist(),
            "chunkMean": mean,
            "chunkStd": std,
            "threshold": mean + THRESHOLD_STD_MULTIPLIER * std,
        }
    return result


def profile_builder_case():
    header, rows = reference_rows()
    with open(RESOURCES / "profile" / "reference.csv", "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)

    columns = {}
    for name in ["income", "age", "score"]:
        cells = [row[header.index(name)] for row in rows]
        values = finite_numbers(cells)
        edges = quantile_edges(values, BINS)
        columns[name] = {
            "kind": "NUMERIC",
            "count": int(values.size),
            "missing": sum(1 for cell in cells if is_missing(cell)),
            "min": float(values.min()),
            "max": float(values.max()),
            "mean": float(np.mean(values)),
            "std": float(np.std(values)),
            "binEdges": edges.tolist(),
            "binCounts": histogram_with_outer_bins(edges, values).tolist(),
            "sortedValues": np.sort(values).tolist(),
            "thresholds": thresholds(numeric_chunk_values(cells, edges)),
        }
    for name in ["plan", "flag", "region_code"]:
        cells = [row[header.index(name)] for row in rows]
        categories, counts = categories_by_count(cells)
        chunk_values, chunk_tables = categorical_chunk_values(cells, categories)
        columns[name] = {
            "kind": "CATEGORICAL",
            "count": int(sum(counts)),
            "missing": sum(1 for cell in cells if is_missing(cell)),
            "categories": categories,
            "counts": counts,
            "thresholds": thresholds(chunk_values),
            "chunkTables": chunk_tables,
        }
    return {"rows": ROWS, "chunkSize": CHUNK_SIZE, "bins": BINS, "columns": columns}


# ---------------------------------------------------------------------------------------------------
# DriftEvaluator: a hand-built profile and windows


def drift_evaluator_case():
    rng = np.random.default_rng(20240716)
    reference = np.round(rng.normal(0.0, 1.0, size=200), 3)
    window = np.round(rng.normal(0.5, 1.5, size=80), 3)
    edges = quantile_edges(reference, 5)
    reference_counts = histogram_with_outer_bins(edges, reference)
    window_counts = histogram_with_outer_bins(edges, window)
    # SciPy's default method: exact p-value here, because both sizes are at most 10000.
    ks = stats.ks_2samp(reference, window)
    cvm = stats.cramervonmises_2samp(reference, window)
    ad = stats.anderson_ksamp([reference, window])
    wasserstein = float(stats.wasserstein_distance(reference, window))
    reference_share = reference_counts / reference_counts.sum()
    window_share = window_counts / window_counts.sum()
    numeric = {
        "referenceValues": np.sort(reference).tolist(),
        "binEdges": edges.tolist(),
        "binCounts": reference_counts.tolist(),
        "windowValues": window.tolist(),
        "windowBinCounts": window_counts.tolist(),
        "jensenShannon": float(distance.jensenshannon(reference_counts, window_counts, base=2)),
        "psi": population_stability_index(reference_counts, window_counts),
        "ksStatistic": float(ks.statistic),
        "ksPValue": float(ks.pvalue),
        "hellinger": hellinger(reference_share, window_share),
        "klDivergence": kl_divergence(reference_share, window_share),
        "wasserstein": wasserstein,
        "wasserstein_normalized": wasserstein / float(np.std(reference)),
        "cvmStatistic": float(cvm.statistic),
        "cvmPValue": float(cvm.pvalue),
        "adStatistic": float(ad.statistic),
        "adPValue": float(ad.pvalue),
        "outOfRangeShare": float((window < reference.min()).sum() + (window > reference.max()).sum()) / window.size,
        "referenceStd": float(np.std(reference)),
        "referenceMean": float(np.mean(reference)),
    }

    # The window lacks reference category "c" and adds "d", which gets a reference count of 0.
    categories = ["a", "b", "c", "d"]
    reference_categories = [50.0, 30.0, 20.0, 0.0]
    window_categories = [5.0, 10.0, 0.0, 5.0]
    statistic, p_value, dof = chi_square(reference_categories, window_categories)
    categorical = {
        "referenceCategories": categories[:3],
        "referenceCounts": reference_categories[:3],
        "windowCategories": {"a": 5.0, "b": 10.0, "d": 5.0},
        "jensenShannon": float(distance.jensenshannon(reference_categories, window_categories, base=2)),
        "psi": population_stability_index(reference_categories, window_categories),
        "chi2Statistic": float(statistic),
        "chi2PValue": float(p_value),
        "chi2DegreesOfFreedom": dof,
        "chi2DefaultThreshold": float(stats.chi2.isf(CHI2_ALPHA, dof)),
        "hellinger": hellinger(np.asarray(reference_categories) / 100.0, np.asarray(window_categories) / 20.0),
        "klDivergence": kl_divergence(np.asarray(reference_categories) / 100.0, np.asarray(window_categories) / 20.0),
        "lInfinity": float(np.max(np.abs(np.asarray(reference_categories) / 100.0
                                         - np.asarray(window_categories) / 20.0))),
        "unseenShare": 5.0 / 20.0,
    }

    # A binary column: 60 of 100 reference values are "yes", 30 of 40 in the window. Pooled z-test for
    # two proportions (statsmodels' proportions_ztest), with the p-value from the normal survival function.
    pooled = (60 + 30) / (100 + 40)
    z = (60 / 100 - 30 / 40) / math.sqrt(pooled * (1 - pooled) * (1 / 100 + 1 / 40))
    binary = {
        "referenceCategories": ["yes", "no"],
        "referenceCounts": [60.0, 40.0],
        "windowCategories": {"yes": 30.0, "no": 10.0},
        "zStatistic": z,
        "zPValue": float(2 * stats.norm.sf(abs(z))),
    }
    return {"numeric": numeric, "categorical": categorical, "binary": binary}


def hellinger(p, q):
    """Hellinger distance of two probability vectors, in [0, 1]."""
    return float(np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2))


def kl_divergence(p, q):
    """KL(p || q) in nats with zero proportions replaced by the PSI epsilon; scipy.stats.entropy renormalizes."""
    p = np.where(np.asarray(p) == 0, PSI_EPSILON, p)
    q = np.where(np.asarray(q) == 0, PSI_EPSILON, q)
    return float(stats.entropy(p, q))


def main():
    (RESOURCES / "profile").mkdir(parents=True, exist_ok=True)
    (RESOURCES / "drift").mkdir(parents=True, exist_ok=True)
    generator = {"numpy": np.__version__, "scipy": scipy.__version__}

    profile = profile_builder_case()
    profile["generator"] = generator
    with open(RESOURCES / "profile" / "profile_builder.json", "w", encoding="utf-8") as out:
        json.dump(profile, out, indent=1, allow_nan=False)

    drift = drift_evaluator_case()
    drift["generator"] = generator
    with open(RESOURCES / "drift" / "drift_evaluator.json", "w", encoding="utf-8") as out:
        json.dump(drift, out, indent=1, allow_nan=False)


if __name__ == "__main__":
    main()
