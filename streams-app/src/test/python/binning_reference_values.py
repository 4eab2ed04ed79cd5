"""Compute reference values for BinningRule and the extra divergences of dev.momo.statistics.

Writes two JSON files into streams-app/src/test/resources/statistics/:

- binning_rules.json: numpy.histogram_bin_edges for every rule on skewed, heavy-tailed, integer,
  constant and extreme-magnitude samples, with numpy.histogram counts over those edges.
- divergences_extra.json: Hellinger distance, Kullback-Leibler divergence and L-infinity distance.

Every random input comes from a fixed seed, so rerunning the script with the same NumPy and SciPy
versions rewrites the same files. NaN is written as null.

Run from the repository root:
    python3 streams-app/src/test/python/binning_reference_values.py
"""

import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

OUTPUT_DIRECTORY = Path(__file__).resolve().parents[1] / "resources" / "statistics"

# BinningRule.MAX_BINS: an estimator whose count is higher gets this many bins.
MAX_BINS = 1000

ESTIMATORS = ["doane", "sturges", "fd", "auto"]

KL_EPSILON = 1e-4


def to_json_number(value):
    """Return a float for JSON, or None for NaN."""
    value = float(value)
    return None if math.isnan(value) else value


def full_histogram(edges, window):
    """Count window values in BinningRule's layout: underflow, numpy.histogram's bins, overflow."""
    inner, _ = np.histogram(window, bins=edges)
    below = np.count_nonzero(window < edges[0])
    above = np.count_nonzero(window > edges[-1])
    return [float(below)] + inner.astype(float).tolist() + [float(above)]


def probe_window(values, edges):
    """Return values that test bin boundaries: the edges, their neighbours, the sample, outliers."""
    edges = np.asarray(edges, dtype=float)
    neighbours = np.concatenate([np.nextafter(edges, -np.inf), np.nextafter(edges, np.inf)])
    span = max(float(edges[-1] - edges[0]), 1.0)
    outside = [float(edges[0]) - span, float(edges[-1]) + span]
    # Large samples contribute a subset, which keeps the JSON file small.
    sample = np.asarray(values, dtype=float)[:200]
    return np.concatenate([edges, neighbours, sample, outside])


def estimator_result(data, rule, window):
    """Return numpy.histogram_bin_edges(data, bins=rule), capped at MAX_BINS bins, or the error."""
    try:
        # Doane's standard deviation overflows at magnitude 1e300 and underflows at 1e-300. NumPy
        # then carries on with inf or 0, which is the behaviour under test.
        with np.errstate(over="ignore", under="ignore"):
            edges = np.histogram_bin_edges(data, bins=rule)
            capped = len(edges) - 1 > MAX_BINS
            # numpy.histogram with the rule itself bins by its uniform-width code path, which
            # Binning.histogram must agree with too.
            reference_histogram = None if capped else np.histogram(data, bins=rule)[0]
    except OverflowError:
        # The count ptp / width is infinite, which BinningRule caps as well.
        capped = True
    except ValueError as error:
        return {"error": str(error)}
    if capped:
        edges = np.histogram_bin_edges(data, bins=MAX_BINS)
    result = {"edges": edges.tolist(), "capped": bool(capped),
              "histogram": full_histogram(edges, window)}
    if not capped:
        result["referenceHistogram"] = reference_histogram.astype(float).tolist()
    return result


