"""Compute NannyML's univariate drift values on its synthetic car-loan data set.

Writes streams-app/src/test/resources/drift/nannyml_car_loan.json: for each monitored column and
for the Jensen-Shannon and Hellinger distances, the value of every reference and analysis chunk,
the thresholds and the alert flags, as NannyML's UnivariateDriftCalculator computes them with
chunk_size=5000 and treat_as_categorical=['y_pred'] (the configuration of NannyML's univariate
drift tutorial). NannyML cannot be installed offline, so this script reimplements its method with
the standard library only. Every step names the NannyML source it follows:

  repository NannyML/nannyml, commit 1cd1b554ddb1740651dd589913602a19de258c9b,
    nannyml/drift/univariate/methods.py   ContinuousJensenShannonDistance, CategoricalJensen-
                                          ShannonDistance, ContinuousHellingerDistance,
                                          CategoricalHellingerDistance, Method.fit
  commit ba5d2636dd8c7561729587d6bbdfdc99e21bf92d, nannyml/drift/univariate/calculator.py
                                          DEFAULT_THRESHOLDS, _split_continuous_and_categorical
  commit 5493e7c964cfc22ac192d239300d4ddbbe16fa9e, nannyml/base.py
                                          _column_is_categorical, _column_is_continuous, _remove_nans
  commit 7323e20ab658865e37ff0c767106206af2e2990d, nannyml/thresholds.py
                                          StandardDeviationThreshold, calculate_threshold_values
  commit 022b8fa6b1cb5d86b66f428d52847001889f099c, nannyml/chunk.py
                                          Chunker.split, SizeBasedChunker (incomplete='keep')

plus numpy.histogram_bin_edges(bins='doane'), numpy.histogram and
scipy.spatial.distance.jensenshannon(base=2), read in the installed NumPy 2.4 and SciPy 1.17.1.

NannyML releases before pull request NannyML/nannyml#404 (merged 2024-07-05) differ in two rules.
They sent a numeric column with at most 50 distinct values, and at most 10 % distinct values, to
the categorical path. They also binned integer columns without the float64 cast, where NumPy raises
a Doane width below 1 to 1. On this data only loan_length changes, and its values move by less than
1e-12 relative because each of its float bins contains at most one integer. The JSON keeps that
older result under "variants".

The CSV files are read from DATASETS/nannyml/ and never copied. Run from the repository root:
    python3 streams-app/src/test/python/nannyml_reference_values.py [DATASETS] [--check-with-numpy]
DATASETS defaults to ../shared/datasets. --check-with-numpy recomputes every value with NumPy and
SciPy calls shaped like NannyML's and fails if any differs by more than 1e-12 relative.
"""

import argparse
import bisect
import csv
import gzip
import json
import math
import re
import sys
from pathlib import Path

REPOSITORY_ROOT = Path(__file__).resolve().parents[4]
OUTPUT_FILE = REPOSITORY_ROOT / "streams-app" / "src" / "test" / "resources" / "drift" / "nannyml_car_loan.json"

CHUNK_SIZE = 5000
STD_MULTIPLIER = 3.0
COLUMNS = ["car_value", "salary_range", "debt_to_income_ratio", "loan_length", "repaid_loan_on_prev_car",
           "size_of_downpayment", "driver_tenure", "y_pred_proba", "y_pred"]
TREAT_AS_CATEGORICAL = {"y_pred"}
TIMESTAMP_COLUMN = "timestamp"
STATISTICS = ("jensen_shannon", "hellinger")

# Values that pandas.read_csv reads as missing by default: STR_NA_VALUES of pandas 2.x, which adds
# "None" to the list of pandas 1.5.3.
PANDAS_NA_VALUES = {"", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND",
                    "1.#QNAN", "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null"}
INTEGER_PATTERN = re.compile(r"[+-]?\d+")
FLOAT_PATTERN = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|[+-]?(inf|Inf|INF|infinity|Infinity)")
BOOLEAN_TEXT = {"True": True, "TRUE": True, "true": True, "False": False, "FALSE": False, "false": False}

