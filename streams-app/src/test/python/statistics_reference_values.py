"""Compute reference values for the tests of dev.momo.statistics with NumPy and SciPy.

Writes JSON files into streams-app/src/test/resources/statistics/, which the Java tests read and
compare to a relative tolerance of 1e-9. Every random input comes from a fixed seed, so rerunning
the script with the same NumPy and SciPy versions rewrites the same files. NaN is written as null.

Run from the repository root:
    python3 streams-app/src/test/python/statistics_reference_values.py
"""

import json
import math
from pathlib import Path

import numpy as np
import scipy
from scipy import stats
from scipy.spatial import distance

OUTPUT_DIRECTORY = Path(__file__).resolve().parents[1] / "resources" / "statistics"


def to_json_number(value):
    """Return a float for JSON, or None for NaN."""
    value = float(value)
    return None if math.isnan(value) else value


def value_counts(sample):
    """Return a sample as its distinct values and their counts, which keeps large samples small."""
    values, counts = np.unique(sample, return_counts=True)
    return {"values": values.tolist(), "counts": counts.tolist()}


def ks_case(name, a, b):
    """Run the two-sample KS test with the asymptotic p-value on two samples."""
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    # Sizes 1 and 1 give an effective size of 0, and SciPy divides by it on the way to NaN.
    with np.errstate(divide="ignore"):
        result = stats.ks_2samp(a, b, method="asymp")
    return {
        "name": name,
        "a": value_counts(a),
        "b": value_counts(b),
        "statistic": to_json_number(result.statistic),
        "pValue": to_json_number(result.pvalue),
    }


def ks_cases():
    rng = np.random.default_rng(20240601)
    cases = []

    normal = rng.normal(size=50)
    cases.append(ks_case("identical samples", normal, normal.copy()))
    ties = rng.integers(0, 5, size=40).astype(float)
    cases.append(ks_case("identical samples with ties", ties, ties.copy()))
    cases.append(ks_case("ties in both samples",
                         rng.integers(0, 5, size=30), rng.integers(0, 6, size=40)))
    cases.append(ks_case("two values only", rng.integers(0, 2, size=25), rng.integers(0, 2, size=35)))
    cases.append(ks_case("disjoint samples", rng.normal(size=20), rng.normal(size=30) + 100.0))
    cases.append(ks_case("interleaved shared values", [1, 2, 3, 4, 5, 6], [2, 4, 6, 8]))
    cases.append(ks_case("unequal sizes 100 and 1000",
                         rng.normal(size=100), rng.normal(loc=0.2, size=1000)))
    cases.append(ks_case("equal sizes 100, small shift",
                         rng.normal(size=100), rng.normal(loc=0.1, size=100)))
    cases.append(ks_case("equal sizes 100, large shift",
                         rng.normal(size=100), rng.normal(loc=1.5, size=100)))
    cases.append(ks_case("sizes 300 and 400, shift",
                         rng.normal(size=300), rng.normal(loc=0.25, size=400)))
    cases.append(ks_case("sizes 300 and 400, scale change",
                         rng.normal(size=300), rng.normal(scale=3.0, size=400)))

    for n in range(1, 6):
        for m in range(1, 6):
            cases.append(ks_case(f"tiny samples {n} and {m}",
                                 rng.normal(size=n), rng.normal(loc=0.5, size=m)))
    cases.append(ks_case("tiny samples with ties", [1, 1, 2], [1, 2, 2, 2]))

    # Rounded to 3 decimals so that the value counts stay short; the rounding adds ties.
    cases.append(ks_case("large samples 5000 and 50000, same distribution",
                         np.round(rng.normal(size=5000), 3), np.round(rng.normal(size=50000), 3)))
    cases.append(ks_case("large samples 5000 and 50000, shift 0.05",
                         np.round(rng.normal(loc=0.05, size=5000), 3),
                         np.round(rng.normal(size=50000), 3)))
    cases.append(ks_case("large samples 5000 and 50000, shift 0.5",
                         np.round(rng.normal(loc=0.5, size=5000), 3),
                         np.round(rng.normal(size=50000), 3)))
    return cases


