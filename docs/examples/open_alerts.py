"""Keeps the open alerts of momo.alerts by upserting each record under its alert id.

docs/alerts.md shows this file. Needs confluent-kafka and avro (Debian: python3-confluent-kafka,
python3-avro; pip: confluent-kafka, avro). Run:

    python3 open_alerts.py --bootstrap 127.0.0.1:9092 --schema schemas/src/main/avro/DriftAlert.avsc

With --idle-exit N it stops after N seconds without a record and prints the open alerts as JSON.
"""
import argparse
import io
import json
import time

import avro.io
import avro.schema
from confluent_kafka import Consumer


def decode(value, reader):
    """Magic byte 0, a 4-byte schema id, then the alert in Avro binary; None for anything else."""
    if not value or len(value) < 5 or value[0] != 0:
        return None
    return reader.read(avro.io.BinaryDecoder(io.BytesIO(value[5:])))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--topic", default="momo.alerts")
    parser.add_argument("--schema", default="schemas/src/main/avro/DriftAlert.avsc")
    parser.add_argument("--idle-exit", type=float, default=0)
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as file:
        reader = avro.io.DatumReader(avro.schema.parse(file.read()))
    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": "open-alerts-example",
        "isolation.level": "read_committed",
        # No committed offsets: every start reads the topic from the beginning and rebuilds the state.
        "enable.auto.commit": False,
        "auto.offset.reset": "earliest",
    })
    consumer.subscribe([args.topic])
    open_alerts = {}
    last_record = time.monotonic()
    try:
        while not args.idle_exit or time.monotonic() - last_record < args.idle_exit:
            message = consumer.poll(1.0)
            if message is None or message.error():
                continue
            last_record = time.monotonic()
            alert = decode(message.value(), reader)
            if alert is None:
                continue
            if alert["state"] == "RESOLVED":
                open_alerts.pop(alert["alertId"], None)
            else:
                open_alerts[alert["alertId"]] = alert
            if not args.idle_exit:
                print(f"{len(open_alerts)} open | {alert['state']}: {alert['summary']}")
    finally:
        consumer.close()
    if args.idle_exit:
        print(json.dumps({alert_id: alert["summary"] for alert_id, alert in open_alerts.items()}))


if __name__ == "__main__":
    main()
