"""Compute reference values for the tests of dev.momo.performance with scikit-learn 1.6.1.

Writes JSON files into streams-app/src/test/resources/performance/, which the Java tests read:

  classification_cases.json  hard cases (ties, one class, perfect and worst classifiers, extreme
                             probabilities) with scikit-learn's realized metrics
  regression_cases.json      hard cases of MAE, MSE, RMSE, MAPE and R2
  isotonic_cases.json        sklearn.isotonic.IsotonicRegression(out_of_bounds="clip") fits and predictions
  dataset_chunks.json        realized metrics per chunk of 5000 rows of the NannyML analysis files
  cbpe.json                  CBPE estimates per chunk, rebuilt from NannyML's source with scikit-learn

NannyML cannot be installed offline, so its CBPE is rebuilt here from its source, with the same
scikit-learn calls it makes:
  repository NannyML/nannyml,
    commit 022b8fa6b1cb5d86b66f428d52847001889f099c, nannyml/calibration.py
        IsotonicCalibrator, needs_calibration, _get_bin_index_edges, _calculate_expected_calibration_error
    commit 075063087157cd27deafbf3b01688366699f34d1, nannyml/performance_estimation/confidence_based/cbpe.py
        _fit_binary, _fit_calibrators, _calibrate_predicted_probabilities
    commit ba5d2636dd8c7561729587d6bbdfdc99e21bf92d, nannyml/performance_estimation/confidence_based/metrics.py
        estimate_roc_auc, estimate_f1, estimate_precision, estimate_recall, estimate_specificity,
        estimate_accuracy, the multiclass metrics and the multiclass confusion matrix estimate
cbpe.json also contains NannyML's published estimates for the car-loan data, copied from the stored
outputs of docs/example_notebooks/Tutorial - Estimating Standard Performance Metrics - Binary
Classification.ipynb at commit e018bf39e347f50d290cbf2d20c4c8adbfe9ee9f of NannyML/nannyml.

The CSV files are read from DATASETS/nannyml/ and never copied. Run from the repository root, with
scikit-learn 1.6.1, pandas, NumPy 2.4 and SciPy 1.17:
    pip install scikit-learn==1.6.1 pandas
    python3 streams-app/src/test/python/performance_reference_values.py [DATASETS]
DATASETS defaults to ../shared/datasets. Random inputs come from fixed seeds, so reruns with the same
versions rewrite the same files. NaN is written as null.
"""

import argparse
import json
import math
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.isotonic import IsotonicRegression
from sklearn.metrics import (accuracy_score, average_precision_score, confusion_matrix, f1_score, log_loss,
                             mean_absolute_error, mean_absolute_percentage_error, mean_squared_error,
                             multilabel_confusion_matrix, precision_score, r2_score, recall_score,
                             roc_auc_score, root_mean_squared_error)
from sklearn.model_selection import StratifiedShuffleSplit
from sklearn.preprocessing import label_binarize
from sklearn.utils.multiclass import unique_labels

REPOSITORY_ROOT = Path(__file__).resolve().parents[4]
OUTPUT_DIRECTORY = REPOSITORY_ROOT / "streams-app" / "src" / "test" / "resources" / "performance"
CHUNK_SIZE = 5000

CAR_LOAN = {"label": "repaid", "prediction": "y_pred", "probability": "y_pred_proba"}
CREDIT_CARD_CLASSES = ["highstreet_card", "prepaid_card", "upmarket_card"]

PUBLISHED_CAR_LOAN = {
    "repository": "NannyML/nannyml",
    "commit": "e018bf39e347f50d290cbf2d20c4c8adbfe9ee9f",
    "path": "docs/example_notebooks/Tutorial - Estimating Standard Performance Metrics - Binary Classification.ipynb",
    "configuration": "CBPE(y_pred_proba='y_pred_proba', y_pred='y_pred', y_true='repaid', "
                     "metrics=['roc_auc', 'accuracy', 'f1'], chunk_size=5000, problem_type='classification_binary')",
    "roc_auc": [0.9686306166809373, 0.9690438435474089, 0.9694438261961335, 0.9690472634498744,
                0.9688726952274674, 0.960478016244988, 0.9611336210051199, 0.9605358219511105,
                0.9618691204348024, 0.9605366452565602],
    "accuracy": [0.9417918815681862, 0.9433212063264171, 0.945491564102071, 0.9448160090577434,
                 0.9446449963258085, 0.9107141561301565, 0.9111494651135412, 0.9111927290072174,
                 0.914389361952461, 0.9117313189100634],
    "f1_rounded_to_6_digits": [0.94303, 0.941324, 0.943574, 0.943159, 0.944204, 0.911753, 0.911766,
                               0.911661, 0.913763, 0.914751],
}


