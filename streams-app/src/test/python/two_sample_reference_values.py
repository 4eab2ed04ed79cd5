"""Compute reference values for the two-sample tests of dev.momo.statistics with NumPy and SciPy.

Writes wasserstein.json, cramer_von_mises.json, cramer_von_mises_limiting_cdf.json,
anderson_darling.json and proportions_z_test.json into streams-app/src/test/resources/statistics/. The Java tests read them and compare to a
relative tolerance of 1e-9. Every random input comes from a fixed seed, so rerunning the script
with the same NumPy and SciPy versions rewrites the same files.

Encoding: NaN is written as null, and infinities as the strings "Infinity" and "-Infinity",
which Jackson's asDouble() parses. A sample is one of
    {"values": [...], "counts": [...]}   distinct values and how often each occurs,
    {"values": [...], "weights": [...]}  sorted values with non-integer weights,
    {"raw": [...]}                       the values as given, NaN included.

SciPy has no weighted version of the Cramer-von Mises and Anderson-Darling tests. For samples
with non-integer weights this script computes the weighted statistics defined in the Java
classes, with formulas written differently from the Java code, and checks that they reproduce
SciPy on integer weights before it writes anything. The statsmodels package is not installed
here, so the z-test values come from the formula of statsmodels' proportions_ztest, evaluated
with mpmath at 50 digits, and scipy.stats.norm.

Run from the repository root:
    python3 streams-app/src/test/python/two_sample_reference_values.py
"""

import json
import math
import warnings
from pathlib import Path

import mpmath
import numpy as np
import scipy
from scipy import special, stats
from scipy._lib._array_api import array_namespace
# Private SciPy 1.17.1 helpers, used so that the weighted cases share SciPy's p-value code.
from scipy.stats._hypotests import _cdf_cvm_inf, _pval_cvm_2samp_asymptotic

OUTPUT_DIRECTORY = Path(__file__).resolve().parents[1] / "resources" / "statistics"
SCRIPT = "streams-app/src/test/python/two_sample_reference_values.py"
SIGNIFICANCE_LEVELS = np.array([0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001])


def to_json_number(value):
    """Return a float for JSON, None for NaN, or a string for an infinity."""
    value = float(value)
    if math.isnan(value):
        return None
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    return value


def to_json_numbers(values):
    return [to_json_number(value) for value in values]


def counted(sample):
    """Encode an exact sample as its distinct values and their counts."""
    values, counts = np.unique(np.asarray(sample, dtype=float), return_counts=True)
    return {"values": to_json_numbers(values), "counts": counts.tolist()}


