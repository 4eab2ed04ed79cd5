"""Compute SciPy's default two-sample Kolmogorov-Smirnov results for KolmogorovSmirnovExactTest.

Writes streams-app/src/test/resources/statistics/ks_two_sample_auto.json, which the Java test
compares to a relative tolerance of 1e-9. Each case is one of two kinds:

- "samples": two samples, stored as distinct values and their counts, with the statistic and
  p-value of scipy.stats.ks_2samp(a, b) (method "auto", alternative "two-sided" unless the case
  names another method);
- "statistic": sample sizes n and m with the statistic d and the p-value that ks_2samp returned
  for samples too large to store, or for many sizes at once.

"fallback" records whether SciPy warned that the exact computation failed and used the asymptotic
p-value instead. Every random input comes from a fixed seed, so rerunning the script with the same
NumPy and SciPy versions rewrites the same file. NaN is written as null, and infinite sample
values as the strings "Infinity" and "-Infinity". The script takes about a
minute, most of it in SciPy's exact method on sizes near 10,000.

Run from the repository root:
    python3 streams-app/src/test/python/ks_exact_reference_values.py
"""

import json
import math
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUTPUT_PATH = (Path(__file__).resolve().parents[1] / "resources" / "statistics"
               / "ks_two_sample_auto.json")


def to_json_number(value):
    """Return a float for JSON, or None for NaN."""
    value = float(value)
    return None if math.isnan(value) else value


def to_json_value(value):
    """Return a sample value for JSON: null for NaN, "Infinity" or "-Infinity" for infinities."""
    value = float(value)
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return to_json_number(value)


def value_counts(sample):
    """Return a sample as its distinct values and their counts."""
    values, counts = np.unique(sample, return_counts=True)
    return {"values": [to_json_value(v) for v in values], "counts": counts.tolist()}