# Jensen-Shannon values of the analysis chunks of debt_to_income_ratio, rounded to 6 digits as the
# stored output of NannyML's tutorial notebook prints them for the same data and chunks.
PUBLISHED = {
    "repository": "NannyML/nannyml",
    "commit": "17ca5c29798c805f3bd68f3ac4142ec2aa05c51a",
    "path": "docs/example_notebooks/Tutorial - Drift - Univariate - Car Loan.ipynb",
    "url": "https://github.com/NannyML/nannyml/blob/17ca5c29798c805f3bd68f3ac4142ec2aa05c51a/docs/"
           "example_notebooks/Tutorial%20-%20Drift%20-%20Univariate%20-%20Car%20Loan.ipynb",
    "also_in": ["docs/example_notebooks/Tutorial - Drift - Univariate.ipynb at commit "
                "4d03cd4b2479babb90f224118e7811d43d56f71c",
                "docs/example_notebooks/Tutorial - Ranking.ipynb at commit "
                "9b992b5163ae98fc14c7d81413be2735928dec6a"],
    "tutorial_page": "https://nannyml.readthedocs.io/en/v0.8.4/tutorials/detecting_data_drift/"
                     "univariate_drift_detection.html",
    "note": "Stored cell output of the notebooks behind NannyML's univariate drift tutorial; the "
            "comparison used the notebooks, not the rendered page. Those runs used a fixed upper "
            "threshold of 0.1, older than the standard deviation thresholds, so only the values are "
            "compared.",
    "column": "debt_to_income_ratio",
    "statistic": "jensen_shannon",
    "analysis_chunk_values_rounded_6": [0.031661, 0.030011, 0.031129, 0.029464, 0.030809,
                                        0.028681, 0.043628, 0.029253, 0.030628, 0.028330],
}


def read_table(path):
    """Read a gzip CSV file into a dict of column name to list of cell strings."""
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        cells = {name: [] for name in header}
        for row in reader:
            for name, cell in zip(header, row):
                cells[name].append(cell)
    return cells


def infer_pandas_dtype(cells):
    """Return the dtype pandas.read_csv infers for a column: int64, float64, bool or object.

    The C parser tries integers, then floats, then the boolean words. A missing cell turns an
    integer column into float64 and a boolean column into object.
    """
    present = [cell for cell in cells if cell not in PANDAS_NA_VALUES]
    has_missing = len(present) < len(cells)
    if present and all(INTEGER_PATTERN.fullmatch(cell) for cell in present):
        return "float64" if has_missing else "int64"
    if present and all(FLOAT_PATTERN.fullmatch(cell) for cell in present):
        return "float64"
    if present and all(cell in BOOLEAN_TEXT for cell in present):
        return "object" if has_missing else "bool"
    return "object"


def typed_values(cells, dtype):
    """Convert cells to Python values of a dtype, dropping missing ones as _remove_nans does."""
    present = [cell for cell in cells if cell not in PANDAS_NA_VALUES]
    if dtype == "int64":
        return [int(cell) for cell in present]
    if dtype == "float64":
        return [float(cell) for cell in present]
    if dtype == "bool":
        return [BOOLEAN_TEXT[cell] for cell in present]
    return present


def column_kind(name, dtype):
    """Return the kind, 'continuous' or 'categorical', that _split_continuous_and_categorical
    gives a column, and the reason for it."""
    if name in TREAT_AS_CATEGORICAL:
        return "categorical", "listed in treat_as_categorical"
    if dtype in ("object", "bool"):
        return "categorical", f"pandas dtype {dtype} is categorical in _column_is_categorical"
    return "continuous", f"pandas dtype {dtype} is continuous in _column_is_continuous"


def size_based_chunks(row_count, chunk_size):
    """Return (start, end) row ranges, end exclusive, of SizeBasedChunker with incomplete='keep'."""
    bounds = [(start, start + chunk_size) for start in range(0, row_count - chunk_size + 1, chunk_size)]
    if row_count % chunk_size:
        bounds.append((row_count - row_count % chunk_size, row_count))
    return bounds


