"""Compute reference values for the tests of dev.momo.mapping and of the schema id header.

Writes streams-app/src/test/resources/mapping/input_mapping.json with four groups of cases:

* avroRecords: records of a foreign Avro schema (nested records, maps, an enum, unions with null),
  encoded by the Avro Python library, with the event that the mapping in the file must yield;
* oip: Open Inference Protocol v2 requests and responses, single and batched, with the events that
  their mappings must yield. Batch rows come from NumPy's row-major reshape of the tensor data;
* schemaIdHeaders: values of the __value_schema_id header, magic byte 0 with a big-endian 4-byte id
  (struct.pack) or magic byte 1 with a 16-byte GUID (uuid.UUID.bytes);
* eventTimes: ISO-8601 strings and epoch numbers in seconds, milliseconds and microseconds, with
  their epoch milliseconds from datetime and decimal arithmetic, rounded toward the past.

It needs the Avro Python library, which Debian packages as python3-avro, and NumPy. Run it from the
repository root with Debian's Python, which has both:
    /usr/bin/python3 streams-app/src/test/python/input_mapping_reference_values.py
The inputs are fixed, so rerunning it rewrites the same file.
"""

import datetime
import io
import json
import struct
import uuid
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path

import avro
import avro.io
import avro.schema
import numpy as np

OUTPUT_FILE = Path(__file__).resolve().parents[1] / "resources" / "mapping" / "input_mapping.json"

UTC = datetime.timezone.utc
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=UTC)


def epoch_millis(moment):
    """Return the epoch milliseconds of an aware datetime, rounded toward the past."""
    delta = moment - EPOCH
    micros = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    return micros // 1000