def run_ks(a, b, method="auto", nan_policy="propagate"):
    """Run ks_2samp and report whether SciPy fell back from the exact to the asymptotic method."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = stats.ks_2samp(a, b, method=method, nan_policy=nan_policy)
    fallback = any("Switching to" in str(w.message) for w in caught)
    return result, fallback


def samples_case(name, a, b, method="auto", nan_policy="propagate"):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    result, fallback = run_ks(a, b, method, nan_policy)
    return {"kind": "samples", "name": name, "method": method, "a": value_counts(a),
            "b": value_counts(b), "statistic": to_json_number(result.statistic),
            "pValue": to_json_number(result.pvalue), "fallback": fallback}


def statistic_case(name, a, b, method="auto"):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    result, fallback = run_ks(a, b, method)
    return {"kind": "statistic", "name": name, "method": method, "n": len(a), "m": len(b),
            "d": to_json_number(result.statistic), "pValue": to_json_number(result.pvalue),
            "fallback": fallback}


def shifted_grids(n, m, shift):
    """Return evenly spaced samples of sizes n and m on [0, 1), the second moved by shift."""
    return (np.arange(n) + 0.5) / n, (np.arange(m) + 0.5) / m + shift


def equal_size_pair(n, h):
    """Return two samples of size n whose statistic is exactly h / n."""
    a = np.arange(n, dtype=float)
    return a, a + h - 0.5


def sample_cases(rng):
    cases = []

    for n in range(1, 6):
        for m in range(1, 6):
            cases.append(samples_case(f"tiny samples {n} and {m}",
                                      rng.normal(size=n), rng.normal(loc=0.5, size=m)))
    cases.append(samples_case("single equal values", [3.0], [3.0]))
    cases.append(samples_case("single different values", [0.0], [1.0]))
    cases.append(samples_case("single value against 10000", [0.0], rng.normal(size=10000).round(2)))
    cases.append(samples_case("10000 against single value", rng.normal(size=10000).round(2), [5.0]))
    cases.append(samples_case("2 against 9999", [-1.0, 1.0], rng.normal(size=9999).round(2)))

    normal = rng.normal(size=50)
    cases.append(samples_case("identical samples", normal, normal.copy()))
    ties = rng.integers(0, 5, size=40).astype(float)
    cases.append(samples_case("identical samples with ties", ties, ties.copy()))
    cases.append(samples_case("all values equal", np.full(30, 2.5), np.full(45, 2.5)))
    cases.append(samples_case("ties in both samples",
                              rng.integers(0, 5, size=30), rng.integers(0, 6, size=40)))
    cases.append(samples_case("two values only",
                              rng.integers(0, 2, size=25), rng.integers(0, 2, size=35)))
    cases.append(samples_case("heavy ties 3000 and 4500",
                              rng.integers(0, 20, size=3000), rng.integers(1, 21, size=4500)))

    cases.append(samples_case("disjoint samples 20 and 30",
                              rng.normal(size=20), rng.normal(size=30) + 100.0))
    cases.append(samples_case("disjoint samples 300 and 300",
                              rng.integers(0, 1000, size=300), rng.integers(1000, 2000, size=300)))
    cases.append(samples_case("disjoint samples 400 and 500",
                              rng.integers(0, 1000, size=400), rng.integers(2000, 3000, size=500)))
    cases.append(samples_case("one shared value, D near 1",
                              np.append(rng.normal(size=39), 100.5), rng.normal(size=60) + 100.0))

    for n, shift in [(10, 0.5), (100, 0.1), (100, 1.5), (1000, 0.05), (1000, 0.3)]:
        cases.append(samples_case(f"equal sizes {n}, shift {shift}",
                                  rng.normal(size=n).round(3),
                                  rng.normal(loc=shift, size=n).round(3)))
    for shift in [0.0, 0.02, 0.5]:
        cases.append(samples_case(f"equal sizes 10000, shift {shift}",
                                  rng.normal(size=10000).round(2),
                                  rng.normal(loc=shift, size=10000).round(2)))

    for n, m, shift in [(60, 90, 0.3), (200, 500, 0.2), (1200, 800, 0.1), (3000, 4500, 0.05),
                        (2500, 7500, 0.04), (5000, 10000, 0.03)]:
        cases.append(samples_case(f"common factor {n} and {m}",
                                  rng.normal(size=n).round(2),
                                  rng.normal(loc=shift, size=m).round(2)))
    for n, m, shift in [(97, 101, 0.3), (999, 1000, 0.1), (9973, 10000, 0.03),
                        (10000, 9999, 0.0), (10000, 9999, 0.3)]:
        cases.append(samples_case(f"coprime sizes {n} and {m}, shift {shift}",
                                  rng.normal(size=n).round(2),
                                  rng.normal(loc=shift, size=m).round(2)))

    # SciPy's 'auto' computes the exact p-value only while both sizes are at most 10000.
    for n, m in [(10000, 10000), (10001, 10000), (10000, 10001), (10001, 3), (3, 10001),
                 (10000, 3)]:
        cases.append(samples_case(f"auto switch {n} and {m}",
                                  rng.normal(size=n).round(2),
                                  rng.normal(loc=0.5, size=m).round(2)))

    # For equal sizes and D a few multiples of 1/n the exact sum rounds above 1, and SciPy
    # falls back to the asymptotic p-value.
    for n, h in [(5, 1), (7, 1), (60, 2), (73, 2), (100, 1)]:
        a, b = equal_size_pair(n, h)
        cases.append(samples_case(f"equal sizes {n}, D = {h}/{n}", a, b))
    a, b = shifted_grids(97, 100, 0.0)
    cases.append(samples_case("interleaved grids 97 and 100, D near 0", a, b))

    for n, m, shift in [(500, 700, 2.0), (2000, 3000, 1.5), (1000, 1000, 3.0)]:
        cases.append(samples_case(f"tiny p-value {n} and {m}, shift {shift}",
                                  rng.normal(size=n).round(2),
                                  rng.normal(loc=shift, size=m).round(2)))

    with_nan = rng.normal(size=60)
    with_nan[[3, 17, 42]] = np.nan
    cases.append(samples_case("NaN omitted", with_nan, rng.normal(loc=0.4, size=50),
                              nan_policy="omit"))
    cases.append(samples_case("infinities",
                              np.concatenate([rng.normal(size=40), [np.inf, -np.inf, np.inf]]),
                              np.concatenate([rng.normal(size=35), [-np.inf]])))
    cases.append(samples_case("huge magnitudes",
                              1e300 * rng.normal(size=80), 1e300 * rng.normal(loc=0.5, size=70)))
    cases.append(samples_case("tiny magnitudes",
                              1e-300 * rng.normal(size=80), 1e-300 * rng.normal(loc=0.5, size=70)))
    cases.append(samples_case("subnormal values",
                              5e-324 * rng.integers(0, 50, size=40),
                              5e-324 * rng.integers(10, 60, size=45)))
    cases.append(samples_case("skewed lognormal",
                              rng.lognormal(sigma=3.0, size=200), rng.lognormal(sigma=3.2, size=300)))
    cases.append(samples_case("skewed pareto against exponential",
                              rng.pareto(1.5, size=250), rng.exponential(size=350)))
    return cases


def statistic_cases(rng):
    cases = []

    # Sizes log-uniform in [1, 10000] and shifts that reach D from near 0 to 1.
    for index in range(160):
        n = int(np.exp(rng.uniform(0.0, math.log(10000.0))))
        m = n if index % 5 == 0 else int(np.exp(rng.uniform(0.0, math.log(10000.0))))
        shift = rng.choice([0.0, 0.05, 0.2, 0.5, 1.0, 3.0])
        cases.append(statistic_case(f"random sizes {n} and {m}, shift {shift}",
                                    rng.normal(size=n), rng.normal(loc=shift, size=m)))

    # The same fallback on larger samples, with h = 26 exact again for n = 10000.
    for n, h in [(1000, 8), (10000, 1), (10000, 25), (10000, 26)]:
        a, b = equal_size_pair(n, h)
        cases.append(statistic_case(f"equal sizes {n}, D = {h}/{n}", a, b))

    # Evenly spaced samples: every D from near 0 to 1 on a few size pairs.
    for n, m in [(40, 40), (40, 60), (37, 41), (300, 120), (1000, 999)]:
        for shift in [0.0, 0.01, 0.05, 0.1, 0.2, 0.5, 0.9, 0.99, 1.5]:
            a, b = shifted_grids(n, m, shift)
            cases.append(statistic_case(f"grids {n} and {m}, shift {shift}", a, b))

    # Beyond 'auto': the asymptotic p-value, and the exact one when requested.
    for n, m, shift, method in [(10001, 10001, 0.02, "auto"), (20000, 30000, 0.01, "auto"),
                                (20000, 15000, 0.01, "exact"), (30000, 30000, 0.01, "exact"),
                                (1000000, 1000000, 0.002, "exact"),
                                (50000, 50001, 0.01, "exact"), (70000, 40000, 0.01, "exact")]:
        cases.append(statistic_case(f"{method} sizes {n} and {m}, shift {shift}",
                                    rng.normal(size=n), rng.normal(loc=shift, size=m), method))
    return cases


def main():
    rng = np.random.default_rng(20240610)
    cases = sample_cases(rng) + statistic_cases(rng)
    document = {"source": f"NumPy {np.__version__}, SciPy {scipy.__version__}, "
                          "streams-app/src/test/python/ks_exact_reference_values.py",
                "cases": cases}
    OUTPUT_PATH.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT_PATH.write_text(json.dumps(document, allow_nan=False) + "\n")
    fallbacks = sum(case["fallback"] for case in cases)
    print(f"wrote {OUTPUT_PATH} ({len(cases)} cases, {fallbacks} with SciPy's fallback)")


if __name__ == "__main__":
    main()