def doane_bin_edges(values, integer_width_rule):
    """Return numpy.histogram_bin_edges(values, bins='doane') and range / width before the ceiling.

    Doane (1976): k = 1 + log2(n) + log2(1 + |g1| / sigma_g1), where g1 is the population skewness
    and sigma_g1 = sqrt(6 (n - 2) / ((n + 1) (n + 3))). The width is range / k, and the edges are
    linspace(min, max, ceil(range / width) + 1). NumPy raises a width below 1 to 1 for integer arrays.
    """
    n = len(values)
    first_edge, last_edge = min(values), max(values)
    if first_edge == last_edge:
        first_edge, last_edge = first_edge - 0.5, last_edge + 0.5
    width = 0.0
    if n > 2:
        sigma_g1 = math.sqrt(6.0 * (n - 2) / ((n + 1.0) * (n + 3)))
        # fsum differs from NumPy's summation in the last bits only, which moves range / width far
        # less than check_bin_counts requires before a different bin count could result.
        mean = math.fsum(values) / n
        sigma = math.sqrt(math.fsum((value - mean) ** 2 for value in values) / n)
        if sigma > 0.0:
            skewness = math.fsum(((value - mean) / sigma) ** 3 for value in values) / n
            ptp = max(values) - min(values)
            width = ptp / (1.0 + math.log2(n) + math.log2(1.0 + abs(skewness) / sigma_g1))
    ratio = None
    if width:
        if integer_width_rule and width < 1:
            width = 1
        ratio = (last_edge - first_edge) / width
        bin_count = math.ceil(ratio)
    else:
        bin_count = 1

    # numpy.linspace: start + i * (stop - start) / bins, with the last edge set to stop exactly.
    step = (float(last_edge) - float(first_edge)) / bin_count
    edges = [i * step + float(first_edge) for i in range(bin_count)] + [float(last_edge)]
    return edges, ratio


def histogram_counts(sorted_values, edges):
    """Count values per bin as numpy.histogram does: [e_i, e_i+1) and a closed last bin."""
    positions = [bisect.bisect_left(sorted_values, edge) for edge in edges[:-1]]
    positions.append(bisect.bisect_right(sorted_values, edges[-1]))
    return [positions[i + 1] - positions[i] for i in range(len(edges) - 1)]


def category_counts(values, categories):
    """Count values per reference category, in the order of numpy.unique over the reference."""
    counts = dict.fromkeys(categories, 0)
    for value in values:
        if value in counts:
            counts[value] += 1
    return [counts[category] for category in categories]


def numpy_sum(values):
    """Return numpy.sum of a float64 vector bit for bit, by NumPy's pairwise summation.

    Below 8 terms NumPy adds left to right. Up to 128 terms it keeps 8 running sums and combines
    them as ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)). It splits longer vectors in two
    halves, the first a multiple of 8 long. The same order keeps sums with cancellation, such as
    the Jensen-Shannon divergence of nearly equal distributions, equal to SciPy's.
    """
    n = len(values)
    if n < 8:
        total = -0.0
        for value in values:
            total += value
        return total
    if n <= 128:
        sums = list(values[:8])
        end = n - n % 8
        for block in range(8, end, 8):
            for lane in range(8):
                sums[lane] += values[block + lane]
        total = ((sums[0] + sums[1]) + (sums[2] + sums[3])) + ((sums[4] + sums[5]) + (sums[6] + sums[7]))
        for value in values[end:]:
            total += value
        return total
    half = n // 2
    half -= half % 8
    return numpy_sum(values[:half]) + numpy_sum(values[half:])


def with_leftover(reference_probabilities, chunk_probabilities):
    """Append the chunk's mass outside the reference bins or categories as one more bin.

    NannyML appends 1 - sum(chunk probabilities) when it is positive, with reference probability 0.
    Rounding can leave a leftover near 1e-16 even when every value fell in a bin. NannyML appends
    that one too, so this function does the same.
    """
    leftover = 1 - numpy_sum(chunk_probabilities)
    if leftover > 0:
        return reference_probabilities + [0.0], chunk_probabilities + [leftover]
    return reference_probabilities, chunk_probabilities


def relative_entropy_term(x, y):
    """Return scipy.special.rel_entr(x, y): x ln(x / y), 0 at x = 0, infinity where y = 0 < x.

    SciPy 1.17 evaluates x log1p((x - y) / y) when x / y lies in (0.5, 2), which keeps precision for
    nearly equal x and y, and x (log x - log y) when x / y underflows or overflows.
    """
    if x > 0 and y > 0:
        ratio = x / y
        if 0.5 < ratio < 2:
            return x * math.log1p((x - y) / y)
        if sys.float_info.min < ratio < math.inf:
            return x * math.log(ratio)
        return x * (math.log(x) - math.log(y))
    if x == 0 and y >= 0:
        return 0.0
    return math.inf