def number(value):
    """Return a float for JSON, or None for NaN."""
    value = float(value)
    return None if math.isnan(value) else value


def quiet(function, *args, **kwargs):
    """Call a scikit-learn function with its UndefinedMetricWarning and UserWarning silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return function(*args, **kwargs)


# ---------------------------------------------------------------------------------------------------
# Realized metrics, as scikit-learn computes them


def binary_metrics(y_true, y_pred, proba, negative, positive):
    """Return every realized binary metric of Momo, computed with scikit-learn."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    labels = [negative, positive]
    tn, fp, fn, tp = confusion_matrix(y_true, y_pred, labels=labels).ravel()
    result = {
        "accuracy": accuracy_score(y_true, y_pred),
        "precision": quiet(precision_score, y_true, y_pred, pos_label=positive),
        "recall": quiet(recall_score, y_true, y_pred, pos_label=positive),
        # Specificity is the recall of the negative class.
        "specificity": quiet(recall_score, y_true, y_pred, pos_label=negative),
        "f1": quiet(f1_score, y_true, y_pred, pos_label=positive),
        "true_positive": tp, "false_positive": fp, "true_negative": tn, "false_negative": fn,
    }
    if proba is not None:
        proba = np.asarray(proba, dtype=float)
        positives = (y_true == positive).astype(int)
        result["roc_auc"] = quiet(roc_auc_score, positives, proba)
        result["average_precision"] = quiet(average_precision_score, positives, proba)
        result["log_loss"] = quiet(log_loss, positives, proba, labels=[0, 1])
    return {name: number(value) for name, value in result.items()}


def multiclass_specificity(y_true, y_pred, average):
    """Return TN / (TN + FP) per class of scikit-learn's label set, averaged like recall (0 for 0 / 0)."""
    labels = unique_labels(y_true, y_pred)
    mcm = multilabel_confusion_matrix(y_true, y_pred, labels=labels)
    tn, fp = mcm[:, 0, 0], mcm[:, 0, 1]
    denominator = tn + fp
    per_class = np.divide(tn, denominator, out=np.zeros(len(labels)), where=denominator != 0)
    if average == "macro":
        return per_class.mean()
    support = mcm[:, 1, 1] + mcm[:, 1, 0]
    return np.average(per_class, weights=support)


def multiclass_metrics(y_true, y_pred, proba, classes):
    """Return every realized multiclass metric of Momo, computed with scikit-learn."""
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    result = {"accuracy": accuracy_score(y_true, y_pred)}
    for name, function in [("precision", precision_score), ("recall", recall_score), ("f1", f1_score)]:
        for average in ["macro", "weighted"]:
            result[f"{name}_{average}"] = quiet(function, y_true, y_pred, average=average)
    for average in ["macro", "weighted"]:
        result[f"specificity_{average}"] = multiclass_specificity(y_true, y_pred, average)
    if proba is not None:
        proba = np.asarray(proba, dtype=float)
        indicator = label_binarize(y_true, classes=classes)
        for average in ["macro", "weighted"]:
            result[f"roc_auc_{average}"] = quiet(roc_auc_score, y_true, proba, multi_class="ovr", average=average,
                                                 labels=classes)
            result[f"average_precision_{average}"] = quiet(average_precision_score, indicator, proba,
                                                           average=average)
        result["log_loss"] = quiet(log_loss, y_true, proba, labels=classes)
    return {name: number(value) for name, value in result.items()}