def ks_p_value_cases():
    """Return (d, n, m, p) from ks_2samp on samples too large to store."""
    rng = np.random.default_rng(20240602)
    cases = []
    for n, m, shift in [(2_500_000, 2_500_000, 0.0), (2_500_000, 2_500_000, 0.003),
                        (2_500_000, 2_500_000, 0.006), (200_000, 300_000, 0.0),
                        (200_000, 300_000, 0.01), (200_000, 300_000, 0.05),
                        (20_000, 20_000, 0.0), (20_000, 20_000, 0.03), (7, 1_000_000, 0.5)]:
        result = stats.ks_2samp(rng.normal(loc=shift, size=n), rng.normal(size=m), method="asymp")
        cases.append({"name": f"sizes {n} and {m}, shift {shift}", "d": float(result.statistic),
                      "n": n, "m": m, "pValue": to_json_number(result.pvalue)})
    # n = m = 1 rounds the effective size 1/2 to 0, where kstwo is undefined and returns NaN.
    for n, m, d in [(1, 1, 1.0), (1, 2, 1.0), (2, 2, 0.5), (3, 1000, 0.99), (1000, 3, 0.0),
                    (10, 10, 0.3), (140, 140, 0.2), (280, 282, 0.2), (5000, 50000, 0.02)]:
        with np.errstate(divide="ignore"):
            p_value = stats.kstwo.sf(d, round(n * m / (n + m)))
        cases.append({"name": f"sizes {n} and {m}, d {d}", "d": d, "n": n, "m": m,
                      "pValue": to_json_number(p_value)})
    return cases


def kolmogorov_cases():
    """Return scipy.stats.kstwo.sf(d, n) on a grid that reaches every branch of the algorithm."""
    rng = np.random.default_rng(20240603)
    cases = []
    for n in [1, 2, 3, 5, 10, 50, 139, 140, 141, 500, 4545, 99_999, 100_001, 999_999, 1_000_001]:
        ds = set()
        for scaled in [0.754693, 2.2, 4.0, 18.0, 370.0]:
            for factor in [0.999, 1.001]:
                d = math.sqrt(scaled / n) * factor
                if 0 < d < 1:
                    ds.add(d)
        for t in [0.5, 0.75, 1.0, 1.5, n - 1.5, n - 1.0, n - 0.5]:
            if 0 < t / n < 1:
                ds.add(t / n)
        ds.add((1.4 / n) ** (2 / 3) * 0.99)
        ds.add((1.4 / n) ** (2 / 3) * 1.01)
        ds.update([0.25, 0.5, 0.75])
        ds.update((rng.uniform(0.05, 30.0, size=6) / math.sqrt(n)).tolist())
        for d in sorted(ds):
            if 0 < d < 1:
                cases.append({"n": n, "d": d, "survival": to_json_number(stats.kstwo.sf(d, n))})
    return cases


def chi_square_case(name, reference, window):
    reference = np.asarray(reference, dtype=float)
    window = np.asarray(window, dtype=float)
    table = np.vstack([reference, window])
    # SciPy rejects a column that is 0 in both rows, so it is dropped here as the Java code does.
    nonempty_columns = table[:, table.sum(axis=0) > 0]
    statistic, p_value, dof, _ = stats.chi2_contingency(nonempty_columns, correction=False)
    return {"name": name, "reference": reference.tolist(), "window": window.tolist(),
            "statistic": float(statistic), "degreesOfFreedom": int(dof), "pValue": float(p_value)}


def chi_square_cases():
    rng = np.random.default_rng(20240604)
    cases = [
        chi_square_case("three categories", [30, 50, 20], [25, 60, 15]),
        chi_square_case("two categories", [40, 60], [55, 45]),
        chi_square_case("category absent from reference", [50, 30, 0, 20], [40, 30, 10, 20]),
        chi_square_case("category absent from window", [50, 30, 5, 20], [40, 30, 0, 20]),
        chi_square_case("category empty in both rows", [50, 0, 30, 20], [40, 0, 35, 25]),
        chi_square_case("unequal totals", [5000, 3000, 2000], [40, 35, 25]),
        chi_square_case("identical proportions", [100, 200, 300], [10, 20, 30]),
        chi_square_case("tiny counts", [1, 2, 0, 1], [0, 1, 3, 1]),
        chi_square_case("strong drift, tiny p-value", [9000, 500, 500], [500, 500, 9000]),
        chi_square_case("fractional counts", [10.5, 20.25, 30.0], [12.0, 18.5, 35.75]),
    ]
    probabilities = rng.dirichlet(np.ones(20))
    shifted = rng.dirichlet(np.ones(20))
    cases.append(chi_square_case("twenty categories, same distribution",
                                 rng.multinomial(10_000, probabilities), rng.multinomial(500, probabilities)))
    cases.append(chi_square_case("twenty categories, different distribution",
                                 rng.multinomial(10_000, probabilities), rng.multinomial(500, shifted)))
    return cases


def chi_square_critical_values():
    cases = []
    for dof in [1, 2, 3, 5, 10, 19, 50, 100, 1000]:
        for alpha in [0.9, 0.5, 0.1, 0.05, 0.01, 1e-3, 1e-6, 1e-12, 1e-30, 1e-100]:
            cases.append({"degreesOfFreedom": dof, "alpha": alpha,
                          "criticalValue": float(stats.chi2.isf(alpha, dof))})
    return cases