def jensen_shannon_distance(p, q):
    """Return scipy.spatial.distance.jensenshannon(p, q, base=2), in [0, 1]."""
    p_total, q_total = numpy_sum(p), numpy_sum(q)
    p = [x / p_total for x in p]
    q = [x / q_total for x in q]
    m = [(a + b) / 2.0 for a, b in zip(p, q)]
    divergence = numpy_sum([relative_entropy_term(a, c) for a, c in zip(p, m)])
    divergence += numpy_sum([relative_entropy_term(b, c) for b, c in zip(q, m)])
    return math.sqrt(divergence / math.log(2) / 2.0)


def hellinger_distance(p, q):
    """Return sqrt(sum((sqrt(p) - sqrt(q))^2)) / sqrt(2), in [0, 1], as NannyML computes it."""
    return math.sqrt(numpy_sum([(math.sqrt(a) - math.sqrt(b)) ** 2 for a, b in zip(p, q)])) / math.sqrt(2)


DISTANCES = {"jensen_shannon": jensen_shannon_distance, "hellinger": hellinger_distance}


class FittedColumn:
    """Reference bins of one column: Doane edges or the sorted reference categories."""

    def __init__(self, reference_values, histogram_path, integer_width_rule):
        self.histogram_path = histogram_path
        self.edges, self.bin_ratio, self.categories = None, None, None
        if histogram_path:
            self.edges, self.bin_ratio = doane_bin_edges(reference_values, integer_width_rule)
            self.reference_counts = histogram_counts(sorted(reference_values), self.edges)
        else:
            self.categories = sorted(set(reference_values))
            self.reference_counts = category_counts(reference_values, self.categories)
        self.reference_probabilities = [count / len(reference_values) for count in self.reference_counts]

    def distance(self, statistic, chunk_values):
        """Return one statistic of a chunk against the reference, or NaN for an empty chunk."""
        if not chunk_values:
            return math.nan
        if self.histogram_path:
            counts = histogram_counts(sorted(chunk_values), self.edges)
        else:
            counts = category_counts(chunk_values, self.categories)
        chunk_probabilities = [count / len(chunk_values) for count in counts]
        p, q = with_leftover(list(self.reference_probabilities), chunk_probabilities)
        return DISTANCES[statistic](p, q)


def thresholds(reference_chunk_values):
    """Return (lower, upper) of StandardDeviationThreshold(3, 3) after the lower limit 0.

    The thresholds are the mean -/+ 3 population standard deviations (numpy.nanmean, numpy.nanstd)
    of the reference chunk values, NaN ignored. calculate_threshold_values replaces a lower
    threshold at or below the limit 0 by 0. Neither distance has an upper limit.
    """
    values = [value for value in reference_chunk_values if not math.isnan(value)]
    mean = numpy_sum(values) / len(values)
    std = math.sqrt(numpy_sum([(value - mean) * (value - mean) for value in values]) / len(values))
    lower = mean - STD_MULTIPLIER * std
    upper = mean + STD_MULTIPLIER * std
    return (0.0 if lower <= 0 else lower), upper


def is_alert(value, lower, upper):
    """Return Method.alert: strictly below the lower or strictly above the upper threshold."""
    return (lower is not None and value < lower) or (upper is not None and value > upper)