def regression_metrics(y_true, y_pred):
    y_true = np.asarray(y_true, dtype=float)
    y_pred = np.asarray(y_pred, dtype=float)
    return {
        "mae": number(mean_absolute_error(y_true, y_pred)),
        "mse": number(mean_squared_error(y_true, y_pred)),
        "rmse": number(root_mean_squared_error(y_true, y_pred)),
        "mape": number(mean_absolute_percentage_error(y_true, y_pred)),
        "r2": number(quiet(r2_score, y_true, y_pred)),
    }


# ---------------------------------------------------------------------------------------------------
# Hard cases


def binary_case(name, y_true, y_pred, proba):
    y_true = [int(v) for v in y_true]
    y_pred = [int(v) for v in y_pred]
    return {
        "name": name, "classes": ["0", "1"], "positive": "1",
        "labels": [str(v) for v in y_true], "predictions": [str(v) for v in y_pred],
        "probabilities": None if proba is None else [[float(p)] for p in proba],
        "expected": binary_metrics(y_true, y_pred, proba, 0, 1),
    }


def multiclass_case(name, classes, y_true, y_pred, proba):
    return {
        "name": name, "classes": classes, "positive": None,
        "labels": list(y_true), "predictions": list(y_pred),
        "probabilities": None if proba is None else [[float(p) for p in row] for row in proba],
        "expected": multiclass_metrics(y_true, y_pred, proba, classes),
    }


def rounded_dirichlet(rng, rows, classes):
    """Return probability rows rounded to 2 decimals, the last column taking 1 minus the others."""
    proba = np.round(rng.dirichlet(np.ones(classes), size=rows), 2)
    proba[:, -1] = 1.0 - proba[:, :-1].sum(axis=1)
    return np.clip(proba, 0.0, 1.0)


def classification_cases():
    rng = np.random.default_rng(20240701)
    cases = []

    y = rng.integers(0, 2, size=200)
    p = np.round(np.clip(0.3 * y + rng.uniform(0, 0.7, size=200), 0, 1), 1)
    cases.append(binary_case("binary, 200 rows, probabilities rounded to 1 decimal (ties)", y, (p >= 0.5), p))
    cases.append(binary_case("binary without probabilities", y, (p >= 0.5), None))
    y = rng.integers(0, 2, size=50)
    cases.append(binary_case("binary perfect classifier", y, y, np.where(y == 1, 0.9, 0.1)))
    cases.append(binary_case("binary worst classifier", y, 1 - y, np.where(y == 1, 0.1, 0.9)))
    cases.append(binary_case("binary probabilities exactly 0 and 1", y, 1 - y, np.where(y == 1, 0.0, 1.0)))
    ones = np.ones(20, dtype=int)
    cases.append(binary_case("binary single true class", ones, rng.integers(0, 2, size=20),
                             rng.uniform(size=20)))
    cases.append(binary_case("binary only negatives, all predicted negative", 0 * ones, 0 * ones,
                             rng.uniform(0, 0.4, size=20)))
    y = rng.integers(0, 2, size=40)
    cases.append(binary_case("binary all predictions and probabilities equal", y, np.ones(40, dtype=int),
                             np.full(40, 0.7)))
    cases.append(binary_case("binary one row", [1], [0], [0.3]))
    y = np.zeros(300, dtype=int)
    y[[17, 211]] = 1
    p = rng.uniform(0, 0.2, size=300)
    p[[17, 211, 5]] = [0.95, 0.15, 0.9]
    cases.append(binary_case("binary skewed, 2 positives in 300", y, (p >= 0.5), p))
    y = rng.integers(0, 2, size=30)
    p = np.where(y == 1, 1.0 - 10.0 ** -rng.uniform(10, 17, size=30), 10.0 ** -rng.uniform(100, 300, size=30))
    cases.append(binary_case("binary tiny and near-1 probabilities", y, (p >= 0.5), p))

    classes = ["cat", "dog", "fish"]
    y = rng.choice(classes, size=300)
    proba = rounded_dirichlet(rng, 300, 3)
    # Make the scores informative: add 0.3 to the true class's probability and renormalize.
    proba[np.arange(300), [classes.index(v) for v in y]] += 0.3
    proba = np.round(proba / proba.sum(axis=1, keepdims=True), 2)
    proba[:, -1] = 1.0 - proba[:, :-1].sum(axis=1)
    proba = np.clip(proba, 0.0, 1.0)
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    cases.append(multiclass_case("multiclass, 300 rows, probabilities rounded to 2 decimals (ties)", classes,
                                 y, pred, proba))
    cases.append(multiclass_case("multiclass without probabilities", classes, y, pred, None))
    y = rng.choice(classes, size=30)
    perfect = np.asarray([[0.8 if c == v else 0.1 for c in classes] for v in y])
    cases.append(multiclass_case("multiclass perfect classifier", classes, y, y, perfect))
    y = rng.choice(["cat", "dog"], size=40)
    proba = rounded_dirichlet(rng, 40, 3)
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    cases.append(multiclass_case("multiclass, one class never true", classes, y, pred, proba))
    pred = rng.choice(["cat", "dog"], size=40)
    cases.append(multiclass_case("multiclass, one class neither true nor predicted", classes, y, pred, proba))
    y = np.full(25, "dog")
    proba = rounded_dirichlet(rng, 25, 3)
    pred = np.asarray(classes)[proba.argmax(axis=1)]
    cases.append(multiclass_case("multiclass single true class", classes, y, pred, proba))
    return cases


