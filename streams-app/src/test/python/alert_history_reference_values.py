"""Encode alert histories with the Apache Avro Python library, for the tests of dev.momo.alerting.AlertHistory.

Each record is written in Avro single-object encoding: the marker C3 01, the CRC-64-AVRO fingerprint of the
schema's Parsing Canonical Form (little-endian), then the Avro binary encoding of the record. The canonical
form and the fingerprint are computed here from the rules and the algorithm of the Avro 1.11 specification
("Parsing Canonical Form for Schemas", "Schema Fingerprints"), because the canonical_form of python3-avro
1.11.1 keeps {"type":"long"} for logical types where the specification asks for "long". The binary encoding
comes from the avro package, so the Java test checks its encoder and decoder against an independent
implementation. The history layout around the records is AlertHistory's
version 1: version byte, omitted count (int64), record count (int32), then per record its length (int32)
and bytes, all big-endian.

Writes streams-app/src/test/resources/alerting/alert_history.json. Needs Debian's python3-avro (1.11.1),
which is installed for /usr/bin/python3. Run from the repository root:
    /usr/bin/python3 streams-app/src/test/python/alert_history_reference_values.py
"""

import io
import json
import math
import struct
from datetime import datetime, timedelta, timezone
from pathlib import Path

import avro
import avro.io
import avro.schema

ROOT = Path(__file__).resolve().parents[4]
SCHEMA_FILE = ROOT / "schemas" / "src" / "main" / "avro" / "DriftAlert.avsc"
OUTPUT_FILE = Path(__file__).resolve().parents[1] / "resources" / "alerting" / "alert_history.json"

HISTORY_VERSION = 1
CRC64_EMPTY = 0xC15D213AA4D7A795


def crc64_table():
    """Return the 256-entry table of the CRC-64-AVRO algorithm."""
    table = []
    for i in range(256):
        fp = i
        for _ in range(8):
            fp = (fp >> 1) ^ (CRC64_EMPTY & -(fp & 1))
        table.append(fp)
    return table


def crc64_avro(data):
    """Return the CRC-64-AVRO fingerprint of bytes as an unsigned 64-bit integer."""
    table = crc64_table()
    fp = CRC64_EMPTY
    for byte in data:
        fp = (fp >> 8) ^ table[(fp ^ byte) & 0xFF]
    return fp


PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}


def canonical(schema, namespace=None):
    """Return the Parsing Canonical Form of a schema given as parsed JSON, after the specification's rules."""
    if isinstance(schema, str):
        if schema in PRIMITIVES or "." in schema or namespace is None:
            return json.dumps(schema)
        return json.dumps(f"{namespace}.{schema}")
    if isinstance(schema, list):
        return "[" + ",".join(canonical(branch, namespace) for branch in schema) + "]"
    kind = schema["type"]
    if kind in PRIMITIVES:
        return json.dumps(kind)
    if isinstance(kind, (dict, list)):
        return canonical(kind, namespace)
    parts = []
    if "name" in schema:
        name = schema["name"]
        if "." not in name:
            namespace = schema.get("namespace", namespace)
            name = f"{namespace}.{name}" if namespace else name
        else:
            namespace = name.rsplit(".", 1)[0]
        parts.append('"name":' + json.dumps(name))
    parts.append('"type":' + json.dumps(kind))
    if kind == "record":
        fields = ",".join('{"name":' + json.dumps(field["name"]) + ',"type":' + canonical(field["type"], namespace) + "}"
                          for field in schema["fields"])
        parts.append('"fields":[' + fields + "]")
    elif kind == "enum":
        parts.append('"symbols":' + json.dumps(schema["symbols"], separators=(",", ":")))
    elif kind == "array":
        parts.append('"items":' + canonical(schema["items"], namespace))
    elif kind == "map":
        parts.append('"values":' + canonical(schema["values"], namespace))
    elif kind == "fixed":
        parts.append('"size":' + str(schema["size"]))
    return "{" + ",".join(parts) + "}"


def millis(instant):
    """Return epoch milliseconds of an aware datetime."""
    return int(round(instant.timestamp() * 1000))


