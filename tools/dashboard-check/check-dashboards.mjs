// Validates Grafana dashboard JSON files against Grafana's own dashboard model.
//
// The model is the TypeScript types of the npm package @grafana/schema (version pinned in
// package-lock.json): the `Dashboard` interface of raw/dashboard/x/types.gen.d.ts, which Grafana
// generates from its CUE dashboard kind, and the `Options` and `FieldConfig` interfaces that each
// panel plugin declares in raw/composable/<plugin>/panelcfg/x/types.gen.d.ts. ts-json-schema-generator
// turns them into JSON Schemas (draft-07, closed objects), and Ajv checks every file against them:
// the dashboard as a whole, then each panel's `options` and `fieldConfig.defaults.custom` against the
// schemas of its panel type. A panel type without a schema in the package is an error, so that a typo
// such as "timeserie" cannot pass.
//
// One exception to closed objects: Grafana's CUE source (kinds/dashboard/dashboard_kind.cue in the
// grafana/grafana repository) declares AnnotationQuery open ("...") because data sources such as
// Prometheus keep their query fields (expr, step, titleFormat) at the top level of the annotation.
// The TypeScript types drop that openness, so the generated AnnotationQuery schema is opened again here.
//
// Usage: node check-dashboards.mjs FILE...
// Prints one JSON document on stdout: {"grafanaSchema": VERSION, "files": [{"file", "errors": [...]}]}.
// Exit status: 0 when every file is valid, 1 when any file has errors, 2 on bad usage or a failure
// to build the schemas.

import { readFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import Ajv from 'ajv';
import { createGenerator } from 'ts-json-schema-generator';

const require = createRequire(import.meta.url);
const schemaPackage = dirname(require.resolve('@grafana/schema/package.json'));
const schemaVersion = JSON.parse(readFileSync(join(schemaPackage, 'package.json'), 'utf8')).version;
const typesRoot = join(schemaPackage, 'dist', 'types', 'raw');

/** Returns the JSON Schema of one exported type of a declaration file. */
function schemaOf(path, type) {
  const generator = createGenerator({ path, type, skipTypeCheck: true, jsDoc: 'none', tsconfig: undefined });
  return generator.createSchema(type);
}

/** Returns the dashboard schema with AnnotationQuery opened, as the CUE source declares it. */
function dashboardSchema() {
  const schema = schemaOf(join(typesRoot, 'dashboard', 'x', 'types.gen.d.ts'), 'Dashboard');
  const annotation = schema.definitions?.AnnotationQuery;
  if (!annotation || annotation.additionalProperties !== false) {
    throw new Error(`the generated AnnotationQuery schema of @grafana/schema ${schemaVersion} is not a closed object;`
      + ' check whether the exception for annotation queries in check-dashboards.mjs is still needed');
  }
  annotation.additionalProperties = true;
  return schema;
}

const panelValidators = new Map();

/** Returns {options, custom} validators of a panel plugin, or null when the package has no schema for it. */
function panelValidator(ajv, panelType) {
  if (panelValidators.has(panelType)) {
    return panelValidators.get(panelType);
  }
  const path = join(typesRoot, 'composable', panelType.toLowerCase().replace(/-/g, ''), 'panelcfg', 'x', 'types.gen.d.ts');
  let validator = null;
  if (existsSync(path)) {
    const declarations = readFileSync(path, 'utf8');
    validator = {
      options: /export interface Options\b/.test(declarations) ? ajv.compile(schemaOf(path, 'Options')) : null,
      custom: /export interface FieldConfig\b/.test(declarations) ? ajv.compile(schemaOf(path, 'FieldConfig')) : null,
    };
  }
  panelValidators.set(panelType, validator);
  return validator;
}

function describe(errors, prefix) {
  return (errors ?? []).map((error) => {
    const where = prefix + error.instancePath;
    const extra = error.params && Object.keys(error.params).length > 0 ? ' ' + JSON.stringify(error.params) : '';
    return `${where || '/'}: ${error.message}${extra}`;
  });
}

function panelsOf(dashboard) {
  const panels = [];
  (dashboard.panels ?? []).forEach((panel, index) => {
    panels.push({ panel, path: `/panels/${index}` });
    (panel.panels ?? []).forEach((inner, innerIndex) => {
      panels.push({ panel: inner, path: `/panels/${index}/panels/${innerIndex}` });
    });
  });
  return panels;
}

function check(ajv, validateDashboard, file) {
  let dashboard;
  try {
    dashboard = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    return [`cannot read ${file} as JSON: ${error.message}`];
  }
  const errors = validateDashboard(dashboard) ? [] : describe(validateDashboard.errors, '');
  for (const { panel, path } of panelsOf(dashboard)) {
    if (typeof panel?.type !== 'string' || panel.type === 'row') {
      continue;
    }
    const validator = panelValidator(ajv, panel.type);
    if (validator === null) {
      errors.push(`${path}/type: panel type "${panel.type}" has no panel schema in @grafana/schema ${schemaVersion}`);
      continue;
    }
    if (validator.options && panel.options !== undefined && !validator.options(panel.options)) {
      errors.push(...describe(validator.options.errors, `${path}/options`));
    }
    const custom = panel.fieldConfig?.defaults?.custom;
    if (validator.custom && custom !== undefined && !validator.custom(custom)) {
      errors.push(...describe(validator.custom.errors, `${path}/fieldConfig/defaults/custom`));
    }
  }
  return errors;
}

function main(files) {
  if (files.length === 0) {
    process.stderr.write('usage: node check-dashboards.mjs FILE...\n');
    return 2;
  }
  // allowUnionTypes: the generator writes TypeScript unions of primitives as "type": ["number", "string"].
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  try {
    const validateDashboard = ajv.compile(dashboardSchema());
    const results = files.map((file) => ({ file, errors: check(ajv, validateDashboard, file) }));
    process.stdout.write(JSON.stringify({ grafanaSchema: schemaVersion, files: results }, null, 2) + '\n');
    return results.some((result) => result.errors.length > 0) ? 1 : 0;
  } catch (error) {
    process.stderr.write(`failed to build or apply the schemas of @grafana/schema ${schemaVersion}: ${error.stack}\n`);
    return 2;
  }
}

process.exitCode = main(process.argv.slice(2));