def float32(value):
    """Return the value that a 4-byte Avro float holds, as a Python float."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


SCORING_LOG_SCHEMA = {
    "type": "record", "name": "ScoringLog", "namespace": "com.acme.scoring",
    "fields": [
        {"name": "request_id", "type": "string"},
        {"name": "ts", "type": {"type": "long", "logicalType": "timestamp-millis"}},
        {"name": "model", "type": {"type": "record", "name": "Model", "fields": [
            {"name": "name", "type": "string"},
            {"name": "version", "type": "int"}]}},
        {"name": "request", "type": {"type": "record", "name": "Request", "fields": [
            {"name": "customer", "type": {"type": "record", "name": "Customer", "fields": [
                {"name": "age", "type": "int"},
                {"name": "income", "type": "float"},
                {"name": "plan", "type": ["null", "string"], "default": None},
                {"name": "active", "type": "boolean"},
                {"name": "tier", "type": {"type": "enum", "name": "Tier", "symbols": ["GOLD", "SILVER"]}}]}},
            {"name": "extras", "type": {"type": "map", "values": "double"}}]}},
        {"name": "output", "type": ["null", {"type": "record", "name": "Output", "fields": [
            {"name": "score", "type": "double"},
            {"name": "label", "type": "string"},
            {"name": "probs", "type": {"type": "map", "values": "double"}}]}], "default": None},
        {"name": "tags", "type": {"type": "map", "values": "string"}},
        {"name": "region", "type": ["null", "string"], "default": None},
        {"name": "embedding", "type": {"type": "array", "items": "double"}},
    ],
}

SCORING_LOG_MAPPING = {
    "modelId": "model.name",
    "modelVersion": "model.version",
    "eventId": "request_id",
    "eventTime": "ts",
    "features": {
        "from": "request.customer",
        "rename": {"income": "monthly_income"},
        "paths": {"extra_risk": "request.extras.risk", "embedding_0": "embedding[0]"},
    },
    "prediction": "output.score",
    "probabilities": {"from": "output.probs"},
    "segments": {"paths": {"region": "region", "channel": "tags.channel"}},
}


def scoring_log_event(datum):
    """Return the event that SCORING_LOG_MAPPING yields for a datum, by the documented rules."""
    customer = datum["request"]["customer"]
    features = {
        "age": customer["age"],
        "monthly_income": float32(customer["income"]),
        "plan": customer["plan"],
        "active": customer["active"],
        "tier": customer["tier"],
    }
    if "risk" in datum["request"]["extras"]:
        features["extra_risk"] = datum["request"]["extras"]["risk"]
    if datum["embedding"]:
        features["embedding_0"] = datum["embedding"][0]
    output = datum["output"]
    segments = {}
    if datum["region"] is not None:
        segments["region"] = datum["region"]
    if "channel" in datum["tags"]:
        segments["channel"] = datum["tags"]["channel"]
    return {
        "eventId": datum["request_id"],
        "modelId": datum["model"]["name"],
        "modelVersion": str(datum["model"]["version"]),
        "eventTimeMillis": epoch_millis(datum["ts"]),
        "features": features,
        "prediction": None if output is None else output["score"],
        "probabilities": {} if output is None else dict(output["probs"]),
        "segments": segments,
    }


def avro_record_cases():
    schema = avro.schema.parse(json.dumps(SCORING_LOG_SCHEMA))
    writer = avro.io.DatumWriter(schema)
    data = [
        ("every field set", {
            "request_id": "req-1", "ts": datetime.datetime(2024, 1, 1, 12, 0, 0, 250_000, tzinfo=UTC),
            "model": {"name": "churn", "version": 3},
            "request": {"customer": {"age": 41, "income": 1520.3, "plan": "basic", "active": True, "tier": "GOLD"},
                        "extras": {"risk": 0.25, "other": 1.0}},
            "output": {"score": 0.7, "label": "churned", "probs": {"churned": 0.7, "stayed": 0.3}},
            "tags": {"channel": "web"}, "region": "eu", "embedding": [0.5, -0.5]}),
        ("nulls and absent keys", {
            "request_id": "req-2", "ts": datetime.datetime(1969, 12, 31, 23, 59, 59, 999_000, tzinfo=UTC),
            "model": {"name": "churn", "version": 3},
            "request": {"customer": {"age": 0, "income": 0.0, "plan": None, "active": False, "tier": "SILVER"},
                        "extras": {}},
            "output": None, "tags": {}, "region": None, "embedding": []}),
        ("extreme magnitudes", {
            "request_id": "req-3", "ts": datetime.datetime(2262, 4, 11, 23, 47, 16, tzinfo=UTC),
            "model": {"name": "fraud", "version": -2147483648},
            "request": {"customer": {"age": 2147483647, "income": 3.4e38, "plan": "x" * 1000, "active": True,
                                     "tier": "GOLD"},
                        "extras": {"risk": 5e-324}},
            "output": {"score": -1.7976931348623157e308, "label": "", "probs": {"a": 1e-300}},
            "tags": {"channel": ""}, "region": "", "embedding": [1e308]}),
    ]
    cases = []
    for name, datum in data:
        buffer = io.BytesIO()
        writer.write(datum, avro.io.BinaryEncoder(buffer))
        cases.append({"name": name, "avroHex": buffer.getvalue().hex(), "expected": scoring_log_event(datum)})
    return {"schema": SCORING_LOG_SCHEMA, "mapping": SCORING_LOG_MAPPING, "cases": cases}


def tensor_rows(tensor):
    """Return the rows of a tensor: its data reshaped row-major to its shape by NumPy."""
    array = np.array(tensor["data"], dtype=object).reshape(tensor["shape"])
    return [array[i].tolist() if array.ndim > 1 else array[i] for i in range(array.shape[0])]


def to_feature(value, datatype):
    """Return a tensor element as Momo keeps it: FP as float, INT and UINT as int, BOOL, BYTES as str."""
    if datatype.startswith("FP") or datatype == "BF16":
        return float(value)
    if datatype.startswith("INT") or datatype.startswith("UINT"):
        # Integers beyond a signed 64-bit long become doubles.
        return int(value) if -2**63 <= int(value) < 2**63 else float(value)
    return value


def oip_events(payload, mapping, request, response, model_id, model_version, base_id):
    """Return the events of an OIP payload by the documented rules, with rows from NumPy."""
    names = mapping.get("features", {}).get("names", {})
    columns = []
    for tensor in (request or {}).get("inputs", []):
        rows = tensor_rows(tensor)
        if tensor["name"] in names:
            columns.append((names[tensor["name"]], tensor["datatype"], rows))
        else:
            columns.append(([tensor["name"]], tensor["datatype"], [[r] if not isinstance(r, list) else r
                                                                   for r in rows]))
    outputs = {t["name"]: t for t in (response or {}).get("outputs", [])}
    prediction = outputs.get(mapping.get("prediction", {}).get("output"))
    probabilities = outputs.get(mapping.get("probabilities", {}).get("output"))
    classes = mapping.get("probabilities", {}).get("classes")

    row_count = None
    for tensor in list((request or {}).get("inputs", [])) + [t for t in (prediction, probabilities) if t]:
        row_count = tensor["shape"][0]
    events = []
    for row in range(row_count):
        features = {}
        for feature_names, datatype, rows in columns:
            values = rows[row] if isinstance(rows[row], list) else [rows[row]]
            flat = np.array(values, dtype=object).reshape(-1).tolist()
            for name, value in zip(feature_names, flat):
                features[name] = to_feature(value, datatype)
        event = {"eventId": f"{base_id}/{row}", "modelId": model_id, "modelVersion": model_version,
                 "features": features, "prediction": None, "probabilities": {}, "segments": {}}
        if prediction is not None:
            value = np.array(tensor_rows(prediction)[row], dtype=object).reshape(-1).tolist()[0]
            event["prediction"] = value if prediction["datatype"] == "BYTES" else float(value)
        if probabilities is not None:
            values = np.array(tensor_rows(probabilities)[row], dtype=object).reshape(-1).tolist()
            labels = classes or [str(i) for i in range(len(values))]
            event["probabilities"] = {label: float(v) for label, v in zip(labels, values)}
        events.append(event)
    return events


def oip_cases():
    cases = []

    request = {"id": "req-1", "parameters": {"content_type": "np"}, "inputs": [
        {"name": "age", "shape": [1], "datatype": "INT64", "data": [41]},
        {"name": "income", "shape": [1, 1], "datatype": "FP32", "data": [[1520.5]]},
        {"name": "plan", "shape": [1], "datatype": "BYTES", "data": ["basic"]},
        {"name": "active", "shape": [1], "datatype": "BOOL", "data": [True]}]}
    mapping = {"format": "oip", "modelId": {"value": "churn"}, "modelVersion": {"value": "3"}}
    cases.append({"name": "single request", "mapping": mapping, "payload": request,
                  "events": oip_events(request, mapping, request, None, "churn", "3", "req-1")})

    dense = list(np.arange(9, dtype=float) / 4 - 1)
    for label, data in (("flat", dense), ("nested", np.array(dense).reshape(3, 3).tolist())):
        request = {"id": "batch-7", "inputs": [
            {"name": "dense", "shape": [3, 3], "datatype": "FP64", "data": data},
            {"name": "country", "shape": [3, 1], "datatype": "BYTES", "data": ["es", "fr", "es"]},
            {"name": "count", "shape": [3], "datatype": "UINT64", "data": [0, 7, 18446744073709551615]}]}
        mapping = {"format": "oip", "modelId": {"value": "credit"}, "modelVersion": {"value": "1"},
                   "features": {"names": {"dense": ["a", "b", "c"]}}}
        cases.append({"name": f"batch request with {label} data", "mapping": mapping, "payload": request,
                      "events": oip_events(request, mapping, request, None, "credit", "1", "batch-7")})

    response = {"model_name": "churn", "model_version": "3", "id": "resp-1", "outputs": [
        {"name": "predict", "shape": [1], "datatype": "FP32", "data": [0.7]},
        {"name": "predict_proba", "shape": [1, 2], "datatype": "FP32", "data": [0.3, 0.7]}]}
    mapping = {"format": "oip", "prediction": {"output": "predict"},
               "probabilities": {"output": "predict_proba", "classes": ["stayed", "churned"]}}
    cases.append({"name": "single response", "mapping": mapping, "payload": response,
                  "events": oip_events(response, mapping, None, response, "churn", "3", "resp-1")})

    response = {"model_name": "spam", "model_version": "12", "id": "resp-2", "outputs": [
        {"name": "label", "shape": [2], "datatype": "BYTES", "data": ["yes", "no"]},
        {"name": "proba", "shape": [2, 2], "datatype": "FP64", "data": [[0.1, 0.9], [0.8, 0.2]]}]}
    mapping = {"format": "oip", "prediction": {"output": "label"}, "probabilities": {"output": "proba"}}
    cases.append({"name": "batch response with class labels", "mapping": mapping, "payload": response,
                  "events": oip_events(response, mapping, None, response, "spam", "12", "resp-2")})

    request = {"id": "pair-1", "inputs": [
        {"name": "x", "shape": [2, 1], "datatype": "FP32", "data": [0.5, 1e-30]},
        {"name": "flag", "shape": [2], "datatype": "BOOL", "data": [False, True]}]}
    response = {"model_name": "risk", "model_version": "2", "id": "pair-1", "outputs": [
        {"name": "score", "shape": [2, 1], "datatype": "FP32", "data": [0.25, 3e30]}]}
    payload = {"request": request, "response": response}
    mapping = {"format": "oip", "request": "request", "response": "response"}
    # Without prediction.output, the only output with one value per row is the prediction.
    events = oip_events(payload, dict(mapping, prediction={"output": "score"}), request, response, "risk", "2",
                        "pair-1")
    cases.append({"name": "request and response in one record", "mapping": mapping, "payload": payload,
                  "events": events})
    return cases


def schema_id_header_cases():
    cases = []
    for schema_id in (0, 1, 7, 2**31 - 1):
        cases.append({"id": schema_id, "headerHex": struct.pack(">bi", 0, schema_id).hex()})
    for text in ("00000000-0000-0000-0000-000000000000", "0f8e2d6c-41b3-4c8e-9a55-1d3e5f7a9b01",
                 "ffffffff-ffff-ffff-ffff-ffffffffffff"):
        cases.append({"guid": text, "headerHex": (bytes([1]) + uuid.UUID(text).bytes).hex()})
    return cases


def event_time_cases():
    cases = []
    for text in ("2024-01-01T00:00:00Z", "2024-01-01T02:00:00+02:00", "1969-12-31T23:59:59.999Z",
                 "2024-02-29T12:34:56.789123Z", "1970-01-01T00:00:00Z"):
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
        cases.append({"value": text, "unit": None, "millis": epoch_millis(moment)})
    factors = {"seconds": Decimal(1000), "milliseconds": Decimal(1), "microseconds": Decimal("0.001")}
    for value, unit in ((1704067200, "seconds"), (1704067200.1, "seconds"), (-1.5, "seconds"),
                        (1704067200123, "milliseconds"), (1.5, "milliseconds"), (-1.5, "milliseconds"),
                        (0, "milliseconds"), (1704067200123456, "microseconds"), (-1, "microseconds"),
                        (1704067200123456.7, "microseconds")):
        millis = (Decimal(repr(value)) * factors[unit]).to_integral_value(rounding=ROUND_FLOOR)
        cases.append({"value": value, "unit": unit, "millis": int(millis)})
    return cases


def main():
    result = {
        "generator": f"input_mapping_reference_values.py with Avro {avro.__version__} and NumPy {np.__version__}",
        "avroRecords": avro_record_cases(),
        "oip": oip_cases(),
        "schemaIdHeaders": schema_id_header_cases(),
        "eventTimes": event_time_cases(),
    }
    OUTPUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT_FILE.write_text(json.dumps(result, indent=1) + "\n")
    print(f"wrote {OUTPUT_FILE}")


if __name__ == "__main__":
    main()