def category_text(value):
    """Return a category as the CSV cell spells it: false/true for booleans."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def column_result(fitted, reference_chunks, analysis_chunks):
    """Return the JSON object of one column: bins and, per statistic, values, thresholds, alerts."""
    result = {}
    if fitted.histogram_path:
        result["edges"] = fitted.edges
    else:
        result["categories"] = [category_text(value) for value in fitted.categories]
    result["reference_counts"] = fitted.reference_counts
    for statistic in STATISTICS:
        reference_values = [fitted.distance(statistic, chunk) for chunk in reference_chunks]
        analysis_values = [fitted.distance(statistic, chunk) for chunk in analysis_chunks]
        lower, upper = thresholds(reference_values)
        result[statistic] = {
            "reference_chunk_values": reference_values,
            "analysis_chunk_values": analysis_values,
            "upper_threshold": upper,
            "lower_threshold": lower,
            "nannyml_default_lower_threshold": None,
            "alerts": [is_alert(value, None, upper) for value in analysis_values],
            "alerts_with_lower_threshold": [is_alert(value, lower, upper) for value in analysis_values],
        }
    return result


def split_into_chunks(values_by_row, timestamps):
    """Sort rows by timestamp as Chunker.split does, then cut them into chunks of CHUNK_SIZE rows."""
    if len(set(timestamps)) != len(timestamps):
        # NannyML sorts with pandas' unstable quicksort, so the order of equal timestamps is unknown.
        raise ValueError("timestamps are not unique, so the rows of NannyML's chunks are undefined; "
                         "use data with one row per timestamp")
    order = sorted(range(len(timestamps)), key=lambda row: timestamps[row])
    ordered = [values_by_row[row] for row in order]
    return [ordered[start:end] for start, end in size_based_chunks(len(ordered), CHUNK_SIZE)]


def present_values(cells, dtype):
    """Return per-row typed values with None for missing cells."""
    converted = typed_values(cells, dtype)
    iterator = iter(converted)
    return [None if cell in PANDAS_NA_VALUES else next(iterator) for cell in cells]


def column_chunks(table, name, dtype):
    """Return the present values of one column, per chunk of the timestamp-sorted rows."""
    chunks = split_into_chunks(present_values(table[name], dtype), table[TIMESTAMP_COLUMN])
    return [[value for value in chunk if value is not None] for chunk in chunks]


def older_release_variant(dtype, reference_values, fitted, reference_chunks, analysis_chunks):
    """Return a column's result under NannyML releases before pull request 404, or None if unchanged.

    Those releases took the categorical path for a numeric column with at most 50 distinct values
    that are at most 10 % of the rows, and ran Doane on the raw array without the float64 cast.
    """
    distinct = len(set(reference_values))
    histogram_path = distinct > 50 or distinct / len(reference_values) > 0.1
    old_fitted = FittedColumn(reference_values, histogram_path, integer_width_rule=dtype == "int64")
    if histogram_path and old_fitted.edges == fitted.edges:
        return None

    if histogram_path:
        reason = "Doane over the raw integer array, where NumPy raises a width below 1 to 1"
    else:
        reason = (f"{distinct} distinct values, at most 50 and at most 10 % of the rows, "
                  "send the column to the categorical path")
    variant = {
        "nannyml_releases": "before pull request NannyML/nannyml#404 (merged 2024-07-05)",
        "kind": "continuous" if histogram_path else "categorical",
        "kind_reason": reason,
    }
    variant.update(column_result(old_fitted, reference_chunks, analysis_chunks))
    return variant


def compute(datasets_directory):
    """Compute the whole JSON document from the two CSV files under datasets_directory."""
    reference = read_table(datasets_directory / "nannyml" / "synthetic_car_loan_reference.csv.gz")
    analysis = read_table(datasets_directory / "nannyml" / "synthetic_car_loan_analysis.csv.gz")
    reference_rows, analysis_rows = len(reference[TIMESTAMP_COLUMN]), len(analysis[TIMESTAMP_COLUMN])

    columns, variants = {}, {}
    for name in COLUMNS:
        dtype = infer_pandas_dtype(reference[name])
        analysis_dtype = infer_pandas_dtype(analysis[name])
        if analysis_dtype != dtype:
            raise ValueError(f"column {name}: reference dtype {dtype} differs from analysis dtype "
                             f"{analysis_dtype}; both files must hold the same kind of values")
        kind, reason = column_kind(name, dtype)
        reference_values = typed_values(reference[name], dtype)
        reference_chunks = column_chunks(reference, name, dtype)
        analysis_chunks = column_chunks(analysis, name, dtype)

        fitted = FittedColumn(reference_values, kind == "continuous", integer_width_rule=False)
        columns[name] = {"pandas_dtype": dtype, "kind": kind, "kind_reason": reason,
                         "distinct_reference_values": len(set(reference_values)),
                         "doane_bin_count_before_ceil": fitted.bin_ratio}
        columns[name].update(column_result(fitted, reference_chunks, analysis_chunks))

        if kind == "continuous":
            variant = older_release_variant(dtype, reference_values, fitted, reference_chunks, analysis_chunks)
            if variant is not None:
                variants[name] = variant

    return {
        "description": "NannyML univariate drift (Jensen-Shannon base 2, Hellinger) on the synthetic "
                       "car-loan data, chunk_size 5000, thresholds from reference chunks",
        "source": source_description(),
        "config": {
            "chunk_size": CHUNK_SIZE,
            "incomplete_chunk": "keep",
            "std_multiplier": STD_MULTIPLIER,
            "standard_deviation": "population (ddof 0)",
            "lower_threshold_limit": 0.0,
            "upper_threshold_limit": None,
            "treat_as_categorical": sorted(TREAT_AS_CATEGORICAL),
            "timestamp_column": TIMESTAMP_COLUMN,
            "reference_file": "nannyml/synthetic_car_loan_reference.csv.gz",
            "analysis_file": "nannyml/synthetic_car_loan_analysis.csv.gz",
            "reference_rows": reference_rows,
            "analysis_rows": analysis_rows,
            "reference_chunks": [list(b) for b in size_based_chunks(reference_rows, CHUNK_SIZE)],
            "analysis_chunks": [list(b) for b in size_based_chunks(analysis_rows, CHUNK_SIZE)],
        },
        "columns": columns,
        "variants": variants,
        "published": PUBLISHED,
    }


def source_description():
    """Return the 'source' object: where each rule of the reimplementation comes from."""
    return {
        "library": "NannyML",
        "repository": "https://github.com/NannyML/nannyml",
        "files": {
            "nannyml/drift/univariate/methods.py": "1cd1b554ddb1740651dd589913602a19de258c9b",
            "nannyml/drift/univariate/calculator.py": "ba5d2636dd8c7561729587d6bbdfdc99e21bf92d",
            "nannyml/base.py": "5493e7c964cfc22ac192d239300d4ddbbe16fa9e",
            "nannyml/thresholds.py": "7323e20ab658865e37ff0c767106206af2e2990d",
            "nannyml/chunk.py": "022b8fa6b1cb5d86b66f428d52847001889f099c",
        },
        "rule_change": "https://github.com/NannyML/nannyml/pull/404",
        "docs": [
            "https://nannyml.readthedocs.io/en/stable/how_it_works/thresholds.html",
            "https://nannyml.readthedocs.io/en/main/tutorials/detecting_data_drift/univariate_drift_detection.html",
        ],
        "numerics": "numpy.histogram_bin_edges(bins='doane') and numpy.histogram from NumPy 2.4; "
                    "scipy.spatial.distance.jensenshannon(base=2) from SciPy 1.17.1",
        "script": "streams-app/src/test/python/nannyml_reference_values.py",
    }


def check_published(document):
    """Fail unless the computed values round to the values NannyML's tutorial printed."""
    computed = document["columns"][PUBLISHED["column"]][PUBLISHED["statistic"]]["analysis_chunk_values"]
    rounded = [round(value, 6) for value in computed]
    if rounded != PUBLISHED["analysis_chunk_values_rounded_6"]:
        raise SystemExit(f"published values not reproduced: computed {rounded}, "
                         f"published {PUBLISHED['analysis_chunk_values_rounded_6']}")