def regression_cases():
    rng = np.random.default_rng(20240702)
    cases = []

    def case(name, y_true, y_pred):
        cases.append({"name": name, "labels": [float(v) for v in y_true], "predictions": [float(v) for v in y_pred],
                      "expected": regression_metrics(y_true, y_pred)})

    y = rng.normal(10, 3, size=500)
    case("normal, 500 rows", y, y + rng.normal(0, 1, size=500))
    y = rng.normal(1e12, 1e9, size=200)
    case("large magnitudes around 1e12", y, y + rng.normal(0, 1e8, size=200))
    y = rng.normal(3e-12, 1e-12, size=200)
    case("small magnitudes around 3e-12", y, y + rng.normal(0, 1e-13, size=200))
    y = rng.lognormal(0, 2, size=400)
    case("highly skewed, lognormal sigma 2", y, y * rng.uniform(0.5, 1.5, size=400))
    case("constant true value 2 with errors", np.full(10, 2.0), 2.0 + rng.normal(size=10))
    case("constant true value 2, perfect predictions", np.full(10, 2.0), np.full(10, 2.0))
    y = rng.normal(size=50)
    case("perfect predictions", y, y)
    case("one row", [3.0], [4.5])
    case("true values of 0", [0.0, 0.0, 1.0, 2.0], [0.5, 0.0, 1.0, 1.0])
    case("ties and integers", [1, 1, 2, 2, 3, 3], [1, 2, 2, 2, 3, 1])
    return cases


def isotonic_cases():
    rng = np.random.default_rng(20240703)
    cases = []

    def case(name, scores, outcomes, queries):
        regressor = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(scores, outcomes)
        cases.append({"name": name, "scores": [float(v) for v in scores], "outcomes": [float(v) for v in outcomes],
                      "thresholdScores": regressor.X_thresholds_.tolist(),
                      "thresholdValues": regressor.y_thresholds_.tolist(),
                      "queries": [float(v) for v in queries],
                      "predictions": regressor.predict(np.asarray(queries, dtype=float)).tolist()})

    scores = rng.uniform(size=300)
    outcomes = (rng.uniform(size=300) < scores ** 2).astype(float)
    queries = np.concatenate([[-1.0, 0.0, 1.0, 2.0], rng.uniform(size=50), scores[:20]])
    case("300 continuous scores", scores, outcomes, queries)
    scores = np.round(rng.uniform(size=400), 2)
    outcomes = (rng.uniform(size=400) < scores).astype(float)
    case("400 scores rounded to 2 decimals (ties)", scores, outcomes, np.linspace(-0.1, 1.1, 61))
    case("already increasing", [0.1, 0.2, 0.3, 0.4], [0.0, 0.0, 1.0, 1.0], [0.15, 0.25, 0.35, 0.5])
    case("decreasing outcomes pool into one block", [0.1, 0.2, 0.3, 0.4], [1.0, 1.0, 0.0, 0.0],
         [0.0, 0.25, 1.0])
    case("single score", [0.5, 0.5, 0.5], [0.0, 1.0, 1.0], [0.0, 0.5, 1.0])
    case("scores closer than 1e-15 merge", [0.3, 0.3 + 5e-16, 0.6, 0.9], [0.0, 1.0, 0.0, 1.0], [0.3, 0.45, 0.9])
    return cases


