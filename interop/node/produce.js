#!/usr/bin/env node
// Publishes synthetic inference events of the model "node-model" with clients that Momo does not ship.
// kafkajs 2.2.4 produces them. In avro mode, @kafkajs/confluent-schema-registry 3.9.0 registers the
// InferenceEvent schema under "<topic>-value" and encodes each event in the Confluent wire format
// (magic byte 0, 4-byte big-endian schema id, Avro binary written by avsc 5.7). In json mode each event
// is the JSON object that Momo's InferenceEventDecoder reads. In csv mode nothing is sent: the same
// generator writes rows of a reference table, so a profile can be built from the same distributions.
//
// The generator is deterministic: a seed fixes every event. Events with index >= --drift-start come
// from a shifted population, in which "amount" and "channel" move, the prediction moves with them, and
// the other features keep their distribution. Normal(m, s) has mean m and standard deviation s.
//   amount         double, Normal(100, 20) clipped at 0 and rounded to cents (drifted: Normal(130, 20))
//   channel        string, web/store/phone with shares 0.5/0.3/0.2 (drifted: 0.2/0.3/0.5)
//   tenure_months  long, uniform on 0..119, null (missing) with probability 0.05
//   region         string, north/south/west with shares 0.4/0.35/0.25
//   returning      boolean, true with probability 0.3
//   prediction     double, logistic(-3 + 0.02 * amount + 0.5 if channel is phone), a score in (0, 1)
//
// Exit status: 0 on success, 2 on invalid arguments, 1 when Kafka, the registry or a file fails.
// The script connects only to the brokers and registry it is given and listens on no port.
'use strict';

const fs = require('node:fs');
const { parseArgs } = require('node:util');

const MODEL_ID = 'node-model';
const MODEL_VERSION = '1';
const FIRST_EVENT_TIME_MS = Date.UTC(2025, 0, 1);
const EVENT_SPACING_MS = 1000;
const MESSAGES_PER_SEND = 500;
const FEATURES = ['amount', 'channel', 'tenure_months', 'region', 'returning'];

const USAGE = `Usage: node produce.js --mode avro|json|csv [options]
  --brokers HOST:PORT[,HOST:PORT]  Kafka bootstrap servers (avro and json modes)
  --registry URL                   Schema Registry base URL (avro mode)
  --topic NAME                     topic to publish to (avro and json modes)
  --schema FILE                    InferenceEvent.avsc (avro mode)
  --events N                       events (or csv rows) to generate, at least 1
  --drift-start I                  index of the first drifted event, 0..N; N means no drift (default N)
  --seed S                         integer seed of the generator (default 1)
  --out FILE                       csv mode: the reference table to write
  --dump FILE                      avro and json modes: also write each event's JSON object, one per line`;

/** Error for an invalid command line. main() prints it with the usage and exits with status 2. */
class UsageError extends Error {}

/**
 * Returns a generator of uniform doubles in [0, 1) from a 32-bit seed: Mulberry32, the public-domain
 * 32-bit generator of Tommy Ettinger (2017, https://gist.github.com/tommyettinger/46a874533244883189143505d203312c).
 * Its period is 2^32, far more than the few thousand events of a test. It is not for cryptography.
 */