def weighted(values, weights):
    """Encode a weighted sample, sorted by value."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=float)
    order = np.argsort(values, kind="stable")
    return {"values": to_json_numbers(values[order]), "weights": weights[order].tolist()}


def raw(sample):
    return {"raw": to_json_numbers(sample)}


def groups(values_a, weights_a, values_b, weights_b):
    """Return the distinct pooled values and the weight of each sample at each of them."""
    pooled = np.unique(np.concatenate([values_a, values_b]))
    at_a = np.zeros(pooled.size)
    at_b = np.zeros(pooled.size)
    np.add.at(at_a, np.searchsorted(pooled, values_a), weights_a)
    np.add.at(at_b, np.searchsorted(pooled, values_b), weights_b)
    return pooled, at_a, at_b


# ---------------------------------------------------------------- Wasserstein


def wasserstein_case(name, a, b, weights_a=None, weights_b=None):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with np.errstate(invalid="ignore"):
        expected = stats.wasserstein_distance(a, b, weights_a, weights_b)
    if weights_a is None:
        encoded_a, encoded_b = counted(a), counted(b)
    else:
        encoded_a, encoded_b = weighted(a, weights_a), weighted(b, weights_b)
    return {"name": name, "a": encoded_a, "b": encoded_b, "distance": to_json_number(expected)}


def wasserstein_cases():
    rng = np.random.default_rng(20240611)
    cases = []
    normal = rng.normal(size=50)
    cases.append(wasserstein_case("identical samples", normal, normal.copy()))
    ties = rng.integers(0, 5, size=40).astype(float)
    cases.append(wasserstein_case("identical samples with ties", ties, ties.copy()))
    cases.append(wasserstein_case("ties in both samples",
                                  rng.integers(0, 5, size=30), rng.integers(0, 7, size=45)))
    cases.append(wasserstein_case("shift 0.5, sizes 100 and 150",
                                  rng.normal(size=100), rng.normal(loc=0.5, size=150)))
    cases.append(wasserstein_case("scale change, sizes 300 and 400",
                                  rng.normal(size=300), rng.normal(scale=3.0, size=400)))
    cases.append(wasserstein_case("disjoint samples", rng.normal(size=20), rng.normal(size=30) + 100.0))
    cases.append(wasserstein_case("single values", [1.0], [4.0]))
    cases.append(wasserstein_case("single value against many", [0.25], rng.normal(size=25)))
    cases.append(wasserstein_case("all values equal, same value", [2.0, 2.0, 2.0], [2.0, 2.0]))
    cases.append(wasserstein_case("all values equal, different values", [2.0, 2.0, 2.0], [5.0, 5.0]))
    cases.append(wasserstein_case("very large magnitudes",
                                  rng.normal(size=60) * 1e150, rng.normal(loc=0.3, size=80) * 1e150))
    cases.append(wasserstein_case("very small magnitudes",
                                  rng.normal(size=60) * 1e-200, rng.normal(loc=0.3, size=80) * 1e-200))
    cases.append(wasserstein_case("large offset", 1e9 + rng.normal(size=100), 1e9 + rng.normal(size=90)))
    cases.append(wasserstein_case("highly skewed, lognormal sigma 3",
                                  rng.lognormal(sigma=3.0, size=500), rng.lognormal(sigma=3.0, size=700)))
    cases.append(wasserstein_case("highly skewed, Pareto tail",
                                  rng.pareto(1.1, size=400), rng.pareto(1.5, size=600)))
    cases.append(wasserstein_case("large samples 10000 and 50000, rounded to 3 decimals",
                                  np.round(rng.normal(loc=0.1, size=10_000), 3),
                                  np.round(rng.normal(size=50_000), 3)))
    # Infinite values: SciPy multiplies CDF differences by gaps that are infinite or NaN.
    cases.append(wasserstein_case("positive infinity in one sample", [0.0, np.inf], [0.0, 1.0]))
    cases.append(wasserstein_case("negative infinity in one sample", [-np.inf, 0.0], [0.0, 1.0]))
    cases.append(wasserstein_case("same infinity in both samples", [0.0, np.inf], [0.0, np.inf]))

    cases.append(wasserstein_case("non-integer weights",
                                  rng.normal(size=40), rng.normal(loc=0.4, size=60),
                                  rng.uniform(0.1, 5.0, size=40), rng.uniform(0.1, 5.0, size=60)))
    cases.append(wasserstein_case("weights from 1e-6 to 1e6",
                                  rng.normal(size=30), rng.normal(size=30),
                                  10.0 ** rng.uniform(-6, 6, size=30), 10.0 ** rng.uniform(-6, 6, size=30)))
    cases.append(wasserstein_case("weights on shared values",
                                  [0.0, 1.0, 2.0, 3.0], [1.0, 2.0, 3.0, 4.0],
                                  [0.5, 1.5, 2.5, 3.5], [2.0, 0.25, 1.0, 4.0]))
    cases.append(wasserstein_case("compressed-like weights against exact sample",
                                  np.sort(rng.normal(size=50)), rng.normal(loc=0.2, size=80),
                                  np.full(50, 1000.0 / 50), np.ones(80)))

    # WeightedSample.of(double[]) skips NaN, so the expected value is SciPy's on the rest.
    with_nan_a = np.array([0.5, np.nan, 1.5, 2.5, np.nan])
    with_nan_b = np.array([np.nan, 1.0, 3.0])
    expected = stats.wasserstein_distance(with_nan_a[~np.isnan(with_nan_a)],
                                          with_nan_b[~np.isnan(with_nan_b)])
    cases.append({"name": "NaN values skipped", "a": raw(with_nan_a), "b": raw(with_nan_b),
                  "distance": to_json_number(expected)})
    return cases


# ---------------------------------------------------------------- Cramer-von Mises


def cvm_weighted_statistic(values_a, weights_a, values_b, weights_b):
    """Return T with each point of weight w taken as w tied copies, by SciPy's rank form.

    Take tie group g with weights x_g and y_g, and weights X_g and Y_g below it. Its copies have
    midrank X_g + Y_g + (x_g + y_g + 1) / 2. Summed over the copies from sample a, (rank - index)^2
    gives x_g (Y_g + y_g / 2)^2 + (x_g^3 - x_g) / 12, and symmetrically for b.
    """
    _, at_a, at_b = groups(values_a, weights_a, values_b, weights_b)
    n = at_a.sum()
    m = at_b.sum()
    below_a = np.concatenate([[0.0], np.cumsum(at_a)[:-1]])
    below_b = np.concatenate([[0.0], np.cumsum(at_b)[:-1]])
    u = (n * np.sum(at_a * (below_b + at_b / 2) ** 2 + (at_a ** 3 - at_a) / 12)
         + m * np.sum(at_b * (below_a + at_a / 2) ** 2 + (at_b ** 3 - at_b) / 12))
    k = n * m
    total = n + m
    return u / (k * total) - (4 * k - 1) / (6 * total), n, m


def cvm_asymptotic_p_value(statistic, n, m):
    t = np.asarray([statistic])
    return float(_pval_cvm_2samp_asymptotic(t, n + m, n, m, n * m, xp=array_namespace(t))[0])


def cvm_case(name, a, b):
    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    with warnings.catch_warnings():
        # Sizes below 2 give NaN with a SmallSampleWarning.
        warnings.simplefilter("ignore")
        result = stats.cramervonmises_2samp(a, b, method="auto")
    method = "exact" if max(a.size, b.size) <= 20 else "asymptotic"
    if min(a.size, b.size) >= 2:
        # The rank form above must reproduce SciPy before it is trusted for non-integer weights.
        values_a, counts_a = np.unique(a, return_counts=True)
        values_b, counts_b = np.unique(b, return_counts=True)
        own, _, _ = cvm_weighted_statistic(values_a, counts_a.astype(float), values_b, counts_b.astype(float))
        assert math.isclose(own, result.statistic, rel_tol=1e-11, abs_tol=1e-13), (name, own, result.statistic)
    return {"name": name, "method": method, "a": counted(a), "b": counted(b),
            "statistic": to_json_number(result.statistic), "pValue": to_json_number(result.pvalue)}


def cvm_weighted_case(name, values_a, weights_a, values_b, weights_b):
    statistic, n, m = cvm_weighted_statistic(np.asarray(values_a, dtype=float), np.asarray(weights_a, dtype=float),
                                             np.asarray(values_b, dtype=float), np.asarray(weights_b, dtype=float))
    return {"name": name, "method": "asymptotic", "a": weighted(values_a, weights_a),
            "b": weighted(values_b, weights_b), "statistic": to_json_number(statistic),
            "pValue": to_json_number(cvm_asymptotic_p_value(statistic, n, m))}


def cvm_cases():
    rng = np.random.default_rng(20240612)
    cases = []
    for n, m in [(2, 2), (2, 3), (3, 2), (5, 7), (10, 10), (2, 20), (19, 20), (20, 19), (20, 20)]:
        cases.append(cvm_case(f"exact p-value, sizes {n} and {m}",
                              rng.normal(size=n), rng.normal(loc=0.8, size=m)))
    cases.append(cvm_case("exact p-value, disjoint samples", rng.normal(size=8), rng.normal(size=9) + 10.0))
    same = rng.normal(size=7)
    cases.append(cvm_case("exact p-value, identical samples", same, same.copy()))
    cases.append(cvm_case("exact p-value, ties", [1, 1, 2, 3, 3, 3], [1, 2, 2, 2, 4, 4, 4]))
    cases.append(cvm_case("exact p-value, ties, sizes 20 and 20",
                          rng.integers(0, 4, size=20), rng.integers(0, 5, size=20)))
    cases.append(cvm_case("all values equal", [1.0, 1.0, 1.0], [1.0, 1.0]))
    cases.append(cvm_case("asymptotic p-value, sizes 21 and 20", rng.normal(size=21), rng.normal(size=20)))
    cases.append(cvm_case("asymptotic p-value, sizes 20 and 21", rng.normal(size=20), rng.normal(size=21)))
    cases.append(cvm_case("shift 0.3, sizes 100 and 150",
                          rng.normal(size=100), rng.normal(loc=0.3, size=150)))
    cases.append(cvm_case("scale change, sizes 300 and 400",
                          rng.normal(size=300), rng.normal(scale=2.0, size=400)))
    cases.append(cvm_case("same distribution, sizes 1000 and 2000",
                          rng.normal(size=1000), rng.normal(size=2000)))
    cases.append(cvm_case("shift 0.15, sizes 1000 and 2000",
                          rng.normal(size=1000), rng.normal(loc=0.15, size=2000)))
    cases.append(cvm_case("shift 1, p-value below 1e-10",
                          rng.normal(size=200), rng.normal(loc=1.0, size=300)))
    # Far in the tail SciPy's truncated series for the limiting CDF is no longer monotone.
    cases.append(cvm_case("shift 3, p-value from the truncated series",
                          rng.normal(size=200), rng.normal(loc=3.0, size=300)))
    cases.append(cvm_case("ties in both samples, sizes 300 and 500",
                          rng.integers(0, 6, size=300), rng.integers(0, 7, size=500)))
    cases.append(cvm_case("very large magnitudes",
                          rng.normal(size=60) * 1e150, rng.normal(loc=0.5, size=80) * 1e150))
    cases.append(cvm_case("very small magnitudes",
                          rng.normal(size=60) * 1e-200, rng.normal(loc=0.5, size=80) * 1e-200))
    cases.append(cvm_case("highly skewed, lognormal sigma 3",
                          rng.lognormal(sigma=3.0, size=500), rng.lognormal(sigma=3.2, size=700)))
    cases.append(cvm_case("large samples 10000 and 50000, rounded to 3 decimals",
                          np.round(rng.normal(loc=0.03, size=10_000), 3),
                          np.round(rng.normal(size=50_000), 3)))
    cases.append(cvm_case("single value", [1.0], [2.0, 3.0, 4.0]))

    with_nan_a = np.array([0.5, np.nan, 1.5, 2.5, np.nan, -1.0])
    with_nan_b = np.array([np.nan, 1.0, 3.0, 0.0])
    result = stats.cramervonmises_2samp(with_nan_a, with_nan_b, nan_policy="omit")
    cases.append({"name": "NaN values skipped", "method": "exact", "a": raw(with_nan_a), "b": raw(with_nan_b),
                  "statistic": to_json_number(result.statistic), "pValue": to_json_number(result.pvalue)})

    cases.append(cvm_weighted_case("non-integer weights",
                                   rng.normal(size=40), rng.uniform(0.2, 3.0, size=40),
                                   rng.normal(loc=0.5, size=50), rng.uniform(0.2, 3.0, size=50)))
    cases.append(cvm_weighted_case("non-integer weights on shared values",
                                   [0.0, 1.0, 2.0, 3.0], [1.5, 2.5, 0.5, 4.0],
                                   [1.0, 2.0, 3.0, 5.0], [2.25, 0.75, 3.5, 1.0]))
    cases.append(cvm_weighted_case("compressed-like weights against exact sample",
                                   np.sort(rng.normal(size=50)), np.full(50, 1000.0 / 50 + 0.3),
                                   rng.normal(loc=0.2, size=80), np.ones(80)))
    return cases


def cvm_limiting_cdf_cases():
    """Return SciPy's limiting CDF of the statistic, the series that the asymptotic p-value uses."""
    points = np.concatenate([[0.003, 0.0031, 0.01, 0.02, 0.05, 0.1, 0.2, 0.461, 0.5, 0.743, 1.0,
                              1.168, 2.0, 3.0, 5.0, 10.0, 50.0, 400.0],
                             np.random.default_rng(20240613).uniform(0.003, 3.0, size=20)])
    values = _cdf_cvm_inf(np.asarray(points))
    return [{"x": float(x), "cdf": to_json_number(value)} for x, value in zip(points, values)]