def rules_case(name, values, bins, integer_valued=False, compact=False):
    """Compute the edges of every rule on one sample. Integer samples go to NumPy as int64.

    A compact case stores the sorted sample as distinct values and counts, and NumPy gets the
    sorted sample too, because Doane's sums depend on the order of the values.
    """
    values = np.asarray(values, dtype=float)
    if compact:
        values = np.sort(values)
    data = values.astype(np.int64) if integer_valued else values
    if integer_valued:
        assert np.array_equal(data.astype(float), values)

    quantile_edges = np.unique(np.quantile(values, np.linspace(0, 1, bins + 1)))
    try:
        equal_width_edges = np.histogram_bin_edges(data, bins=bins)
        window_edges = equal_width_edges
    except ValueError:
        equal_width_edges = None
        window_edges = quantile_edges
    window = probe_window(values, window_edges)

    results = {"quantile": {"edges": quantile_edges.tolist()}}
    if len(quantile_edges) >= 2:
        results["quantile"]["histogram"] = full_histogram(quantile_edges, window)
    results["equal-width"] = estimator_result(data, bins, window)
    for rule in ESTIMATORS:
        results[rule] = estimator_result(data, rule, window)
    if equal_width_edges is None:
        assert "error" in results["equal-width"]
    case = {"name": name, "integerValued": integer_valued, "bins": bins, "window": window.tolist(),
            "rules": results}
    if compact:
        distinct, counts = np.unique(values, return_counts=True)
        case["valueCounts"] = {"values": distinct.tolist(), "counts": counts.tolist()}
    else:
        case["values"] = values.tolist()
    return case


def rules_cases():
    rng = np.random.default_rng(20240701)
    cases = [
        rules_case("normal 1000", rng.normal(size=1000), 10),
        rules_case("lognormal 2000, skewed", rng.lognormal(sigma=1.5, size=2000), 10),
        rules_case("Cauchy 3000, heavy tails", rng.standard_cauchy(size=3000), 20),
        rules_case("exponential 1024, power of two", rng.exponential(size=1024), 8),
        rules_case("uniform 8, power of two", rng.uniform(size=8), 4),
        # log2(16384) + 1 = 15 exactly, but ptp / (ptp / 15) rounds above 15 for this range, so
        # NumPy places 16 Sturges bins.
        rules_case("16384 values, Sturges count rounds up",
                   np.r_[np.zeros(8191), np.full(8192, 123.456), [61.0]], 10, compact=True),
        rules_case("uniform 3, smallest Doane sample", rng.uniform(size=3), 3),
        rules_case("two values", [1.0, 2.0], 4),
        rules_case("single value", [3.5], 5),
        rules_case("all values equal", [7.0] * 10, 5),
        rules_case("all values equal, integers", [7.0] * 10, 5, integer_valued=True),
        rules_case("integers, four distinct values", rng.integers(0, 4, size=200), 10,
                   integer_valued=True),
        rules_case("integers, Poisson 30", rng.poisson(30.0, size=500), 10, integer_valued=True),
        rules_case("integers, wide range", rng.integers(-1000, 1000, size=300), 10,
                   integer_valued=True),
        rules_case("integers as floats", rng.integers(0, 4, size=200), 10),
        rules_case("mostly zeros, IQR 0", np.concatenate([np.zeros(90), rng.normal(size=10) * 50]), 10),
        rules_case("negative and positive, ties", np.round(rng.normal(size=400), 1), 10),
        rules_case("magnitude 1e300", rng.lognormal(size=500) * 1e300, 10),
        rules_case("magnitude 1e-300", rng.lognormal(size=500) * 1e-300, 10),
        rules_case("magnitude 1e300, negative and positive", rng.normal(size=200) * 1e300, 10),
        rules_case("all values equal, magnitude 1e300", [1e300] * 5, 5),
        rules_case("all values equal, magnitude 1e-300", [1e-300] * 5, 5),
        rules_case("range of one ulp", [1.0, 1.0 + 2.0 ** -52, 1.0], 4),
        rules_case("offset 1e9, spread 1", 1e9 + rng.normal(size=300), 10),
        # An IQR of 1e-300 beside a range of 1e300 makes NumPy's fd count infinite.
        rules_case("fd count overflows", [0.0] * 10 + [1e-300] * 10 + [1e300], 10),
    ]
    # Random samples of many sizes catch counts that round across an integer.
    for index in range(30):
        n = int(rng.integers(3, 400))
        kind = index % 3
        if kind == 0:
            values = rng.normal(loc=rng.uniform(-5, 5), scale=rng.uniform(0.1, 10), size=n)
        elif kind == 1:
            values = rng.gamma(shape=rng.uniform(0.2, 3), size=n)
        else:
            values = rng.standard_t(df=2, size=n)
        cases.append(rules_case(f"random {index}, {n} values", values, int(rng.integers(1, 30))))
    return cases