def alert(alert_id, model_id, state, severity, value, updated_at, index, **extra):
    """Return a DriftAlert as a dict with every field, optional ones null unless given."""
    record = {
        "alertId": alert_id, "modelId": model_id, "modelVersion": "v1", "feature": "income",
        "check": "psi", "severity": severity, "state": state, "value": value, "threshold": 0.2,
        "thresholdSource": None, "pValue": None, "windowIndex": index, "windowStart": None, "windowEnd": None,
        "sampleSize": 500, "firstSeen": updated_at - timedelta(minutes=5 * index), "updatedAt": updated_at,
        "subject": None, "criticalThreshold": None, "referenceSize": None, "referenceValue": None,
        "openedWindowIndex": None, "driftedWindows": None, "evidenceWindows": None, "cleanWindows": None,
        "contributors": [], "driftedFeatures": [], "consoleUrl": None, "summary": None,
    }
    record.update(extra)
    return record


def single_object(schema, fingerprint, record):
    """Return the record in Avro single-object encoding."""
    out = io.BytesIO()
    avro.io.DatumWriter(schema).write(record, avro.io.BinaryEncoder(out))
    return b"\xC3\x01" + struct.pack("<Q", fingerprint) + out.getvalue()


def history_bytes(schema, fingerprint, records, omitted):
    """Return a history in AlertHistory's version-1 layout."""
    out = bytearray(struct.pack(">bqi", HISTORY_VERSION, omitted, len(records)))
    for record in records:
        encoded = single_object(schema, fingerprint, record)
        out += struct.pack(">i", len(encoded)) + encoded
    return bytes(out)


def expected(record):
    """Return the fields the Java test compares, timestamps as epoch milliseconds and NaN as null."""
    value = record["value"]
    return {
        "alertId": record["alertId"], "modelId": record["modelId"], "state": record["state"],
        "severity": record["severity"], "value": None if math.isnan(value) else value,
        "windowIndex": record["windowIndex"], "updatedAt": millis(record["updatedAt"]),
        "pValue": record["pValue"], "windowEnd": None if record["windowEnd"] is None else millis(record["windowEnd"]),
        "contributors": [c["label"] for c in record["contributors"]],
        "driftedFeatures": record["driftedFeatures"], "summary": record["summary"],
    }


def cases(start):
    """Return the histories to encode: (name, records, omitted)."""
    single = [alert("a-nan", "fraud", "OPENED", "WARNING", float("nan"), start, 0)]

    model = "modelo-ñ/eu"
    lifecycle = [
        alert("a-life", model, "OPENED", "WARNING", 0.25, start, 3, pValue=1e-12, thresholdSource="fixed",
              windowStart=start - timedelta(minutes=5), windowEnd=start, subject="feature",
              criticalThreshold=0.5, referenceSize=10_000, openedWindowIndex=3, driftedWindows=2,
              evidenceWindows=3, cleanWindows=0,
              contributors=[{"label": "[0.0, 1.5)", "referenceShare": 0.1, "currentShare": 0.4},
                            {"label": "(unseen)", "referenceShare": 0.0, "currentShare": 1e-300}],
              consoleUrl="http://127.0.0.1:8080/models/x", summary="Ingreso derivó: PSI 0.25 > 0.2"),
        alert("a-life", model, "UPDATED", "CRITICAL", 1.7976931348623157e308, start + timedelta(minutes=5), 4,
              driftedFeatures=["income", "age"]),
        alert("a-life", model, "RESOLVED", "CRITICAL", 0.0, start + timedelta(minutes=20), 7, cleanWindows=3),
    ]

    full = [alert("a-full", "churn", "OPENED", "WARNING", 0.3, start, 0)]
    for index in range(1, 50):
        full.append(alert("a-full", "churn", "UPDATED", "WARNING", 0.3 + index / 1000,
                          start + timedelta(minutes=5 * (index + 7)), index + 7))
    return [("single_nan_value", single, 0), ("lifecycle_all_fields", lifecycle, 0), ("full_with_omitted", full, 7)]


def main():
    schema_text = SCHEMA_FILE.read_text(encoding="utf-8")
    schema = avro.schema.parse(schema_text)
    canonical_form = canonical(json.loads(schema_text))
    fingerprint = crc64_avro(canonical_form.encode("utf-8"))
    start = datetime(2024, 3, 1, 12, 0, tzinfo=timezone.utc)

    histories = []
    for name, records, omitted in cases(start):
        histories.append({
            "name": name,
            "hex": history_bytes(schema, fingerprint, records, omitted).hex(),
            "omitted": omitted,
            "records": [expected(record) for record in records],
        })

    document = {
        "source": f"Apache Avro Python {avro.__version__}; canonical form and CRC-64-AVRO after the Avro specification",
        "canonicalForm": canonical_form,
        "fingerprintHex": f"{fingerprint:016x}",
        "histories": histories,
    }
    OUTPUT_FILE.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT_FILE.write_text(json.dumps(document, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT_FILE}")


if __name__ == "__main__":
    main()