def check_bin_counts(document):
    """Fail if a Doane bin count sits so close to an integer that summation order could change it."""
    for name, column in list(document["columns"].items()) + list(document["variants"].items()):
        ratio = column.get("doane_bin_count_before_ceil")
        if ratio is not None and abs(ratio - round(ratio)) < 1e-9:
            raise SystemExit(f"column {name}: range / Doane width {ratio!r} is within 1e-9 of an integer")


def numpy_chunk_distance(statistic, kind, bins, reference_probabilities, chunk):
    """Return one distance with the NumPy and SciPy calls of NannyML's _calculate methods."""
    import numpy as np
    from scipy.spatial.distance import jensenshannon

    p = reference_probabilities.copy()
    if kind == "continuous":
        q = np.histogram(chunk, bins=bins)[0] / len(chunk)
    else:
        unique, counts = np.unique(chunk, return_counts=True)
        lookup = dict(zip(unique, counts))
        q = np.array([lookup.get(category, 0) for category in bins]) / len(chunk)
    leftover = 1 - np.sum(q)
    if leftover > 0:
        q, p = np.append(q, leftover), np.append(p, 0)
    if statistic == "jensen_shannon":
        return jensenshannon(p, q, base=2)
    return np.sqrt(np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)) / np.sqrt(2)