def divergence_case(name, reference, window):
    reference = np.asarray(reference, dtype=float)
    window = np.asarray(window, dtype=float)
    case = {"name": name, "reference": reference.tolist(), "window": window.tolist()}
    if reference.sum() == 0 or window.sum() == 0:
        case.update(hellingerDistance=None, klDivergence=None, lInfinity=None)
        return case

    p = reference / reference.sum()
    q = window / window.sum()
    hellinger = np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2)
    # An independent route to the same number: the Euclidean distance of the square roots.
    assert math.isclose(hellinger, distance.euclidean(np.sqrt(p), np.sqrt(q)) / math.sqrt(2),
                        rel_tol=1e-12, abs_tol=1e-15)
    p_eps = np.where(p == 0, KL_EPSILON, p)
    q_eps = np.where(q == 0, KL_EPSILON, q)
    case.update(hellingerDistance=float(hellinger),
                klDivergence=float(stats.entropy(p_eps, q_eps)),
                lInfinity=float(np.max(np.abs(p - q))))
    return case


def divergence_cases():
    rng = np.random.default_rng(20240702)
    return [
        divergence_case("identical histograms", [10, 20, 30, 40], [10, 20, 30, 40]),
        divergence_case("proportional histograms", [10, 20, 30, 40], [1, 2, 3, 4]),
        divergence_case("empty bin in window", [10, 20, 30, 40], [15, 0, 35, 50]),
        divergence_case("empty bin in reference", [10, 0, 30, 40], [15, 5, 35, 50]),
        divergence_case("empty bin on both sides", [10, 0, 30, 40], [15, 0, 35, 50]),
        divergence_case("disjoint supports", [10, 20, 0, 0], [0, 0, 5, 7]),
        divergence_case("single bin", [42], [7]),
        divergence_case("small shift", [100, 200, 300, 200, 100], [90, 190, 310, 210, 100]),
        divergence_case("category seen only in window", [500, 300, 200, 0], [40, 30, 20, 10]),
        divergence_case("large counts", [1e15, 2e15, 3e15], [3e15, 2e15, 1e15 + 1]),
        divergence_case("tiny fractional counts", [1e-300, 2e-300, 3e-300], [3e-300, 2e-300, 1e-300]),
        divergence_case("random twelve bins", rng.integers(0, 500, size=12), rng.integers(0, 50, size=12)),
        divergence_case("random fifty bins, sparse window",
                        rng.integers(1, 1000, size=50), rng.binomial(3, 0.2, size=50)),
        divergence_case("empty window", [10, 20, 30], [0, 0, 0]),
        divergence_case("empty reference", [0, 0, 0], [10, 20, 30]),
    ]


def write(name, content, computation):
    document = {"source": f"NumPy {np.__version__}, SciPy {scipy.__version__}, "
                          f"streams-app/src/test/python/binning_reference_values.py: {computation}",
                "cases": content}
    path = OUTPUT_DIRECTORY / name
    path.write_text(json.dumps(document, allow_nan=False) + "\n")
    print(f"wrote {path} ({len(content)} cases)")


def main():
    OUTPUT_DIRECTORY.mkdir(parents=True, exist_ok=True)
    write("binning_rules.json", rules_cases(),
          f"numpy.histogram_bin_edges, capped at {MAX_BINS} bins, and numpy.histogram")
    write("divergences_extra.json", divergence_cases(),
          f"Hellinger in NumPy, scipy.stats.entropy with epsilon {KL_EPSILON}, L-infinity in NumPy")


if __name__ == "__main__":
    main()
