"""Compute reference values for the tests of dev.momo.detectors with CPython, NumPy and SciPy.

Writes JSON files into streams-app/src/test/resources/detectors/, which the Java tests read:

- docstring_streams.json: the streams that River's detector docstrings generate with CPython's
  random module (River's expected indices are cited in the Java tests, not computed here);
- python_random.json: outputs of random.Random(seed) (32-bit words and random.sample draws), which
  dev.momo.detectors.PythonRandom must reproduce;
- ks_equal_size.json: scipy.stats.ks_2samp(a, b) (default method) on samples of equal size;
- window_statistics.json: means and variances that the detectors' estimates must match.

Every random input comes from a fixed seed, so rerunning the script with the same CPython (3.11),
NumPy (2.4) and SciPy (1.17) versions rewrites the same files.

Run from the repository root:
    python3 streams-app/src/test/python/detector_reference_values.py
"""

import json
import random
import warnings
from pathlib import Path

import numpy as np
import scipy
from scipy import stats

OUTPUT_DIRECTORY = Path(__file__).resolve().parents[1] / "resources" / "detectors"


def write(name, content):
    content["generator"] = {
        "script": "streams-app/src/test/python/detector_reference_values.py",
        "numpy": np.__version__,
        "scipy": scipy.__version__,
    }
    path = OUTPUT_DIRECTORY / name
    path.write_text(json.dumps(content, indent=1) + "\n")
    print(f"wrote {path}")


def docstring_streams():
    """Streams of the docstring examples of river.drift.binary.DDM, EDDM, HDDM_A, HDDM_W and CUSUM."""
    rng = random.Random(42)
    bits = rng.choices([0, 1], k=1000)
    bits = bits + rng.choices([0, 1], k=1000, weights=[0.3, 0.7])
    rng = random.Random(12345)
    stable = [rng.gauss(0, 1) for _ in range(200)]
    shifted = [rng.gauss(3, 1) for _ in range(200)]
    return {"random42_bits_then_weighted": bits, "random12345_gauss_0_then_3": stable + shifted}


def python_random():
    words = {}
    for seed in (0, 42, 12345, 2**40 + 5):
        rng = random.Random(seed)
        words[str(seed)] = [rng.getrandbits(32) for _ in range(1000)]
    samples = []
    for seed, n, k, draws in ((42, 100, 100, 3), (42, 70, 30, 5), (7, 1970, 30, 3), (1, 5, 5, 4), (3, 1, 1, 2)):
        rng = random.Random(seed)
        samples.append({"seed": seed, "n": n, "k": k, "draws": [rng.sample(range(n), k) for _ in range(draws)]})
    return {"words": words, "samples": samples}


def ks_case(name, a, b):
    with warnings.catch_warnings():
        # SciPy warns when it falls back from the exact to the asymptotic p-value; the fallback is tested.
        warnings.simplefilter("ignore", RuntimeWarning)
        result = stats.ks_2samp(a, b)
    return {"name": name, "a": [float(x) for x in a], "b": [float(x) for x in b],
            "statistic": float(result.statistic), "pValue": float(result.pvalue)}


def ks_equal_size():
    rng = np.random.default_rng(20240607)
    cases = [
        ks_case("identical samples", [1, 2, 3, 4], [1, 2, 3, 4]),
        ks_case("single values", [0.0], [1.0]),
        ks_case("single equal values", [5.0], [5.0]),
        ks_case("disjoint samples", rng.normal(size=30), rng.normal(size=30) + 100.0),
        ks_case("all values tied", [2.0] * 30, [2.0] * 30),
        ks_case("ties, small shift", rng.integers(0, 3, size=30), rng.integers(0, 4, size=30)),
        ks_case("normal 100, shift 0.5", rng.normal(size=100), rng.normal(loc=0.5, size=100)),
        ks_case("normal 100, no shift", rng.normal(size=100), rng.normal(size=100)),
        ks_case("bits 100", rng.integers(0, 2, size=100), rng.integers(0, 2, size=100)),
        ks_case("skewed 200", rng.lognormal(sigma=2.0, size=200), rng.lognormal(sigma=2.5, size=200)),
        ks_case("tiny magnitudes", rng.normal(size=50) * 1e-300, rng.normal(loc=1.0, size=50) * 1e-300),
        ks_case("huge magnitudes", rng.normal(size=50) * 1e300, rng.normal(loc=0.3, size=50) * 1e300),
        ks_case("normal 1000, shift 0.1", rng.normal(size=1000), rng.normal(loc=0.1, size=1000)),
        ks_case("normal 1500, shift 0.05", rng.normal(size=1500), rng.normal(loc=0.05, size=1500)),
    ]
    # n = 30 with D = h/30: for h = 1 the exact sum rounds to 1 + 4e-16, outside [0, 1], and SciPy
    # falls back to the asymptotic p-value.
    for h in (1, 2, 3, 15):
        cases.append(ks_case(f"n 30, D {h}/30", list(range(30)), [x + h for x in range(30)]))
    return {"cases": cases}


def window_statistics():
    rng = np.random.default_rng(99)
    sequences = {
        "i mod 7": [float(i % 7) for i in range(200)],
        "normal mean 5 sd 2": rng.normal(5.0, 2.0, size=500).tolist(),
        "large offset 1e15": (1e15 + rng.normal(size=100)).tolist(),
        "tiny 1e-300": (rng.normal(size=100) * 1e-300).tolist(),
        "lognormal sigma 3": rng.lognormal(sigma=3.0, size=1000).tolist(),
        "all equal": [3.25] * 64,
        "single value": [42.0],
    }
    return {"cases": [
        {"name": name, "values": values, "mean": float(np.mean(values)), "populationVariance": float(np.var(values)),
         "sampleStd": float(np.std(values, ddof=1)) if len(values) > 1 else 0.0}
        for name, values in sequences.items()]}


def main():
    OUTPUT_DIRECTORY.mkdir(parents=True, exist_ok=True)
    write("docstring_streams.json", docstring_streams())
    write("python_random.json", python_random())
    write("ks_equal_size.json", ks_equal_size())
    write("window_statistics.json", window_statistics())


if __name__ == "__main__":
    main()