def divergence_case(name, reference, window):
    reference = np.asarray(reference, dtype=float)
    window = np.asarray(window, dtype=float)
    r = reference / reference.sum()
    a = window / window.sum()
    epsilon = 1e-4
    r = np.where(r == 0, epsilon, r)
    a = np.where(a == 0, epsilon, a)
    psi = float(np.sum((a - r) * np.log(a / r)))
    return {"name": name, "reference": reference.tolist(), "window": window.tolist(),
            "jensenShannonDistance": float(distance.jensenshannon(reference, window, base=2)),
            "populationStabilityIndex": psi}


def divergence_cases():
    rng = np.random.default_rng(20240605)
    return [
        divergence_case("identical histograms", [10, 20, 30, 40], [10, 20, 30, 40]),
        divergence_case("proportional histograms", [10, 20, 30, 40], [1, 2, 3, 4]),
        divergence_case("empty bin in window", [10, 20, 30, 40], [15, 0, 35, 50]),
        divergence_case("empty bin in reference", [10, 0, 30, 40], [15, 5, 35, 50]),
        divergence_case("empty bin on both sides", [10, 0, 30, 40], [15, 0, 35, 50]),
        divergence_case("disjoint supports", [10, 20, 0, 0], [0, 0, 5, 7]),
        divergence_case("small shift", [100, 200, 300, 200, 100], [90, 190, 310, 210, 100]),
        divergence_case("random twelve bins",
                        rng.integers(0, 500, size=12), rng.integers(0, 50, size=12)),
    ]


def binning_case(name, values, bins, window):
    values = np.asarray(values, dtype=float)
    window = np.asarray(window, dtype=float)
    edges = np.unique(np.quantile(values, np.linspace(0, 1, bins + 1)))
    case = {"name": name, "values": values.tolist(), "bins": bins, "edges": edges.tolist(),
            "window": window.tolist()}
    if len(edges) >= 2:
        # searchsorted(side="right") counts the edges <= x, which is the bin index except that
        # x equal to the last edge belongs to the last inner bin.
        inner = len(edges) - 1
        index = np.searchsorted(edges, window, side="right")
        index[window == edges[-1]] = inner
        case["histogram"] = np.bincount(index, minlength=inner + 2).astype(float).tolist()
    return case


def binning_cases():
    rng = np.random.default_rng(20240606)
    normal = rng.normal(size=1000)
    window = np.concatenate([rng.normal(loc=0.3, size=500), [-10.0, 10.0]])
    ties = rng.integers(0, 4, size=200).astype(float)
    cases = [
        binning_case("normal reference, ten bins", normal, 10,
                     np.concatenate([window, np.quantile(normal, [0.0, 0.1, 0.5, 1.0])])),
        binning_case("integer reference with ties", ties, 10, np.arange(-1.0, 6.0)),
        binning_case("two values, four bins", [1.0, 2.0], 4, [0.5, 1.0, 1.25, 1.5, 2.0, 2.5]),
        binning_case("one bin", rng.uniform(size=20), 1, rng.uniform(-0.5, 1.5, size=30)),
        binning_case("seven values, three bins", [3.0, 1.0, 4.0, 1.0, 5.0, 9.0, 2.0], 3,
                     [0.0, 1.0, 2.0, 3.0, 4.0, 9.0, 10.0]),
        binning_case("constant reference", [7.0, 7.0, 7.0], 5, [7.0]),
    ]
    return cases


def moments_cases():
    rng = np.random.default_rng(20240607)
    cases = []
    for name, values in [("single value", [3.5]), ("two values", [1.0, 4.0]),
                         ("normal 30", rng.normal(loc=5.0, scale=2.0, size=30)),
                         ("large offset", 1e9 + rng.normal(size=100))]:
        values = np.asarray(values, dtype=float)
        cases.append({"name": name, "values": values.tolist(), "mean": float(np.mean(values)),
                      "populationStd": float(np.std(values)),
                      "sampleStd": to_json_number(np.std(values, ddof=1)) if len(values) > 1 else None})
    return cases


def write(name, content):
    document = {"source": f"NumPy {np.__version__}, SciPy {scipy.__version__}, "
                          "streams-app/src/test/python/statistics_reference_values.py",
                "cases": content}
    path = OUTPUT_DIRECTORY / name
    path.write_text(json.dumps(document, allow_nan=False) + "\n")
    print(f"wrote {path} ({len(content)} cases)")


def main():
    OUTPUT_DIRECTORY.mkdir(parents=True, exist_ok=True)
    write("ks_two_sample.json", ks_cases())
    write("ks_p_value.json", ks_p_value_cases())
    write("kolmogorov_survival.json", kolmogorov_cases())
    write("chi_square.json", chi_square_cases())
    write("chi_square_critical_values.json", chi_square_critical_values())
    write("divergences.json", divergence_cases())
    write("binning.json", binning_cases())
    write("moments.json", moments_cases())


if __name__ == "__main__":
    main()