# ---------------------------------------------------------------------------------------------------
# NannyML data sets


def read_dataset(datasets, name):
    return pd.read_csv(datasets / "nannyml" / f"{name}.csv.gz")


def chunks(frame):
    return [frame.iloc[start:start + CHUNK_SIZE] for start in range(0, len(frame) - CHUNK_SIZE + 1, CHUNK_SIZE)]


def dataset_chunks(datasets):
    car_loan = read_dataset(datasets, "synthetic_car_loan_analysis")
    credit_card = read_dataset(datasets, "synthetic_credit_card_analysis")
    car_price = read_dataset(datasets, "synthetic_car_price_analysis")
    columns = [f"y_pred_proba_{c}" for c in CREDIT_CARD_CLASSES]
    return {
        "chunkSize": CHUNK_SIZE,
        "car_loan": [binary_metrics(c[CAR_LOAN["label"]], c[CAR_LOAN["prediction"]], c[CAR_LOAN["probability"]], 0, 1)
                     for c in chunks(car_loan)],
        "credit_card": [multiclass_metrics(c["y_true"], c["y_pred"], c[columns].to_numpy(), CREDIT_CARD_CLASSES)
                        for c in chunks(credit_card)],
        "car_price": [regression_metrics(c["y_true"], c["y_pred"]) for c in chunks(car_price)],
    }


# ---------------------------------------------------------------------------------------------------
# CBPE, rebuilt from NannyML's source


def bin_index_edges(vector_length, bin_count):
    """NannyML's _get_bin_index_edges."""
    if vector_length <= 2 * bin_count:
        bin_count = vector_length // 2
    bin_width = vector_length // bin_count
    edges = np.asarray(range(0, vector_length + 1, bin_width))
    edges[-1] = vector_length
    return list(zip(edges[:-1], edges[1:]))


def expected_calibration_error(y_true, y_pred_proba, edges):
    """NannyML's _calculate_expected_calibration_error."""
    y_pred_proba, y_true = np.asarray(y_pred_proba), np.asarray(y_true)
    order = y_pred_proba.argsort()
    y_pred_proba, y_true = y_pred_proba[order], y_true[order]
    terms = []
    for left, right in edges:
        weight = (right - left) / len(y_pred_proba)
        terms.append(weight * abs(np.mean(y_pred_proba[left:right]) - np.mean(y_true[left:right])))
    return np.sum(terms)


def needs_calibration(y_true, y_pred_proba):
    """NannyML's needs_calibration with its IsotonicCalibrator; returns (decision, ECE before, ECE after)."""
    y_true, y_pred_proba = np.asarray(y_true), np.asarray(y_pred_proba)
    if len(np.unique(y_true)) == 1:
        return False, None, None
    if roc_auc_score(y_true, y_pred_proba, multi_class="ovr") > 0.999:
        return False, None, None
    split = StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)
    truths, raws, calibrated = [], [], []
    for train, test in split.split(y_pred_proba, y_true):
        regressor = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(y_pred_proba[train], y_true[train])
        truths.append(y_true[test])
        raws.append(y_pred_proba[test])
        calibrated.append(regressor.predict(y_pred_proba[test]))
    truths, raws, calibrated = np.concatenate(truths), np.concatenate(raws), np.concatenate(calibrated)
    edges = bin_index_edges(len(raws), 10)
    before = expected_calibration_error(truths, raws, edges)
    after = expected_calibration_error(truths, calibrated, edges)
    return bool(before > after), float(before), float(after)