def check_with_numpy(document, datasets_directory):
    """Recompute every value with NumPy and SciPy calls shaped like NannyML's, and compare.

    The check cuts chunks by file position, so it requires files already sorted by timestamp.
    """
    import numpy as np

    reference = read_table(datasets_directory / "nannyml" / "synthetic_car_loan_reference.csv.gz")
    analysis = read_table(datasets_directory / "nannyml" / "synthetic_car_loan_analysis.csv.gz")
    for table in (reference, analysis):
        if table[TIMESTAMP_COLUMN] != sorted(table[TIMESTAMP_COLUMN]):
            raise SystemExit("--check-with-numpy requires files sorted by timestamp")

    numpy_dtypes = {"int64": np.int64, "float64": np.float64, "bool": bool, "object": object}
    entries = [(name, column, False) for name, column in document["columns"].items()]
    entries += [(name, column, True) for name, column in document["variants"].items()]
    worst = 0.0
    for name, column, is_variant in entries:
        dtype = infer_pandas_dtype(reference[name])
        ref = np.array(typed_values(reference[name], dtype), dtype=numpy_dtypes[dtype])
        ana = np.array(typed_values(analysis[name], dtype), dtype=numpy_dtypes[dtype])
        if column["kind"] == "continuous":
            # Releases before pull request 404 ran Doane on the raw array, later ones on a float64 copy.
            bins = np.histogram_bin_edges(ref if is_variant else ref.astype("float64"), bins="doane")
            reference_probabilities = np.histogram(ref, bins=bins)[0] / len(ref)
            if bins.tolist() != column["edges"]:
                raise SystemExit(f"column {name}: Doane edges differ from NumPy's")
        else:
            bins, counts = np.unique(ref, return_counts=True)
            reference_probabilities = counts / len(ref)

        for statistic in STATISTICS:
            for data, key in ((ref, "reference_chunk_values"), (ana, "analysis_chunk_values")):
                for index, start in enumerate(range(0, len(data), CHUNK_SIZE)):
                    expected = numpy_chunk_distance(statistic, column["kind"], bins, reference_probabilities,
                                                    data[start:start + CHUNK_SIZE])
                    worst = max(worst, abs(column[statistic][key][index] - expected) / abs(expected))

            reference_values = np.array(column[statistic]["reference_chunk_values"])
            mean, std = np.nanmean(reference_values), np.nanstd(reference_values)
            expected_thresholds = (max(mean - STD_MULTIPLIER * std, 0.0), mean + STD_MULTIPLIER * std)
            actual_thresholds = (column[statistic]["lower_threshold"], column[statistic]["upper_threshold"])
            for actual, expected in zip(actual_thresholds, expected_thresholds):
                worst = max(worst, abs(actual - expected) / max(abs(expected), sys.float_info.min))

    if worst > 1e-12:
        raise SystemExit(f"NumPy/SciPy cross-check failed: largest relative difference {worst:.3g}")
    print(f"NumPy/SciPy cross-check passed: largest relative difference {worst:.3g}")


def summarize(document):
    """Print the alerting chunks of every column, as NannyML's default thresholds flag them."""
    for label, group in (("", document["columns"]), ("variant ", document["variants"])):
        for name, column in group.items():
            for statistic in STATISTICS:
                flags = column[statistic]["alerts"]
                alerting = [index for index, flag in enumerate(flags) if flag]
                print(f"{label}{name:<24} {column['kind']:<11} {statistic:<14} "
                      f"upper {column[statistic]['upper_threshold']:.6f}  alerts in chunks {alerting}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("datasets", nargs="?", type=Path, default=REPOSITORY_ROOT.parent / "shared" / "datasets",
                        help="directory that contains nannyml/synthetic_car_loan_*.csv.gz "
                             "(default: ../shared/datasets relative to the repository root)")
    parser.add_argument("--check-with-numpy", action="store_true",
                        help="also recompute every value with NumPy and SciPy and compare")
    arguments = parser.parse_args()
    if not (arguments.datasets / "nannyml").is_dir():
        sys.exit(f"datasets directory {arguments.datasets} has no nannyml/ folder; pass the shared datasets path")

    document = compute(arguments.datasets)
    check_published(document)
    check_bin_counts(document)
    if arguments.check_with_numpy:
        check_with_numpy(document, arguments.datasets)

    OUTPUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT_FILE.write_text(json.dumps(document, indent=1, allow_nan=False, ensure_ascii=False) + "\n",
                           encoding="utf-8")
    summarize(document)
    print(f"wrote {OUTPUT_FILE}")


if __name__ == "__main__":
    main()