# ---------------------------------------------------------------- Anderson-Darling


def ad_weighted(samples):
    """Return (A2, critical values, p-value) for weighted samples [(values, weights), ...].

    The midrank statistic of Scholz and Stephens (1987), eq. 7, with counts replaced by weights;
    the harmonic sums h and g of its variance come from digamma and trigamma at the total weight N.
    """
    k = len(samples)
    pooled = np.unique(np.concatenate([values for values, _ in samples]))
    at = np.zeros((k, pooled.size))
    for i, (values, weights) in enumerate(samples):
        np.add.at(at[i], np.searchsorted(pooled, values), weights)
    sizes = at.sum(axis=1)
    total = sizes.sum()
    pooled_weights = at.sum(axis=0)
    pooled_mid = np.cumsum(pooled_weights) - pooled_weights / 2
    sum_over_samples = 0.0
    for i in range(k):
        sample_mid = np.cumsum(at[i]) - at[i] / 2
        denominator = pooled_mid * (total - pooled_mid) - total * pooled_weights / 4
        terms = pooled_weights / total * (total * sample_mid - pooled_mid * sizes[i]) ** 2 / denominator
        sum_over_samples += terms.sum() / sizes[i]
    a2kn = sum_over_samples * (total - 1) / total

    harmonic = float(special.digamma(total) + np.euler_gamma)
    g = float(math.pi ** 2 / 6 - special.polygamma(1, total)) - 2 * harmonic / total
    inverse_sizes = np.sum(1.0 / sizes)
    a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * inverse_sizes
    b = ((2 * g - 4) * k ** 2 + 8 * harmonic * k + (2 * g - 14 * harmonic - 4) * inverse_sizes
         - 8 * harmonic + 4 * g - 6)
    c = ((6 * harmonic + 2 * g - 2) * k ** 2 + (4 * harmonic - 4 * g + 6) * k
         + (2 * harmonic - 6) * inverse_sizes + 4 * harmonic)
    d = (2 * harmonic + 6) * k ** 2 - 4 * harmonic * k
    variance = (a * total ** 3 + b * total ** 2 + c * total + d) / ((total - 1) * (total - 2) * (total - 3))
    statistic = (a2kn - (k - 1)) / math.sqrt(variance)

    m = k - 1
    critical = (np.array([0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085])
                + np.array([-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615]) / math.sqrt(m)
                + np.array([-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154]) / m)
    if statistic < critical.min():
        p_value = 0.25
    elif statistic > critical.max():
        p_value = 0.001
    else:
        p_value = math.exp(np.polyval(np.polyfit(critical, np.log(SIGNIFICANCE_LEVELS), 2), statistic))
    return statistic, critical, p_value