def fit_calibrator(y_true, y_pred_proba):
    decision, before, after = needs_calibration(y_true, y_pred_proba)
    regressor = None
    if decision:
        regressor = IsotonicRegression(out_of_bounds="clip", increasing=True).fit(np.asarray(y_pred_proba, float),
                                                                                  np.asarray(y_true, float))
    return regressor, {"calibrated": decision, "eceBefore": before, "eceAfter": after,
                       "thresholdCount": None if regressor is None else len(regressor.X_thresholds_)}


def calibrate(regressor, y_pred_proba):
    y_pred_proba = np.asarray(y_pred_proba, dtype=float)
    return y_pred_proba if regressor is None else regressor.predict(y_pred_proba)


def nannyml_estimate_roc_auc(calibrated, raw):
    """NannyML's estimate_roc_auc: rows in NumPy's argsort order, no grouping of ties."""
    calibrated, raw = np.asarray(calibrated), np.asarray(raw)
    order = np.argsort(raw)[::-1]
    calibrated = calibrated[order]
    with np.errstate(divide="ignore", invalid="ignore"):
        tps = np.cumsum(calibrated)
        fps = 1 + np.arange(len(calibrated)) - tps
        tps = np.round(np.r_[0, tps], 5)
        fps = np.round(np.r_[0, fps], 5)
        return np.trapezoid(tps / tps[-1], fps / fps[-1])


def grouped_estimate_roc_auc(calibrated, raw):
    """The same expected ROC curve with tied raw scores as one threshold, as Momo computes it."""
    calibrated, raw = np.asarray(calibrated), np.asarray(raw)
    order = np.argsort(-raw, kind="stable")
    calibrated, raw = calibrated[order], raw[order]
    ends = np.r_[np.where(np.diff(raw))[0], len(raw) - 1]
    tps = np.cumsum(calibrated)[ends]
    fps = (1 + ends) - tps
    tps = np.round(np.r_[0, tps], 5)
    fps = np.round(np.r_[0, fps], 5)
    return np.trapezoid(tps / tps[-1], fps / fps[-1])


def binary_estimates(y_pred, calibrated, raw):
    """NannyML's binary estimate_* functions, with the expected confusion counts."""
    y_pred, p = np.asarray(y_pred), np.asarray(calibrated)
    tp = np.sum(np.where(y_pred == 1, p, 0))
    fp = np.sum(np.where(y_pred == 1, 1 - p, 0))
    fn = np.sum(np.where(y_pred == 0, p, 0))
    tn = np.sum(np.where(y_pred == 0, 1 - p, 0))

    def ratio(numerator, denominator):
        return numerator / denominator if denominator != 0 else 0

    return {
        "estimated_accuracy": (tp + tn) / len(y_pred),
        "estimated_precision": ratio(tp, tp + fp),
        "estimated_recall": ratio(tp, tp + fn),
        "estimated_specificity": ratio(tn, tn + fp),
        "estimated_f1": ratio(tp, tp + 0.5 * (fp + fn)),
        "estimated_roc_auc": grouped_estimate_roc_auc(p, raw),
        "nannyml_estimated_roc_auc": nannyml_estimate_roc_auc(p, raw),
        "estimated_true_positive": tp, "estimated_false_positive": fp,
        "estimated_true_negative": tn, "estimated_false_negative": fn,
    }


def cbpe_car_loan(datasets):
    reference = read_dataset(datasets, "synthetic_car_loan_reference")
    analysis = read_dataset(datasets, "synthetic_car_loan_analysis")
    regressor, calibration = fit_calibrator(reference[CAR_LOAN["label"]], reference[CAR_LOAN["probability"]])
    result = {"calibration": calibration, "chunks": []}
    for chunk in chunks(analysis):
        raw = chunk[CAR_LOAN["probability"]].to_numpy()
        estimates = binary_estimates(chunk[CAR_LOAN["prediction"]], calibrate(regressor, raw), raw)
        realized = binary_metrics(chunk[CAR_LOAN["label"]], chunk[CAR_LOAN["prediction"]], raw, 0, 1)
        result["chunks"].append({"estimated": {k: number(v) for k, v in estimates.items()},
                                 "realized": {k: realized[k] for k in ["roc_auc", "accuracy", "f1"]}})
    result["published"] = PUBLISHED_CAR_LOAN
    return result