function mulberry32(seed) {
  let state = seed >>> 0;
  return function next() {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a standard normal variate from two uniforms by the Box-Muller transform. */
function standardNormal(random) {
  // 1 - u lies in (0, 1], so the logarithm stays finite.
  const radius = Math.sqrt(-2 * Math.log(1 - random()));
  return radius * Math.cos(2 * Math.PI * random());
}

/** Returns one of `values`, drawn with the given shares, which sum to 1. */
function pick(random, values, shares) {
  const u = random();
  let cumulative = 0;
  for (let i = 0; i < values.length; i++) {
    cumulative += shares[i];
    if (u < cumulative) {
      return values[i];
    }
  }
  return values[values.length - 1];
}

/**
 * Draws the features and the prediction of one event. Every call takes the same number of uniforms
 * whether or not `drifted` is set, so the stable features of event i are the same in both populations.
 */
function drawEvent(random, drifted) {
  const amount = Math.round(Math.max(0, (drifted ? 130 : 100) + 20 * standardNormal(random)) * 100) / 100;
  const channel = pick(random, ['web', 'store', 'phone'], drifted ? [0.2, 0.3, 0.5] : [0.5, 0.3, 0.2]);
  const tenureMissing = random() < 0.05;
  const tenure = Math.floor(random() * 120);
  const region = pick(random, ['north', 'south', 'west'], [0.4, 0.35, 0.25]);
  const returning = random() < 0.3;
  const logit = -3 + 0.02 * amount + (channel === 'phone' ? 0.5 : 0);
  return {
    features: {
      amount,
      channel,
      tenure_months: tenureMissing ? null : tenure,
      region,
      returning,
    },
    prediction: 1 / (1 + Math.exp(-logit)),
  };
}

/** Yields every event in the JSON shape of Momo's InferenceEventDecoder, in index order. */
function* events(options) {
  const random = mulberry32(options.seed);
  for (let index = 0; index < options.events; index++) {
    const drawn = drawEvent(random, index >= options.driftStart);
    yield {
      eventId: `e${index}`,
      modelId: MODEL_ID,
      modelVersion: MODEL_VERSION,
      eventTime: new Date(FIRST_EVENT_TIME_MS + index * EVENT_SPACING_MS).toISOString(),
      features: drawn.features,
      prediction: drawn.prediction,
      probabilities: {},
      segments: {},
    };
  }
}

/**
 * Converts an event from its JSON shape to the value that avsc writes with InferenceEvent.avsc. avsc
 * 5.7 reads a union whose branches it cannot tell apart by the JavaScript type (the feature map's
 * long and double) as a wrapped union, {"long": 3}, and the prediction's null/double/string union as
 * a plain value.
 */
function toAvro(event) {
  const features = {};
  for (const [name, value] of Object.entries(event.features)) {
    features[name] = wrapFeature(name, value);
  }
  return { ...event, eventTime: Date.parse(event.eventTime), features };
}

function wrapFeature(name, value) {
  if (value === null) {
    return null;
  }
  if (typeof value === 'boolean') {
    return { boolean: value };
  }
  if (typeof value === 'string') {
    return { string: value };
  }
  // tenure_months is a count, so it goes into the long branch. The other numbers are doubles.
  return name === 'tenure_months' ? { long: value } : { double: value };
}

/** Returns the CSV cell of a value: empty for null, numbers and booleans in JavaScript's text form. */
function csvCell(value) {
  return value === null ? '' : String(value);
}

function writeCsv(options) {
  const lines = [[...FEATURES, 'prediction'].join(',')];
  for (const event of events(options)) {
    lines.push([...FEATURES.map((name) => csvCell(event.features[name])), csvCell(event.prediction)].join(','));
  }
  fs.writeFileSync(options.out, lines.join('\n') + '\n');
  return { mode: 'csv', out: options.out, rows: options.events };
}

async function publish(options) {
  // Loaded here, so that csv mode runs without node_modules.
  const { Kafka, Partitioners, logLevel } = require('kafkajs');
  const kafka = new Kafka({
    clientId: 'momo-interop-node',
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    connectionTimeout: 5000,
    retry: { retries: 5 },
  });
  // The Java client's partitioner (murmur2 of the key), so keyed events land where a Java producer puts them.
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });

  let encode = async (event) => JSON.stringify(event);
  const summary = { mode: options.mode, topic: options.topic, events: options.events };
  if (options.mode === 'avro') {
    const { SchemaRegistry, SchemaType } = require('@kafkajs/confluent-schema-registry');
    const registry = new SchemaRegistry({ host: options.registry, retry: { retries: 2 } });
    const schema = fs.readFileSync(options.schema, 'utf8');
    const subject = `${options.topic}-value`;
    const { id } = await registry.register({ type: SchemaType.AVRO, schema }, { subject });
    encode = (event) => registry.encode(id, toAvro(event));
    summary.subject = subject;
    summary.schemaId = id;
  }

  const dump = options.dump ? fs.openSync(options.dump, 'w') : null;
  await producer.connect();
  try {
    let batch = [];
    for (const event of events(options)) {
      batch.push({ key: MODEL_ID, value: await encode(event) });
      if (dump !== null) {
        fs.writeSync(dump, JSON.stringify(event) + '\n');
      }
      if (batch.length === MESSAGES_PER_SEND) {
        // One send at a time keeps the events in index order within the partition.
        await producer.send({ topic: options.topic, messages: batch });
        batch = [];
      }
    }
    if (batch.length > 0) {
      await producer.send({ topic: options.topic, messages: batch });
    }
  } finally {
    await producer.disconnect();
    if (dump !== null) {
      fs.closeSync(dump);
    }
  }
  return summary;
}

function integerOption(values, name, fallback, min, max) {
  const text = values[name];
  if (text === undefined) {
    if (fallback === undefined) {
      throw new UsageError(`missing --${name}`);
    }
    return fallback;
  }
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`invalid --${name} '${text}': expected an integer in ${min}..${max}`);
  }
  return value;
}

function requiredOption(values, name, mode) {
  const value = values[name];
  if (value === undefined || value === '') {
    throw new UsageError(`missing --${name}, which ${mode} mode needs`);
  }
  return value;
}

/** Parses and validates the command line, and throws a UsageError that names the invalid option. */
function parseOptions(argv) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        mode: { type: 'string' },
        brokers: { type: 'string' },
        registry: { type: 'string' },
        topic: { type: 'string' },
        schema: { type: 'string' },
        events: { type: 'string' },
        'drift-start': { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        dump: { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error.message);
  }
  const values = parsed.values;
  const mode = values.mode;
  if (!['avro', 'json', 'csv'].includes(mode)) {
    throw new UsageError(`invalid --mode '${mode ?? ''}': expected avro, json or csv`);
  }

  const events = integerOption(values, 'events', undefined, 1, 10_000_000);
  const options = {
    mode,
    events,
    driftStart: integerOption(values, 'drift-start', events, 0, events),
    seed: integerOption(values, 'seed', 1, 0, 0xffffffff),
  };
  if (mode === 'csv') {
    options.out = requiredOption(values, 'out', mode);
    return options;
  }

  options.brokers = requiredOption(values, 'brokers', mode).split(',').map((broker) => broker.trim());
  options.topic = requiredOption(values, 'topic', mode);
  options.dump = values.dump;
  if (mode === 'avro') {
    options.registry = requiredOption(values, 'registry', mode);
    options.schema = requiredOption(values, 'schema', mode);
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`produce.js: ${error.message}\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }

  try {
    const summary = options.mode === 'csv' ? writeCsv(options) : await publish(options);
    // One JSON line on stdout, which the calling test reads.
    console.log(JSON.stringify(summary));
  } catch (error) {
    console.error(`produce.js: ${options.mode} mode failed: ${error.stack ?? error}`);
    process.exit(1);
  }
}

main();