def ad_scipy(samples):
    """Return SciPy's result, or the exception text where it raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            result = stats.anderson_ksamp(samples, midrank=True)
        except (ValueError, IndexError) as error:
            return None, f"{type(error).__name__}: {error}"
    return result, None


def ad_case(name, samples):
    samples = [np.asarray(sample, dtype=float) for sample in samples]
    result, error = ad_scipy(samples)
    case = {"name": name, "samples": [counted(sample) for sample in samples]}
    if error is not None:
        case.update({"scipyRaises": error, "statistic": None, "pValue": None})
        return case
    if len(samples) >= 2 and sum(sample.size for sample in samples) >= 4 and np.isfinite(result.statistic):
        own, own_critical, own_p = ad_weighted([np.unique(s, return_counts=True) for s in samples])
        assert math.isclose(own, result.statistic, rel_tol=1e-10), (name, own, result.statistic)
        assert math.isclose(own_p, result.pvalue, rel_tol=1e-10), (name, own_p, result.pvalue)
        assert np.allclose(own_critical, result.critical_values, rtol=1e-15), name
    case.update({"statistic": to_json_number(result.statistic), "pValue": to_json_number(result.pvalue),
                 "criticalValues": to_json_numbers(result.critical_values)})
    return case


def ad_weighted_case(name, samples):
    statistic, critical, p_value = ad_weighted(
        [(np.asarray(values, dtype=float), np.asarray(weights, dtype=float)) for values, weights in samples])
    return {"name": name, "samples": [weighted(values, weights) for values, weights in samples],
            "statistic": to_json_number(statistic), "pValue": to_json_number(p_value),
            "criticalValues": to_json_numbers(critical)}


def ad_cases():
    rng = np.random.default_rng(20240614)
    cases = [
        ad_case("two samples, interpolated p-value",
                [rng.normal(size=50), rng.normal(loc=0.5, size=30)]),
        ad_case("two samples, same distribution, p-value capped",
                [rng.normal(size=200), rng.normal(size=300)]),
        ad_case("two samples, large shift, p-value floored",
                [rng.normal(size=200), rng.normal(loc=1.5, size=300)]),
        ad_case("three samples", [rng.normal(size=40), rng.normal(size=50), rng.normal(loc=0.6, size=30)]),
        ad_case("five samples", [rng.normal(loc=0.1 * i, size=25 + 5 * i) for i in range(5)]),
        ad_case("ten samples", [rng.normal(loc=0.05 * i, size=30) for i in range(10)]),
        ad_case("ties in every sample", [rng.integers(0, 5, size=60), rng.integers(0, 6, size=80),
                                         rng.integers(1, 5, size=40)]),
        ad_case("two distinct values", [[0, 0, 1, 1, 1], [0, 1, 1, 1, 1, 1, 0]]),
        ad_case("four values, p-value interpolated", [[1.0, 2.0], [3.0, 4.0]]),
        ad_case("one value against four", [[1.0, 1.0, 1.0, 1.0], [2.0]]),
        ad_case("five values in total", [[1.0, 2.5], [2.0, 3.0, 4.0]]),
        ad_case("six values in two samples", [[1.0, 5.0, 2.0], [3.0, 4.0, 6.0]]),
        ad_case("seven values in three samples", [[1.0, 5.0], [2.0, 3.0, 7.0], [4.0, 6.0]]),
        ad_case("very large magnitudes", [rng.normal(size=60) * 1e150, rng.normal(loc=0.4, size=70) * 1e150]),
        ad_case("very small magnitudes", [rng.normal(size=60) * 1e-200, rng.normal(loc=0.4, size=70) * 1e-200]),
        ad_case("highly skewed, lognormal sigma 3",
                [rng.lognormal(sigma=3.0, size=500), rng.lognormal(sigma=3.2, size=700)]),
        ad_case("large samples 10000 and 50000, rounded to 3 decimals",
                [np.round(rng.normal(loc=0.03, size=10_000), 3), np.round(rng.normal(size=50_000), 3)]),
        ad_case("three values in total", [[1.0], [2.0, 3.0]]),
        ad_case("two values in total", [[1.0], [2.0]]),
        ad_case("all values equal", [[1.0, 1.0], [1.0, 1.0, 1.0]]),
        ad_case("one sample", [[1.0, 2.0, 3.0]]),
        ad_case("empty sample", [[1.0, 2.0], [], [3.0, 4.0]]),
        ad_weighted_case("non-integer weights",
                         [(rng.normal(size=40), rng.uniform(0.2, 3.0, size=40)),
                          (rng.normal(loc=0.5, size=50), rng.uniform(0.2, 3.0, size=50))]),
        ad_weighted_case("non-integer weights on shared values, three samples",
                         [([0.0, 1.0, 2.0, 3.0], [1.5, 2.5, 0.5, 4.0]),
                          ([1.0, 2.0, 3.0, 5.0], [2.25, 0.75, 3.5, 1.0]),
                          ([0.0, 2.0, 4.0], [0.5, 1.25, 2.0])]),
        ad_weighted_case("non-integer weights, total weight 4.5",
                         [([1.0, 2.0], [1.0, 1.5]), ([3.0, 4.0], [1.25, 0.75])]),
        ad_weighted_case("compressed-like weights against exact sample",
                         [(np.sort(rng.normal(size=50)), np.full(50, 1000.0 / 50 + 0.3)),
                          (rng.normal(loc=0.2, size=80), np.ones(80))]),
    ]

    with_nan = [np.array([0.5, np.nan, 1.5, 2.5, -1.0]), np.array([np.nan, 1.0, 3.0, 0.0, 4.0])]
    result, _ = ad_scipy([sample[~np.isnan(sample)] for sample in with_nan])
    cases.append({"name": "NaN values skipped", "samples": [raw(sample) for sample in with_nan],
                  "statistic": to_json_number(result.statistic), "pValue": to_json_number(result.pvalue),
                  "criticalValues": to_json_numbers(result.critical_values)})
    return cases


# ---------------------------------------------------------------- two-proportion z-test


def z_case(name, successes_a, total_a, successes_b, total_b):
    """Return the pooled z statistic, computed at 50 digits, and 2 * norm.sf(|z|)."""
    with mpmath.workdps(50):
        share_a = mpmath.mpf(successes_a) / total_a
        share_b = mpmath.mpf(successes_b) / total_b
        pooled = mpmath.mpf(successes_a + successes_b) / (total_a + total_b)
        variance = pooled * (1 - pooled) * (mpmath.mpf(1) / total_a + mpmath.mpf(1) / total_b)
        z = float((share_a - share_b) / mpmath.sqrt(variance))
    return {"name": name, "successesA": successes_a, "totalA": total_a, "successesB": successes_b,
            "totalB": total_b, "statistic": z, "pValue": float(2 * stats.norm.sf(abs(z)))}


def z_cases():
    return [
        z_case("equal proportions", 30, 100, 60, 200),
        z_case("small difference", 5000, 10_000, 5100, 10_000),
        z_case("moderate difference", 12, 83, 5, 99),
        z_case("first proportion larger", 80, 200, 40, 200),
        z_case("one success in each", 1, 1000, 1, 50),
        z_case("no successes in one group", 0, 500, 25, 500),
        z_case("all successes in one group", 400, 400, 350, 400),
        z_case("non-integer weighted counts", 12.5, 40.25, 30.75, 60.5),
        z_case("large totals, small difference", 1_000_000_123, 2_000_000_000, 999_990_000, 2_000_000_000),
        z_case("tail, z near 10", 600, 1000, 380, 1000),
        z_case("tail, z near 20", 750, 1000, 300, 1000),
        z_case("far tail, z near 30", 5_000, 10_000, 2_900, 10_000),
        z_case("far tail, z near 37, p-value near 1e-300", 5_500, 10_000, 2_900, 10_000),
    ]


# ---------------------------------------------------------------- output


def write(name, content):
    document = {"source": f"NumPy {np.__version__}, SciPy {scipy.__version__}, mpmath {mpmath.__version__}, "
                          f"{SCRIPT}",
                "cases": content}
    path = OUTPUT_DIRECTORY / name
    path.write_text(json.dumps(document, allow_nan=False) + "\n")
    print(f"wrote {path} ({len(content)} cases)")


def main():
    OUTPUT_DIRECTORY.mkdir(parents=True, exist_ok=True)
    write("wasserstein.json", wasserstein_cases())
    write("cramer_von_mises.json", cvm_cases())
    write("cramer_von_mises_limiting_cdf.json", cvm_limiting_cdf_cases())
    write("anderson_darling.json", ad_cases())
    write("proportions_z_test.json", z_cases())


if __name__ == "__main__":
    main()