def cbpe_credit_card(datasets):
    reference = read_dataset(datasets, "synthetic_credit_card_reference")
    analysis = read_dataset(datasets, "synthetic_credit_card_analysis")
    columns = [f"y_pred_proba_{c}" for c in CREDIT_CARD_CLASSES]
    indicator = label_binarize(reference["y_true"], classes=CREDIT_CARD_CLASSES).T
    regressors, calibrations = [], {}
    for index, name in enumerate(CREDIT_CARD_CLASSES):
        regressor, calibration = fit_calibrator(indicator[index], reference[columns[index]])
        regressors.append(regressor)
        calibrations[name] = calibration

    result = {"classes": CREDIT_CARD_CLASSES, "calibrations": calibrations, "chunks": []}
    for chunk in chunks(analysis):
        raw = chunk[columns].to_numpy()
        calibrated = np.column_stack([calibrate(regressors[i], raw[:, i]) for i in range(len(columns))])
        # NannyML's _calibrate_predicted_probabilities: renormalize rows, uniform where they add up to 0.
        sums = calibrated.sum(axis=1)[:, np.newaxis]
        calibrated = np.divide(calibrated, sums, out=np.full_like(calibrated, 1 / len(columns)), where=sums != 0)
        predicted = label_binarize(chunk["y_pred"], classes=CREDIT_CARD_CLASSES).T
        per_class = [binary_estimates(predicted[i], calibrated[:, i], raw[:, i]) for i in range(len(columns))]
        estimates = {"estimated_accuracy": np.mean(np.max(predicted.T * calibrated, axis=1))}
        for name in ["precision", "recall", "specificity", "f1", "roc_auc"]:
            estimates[f"estimated_{name}_macro"] = np.mean([c[f"estimated_{name}"] for c in per_class])
        estimates["nannyml_estimated_roc_auc_macro"] = np.mean([c["nannyml_estimated_roc_auc"] for c in per_class])
        matrix = [[float(np.sum(np.where(chunk["y_pred"] == CREDIT_CARD_CLASSES[j], calibrated[:, i], 0)))
                   for j in range(len(columns))] for i in range(len(columns))]
        realized = multiclass_metrics(chunk["y_true"], chunk["y_pred"], raw, CREDIT_CARD_CLASSES)
        result["chunks"].append({"estimated": {k: number(v) for k, v in estimates.items()},
                                 "expectedConfusionMatrix": matrix,
                                 "realized": {k: realized[k] for k in ["roc_auc_macro", "accuracy", "f1_macro"]}})
    return result


def write(name, content):
    path = OUTPUT_DIRECTORY / name
    with open(path, "w", encoding="utf-8") as out:
        json.dump(content, out, indent=1, allow_nan=False)
        out.write("\n")
    print(f"wrote {path.relative_to(REPOSITORY_ROOT)}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("datasets", nargs="?", default=str(REPOSITORY_ROOT.parent / "shared" / "datasets"))
    arguments = parser.parse_args()
    datasets = Path(arguments.datasets)
    if sklearn.__version__ != "1.6.1":
        sys.exit(f"scikit-learn {sklearn.__version__} found; these values need 1.6.1 (pip install scikit-learn==1.6.1)")
    versions = {"scikit-learn": sklearn.__version__, "numpy": np.__version__, "scipy": scipy.__version__,
                "pandas": pd.__version__}

    OUTPUT_DIRECTORY.mkdir(parents=True, exist_ok=True)
    write("classification_cases.json", {"versions": versions, "cases": classification_cases()})
    write("regression_cases.json", {"versions": versions, "cases": regression_cases()})
    write("isotonic_cases.json", {"versions": versions, "cases": isotonic_cases()})
    if not (datasets / "nannyml").is_dir():
        sys.exit(f"data sets not found in {datasets / 'nannyml'}; pass the datasets directory as the argument")
    write("dataset_chunks.json", {"versions": versions, **dataset_chunks(datasets)})
    write("cbpe.json", {"versions": versions, "chunkSize": CHUNK_SIZE, "car_loan": cbpe_car_loan(datasets),
                        "credit_card": cbpe_credit_card(datasets)})


if __name__ == "__main__":
    main()
