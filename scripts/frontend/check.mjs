// Compiles every GraphQL operation of docs/api.md against the served schema
// with the two toolchains the web apps use: graphql-codegen (typescript +
// typescript-operations) and relay-compiler. Any error fails: the guide's
// operations are what frontend teams copy.
//
// Usage: node check.mjs DOC SCHEMA WORKDIR
// Writes into WORKDIR: operations/*.graphql (one per operation, named after
// it), src/*.ts (the same as Relay graphql tags), types.ts (codegen),
// gql/ (codegen's client preset, with gql/persisted-documents.json),
// __generated__/ and persisted.json (Relay), examples.json (each operation's
// example header, for the persisted-query check).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse } from 'graphql';
import { generate } from '@graphql-codegen/cli';

const here = dirname(fileURLToPath(import.meta.url));
const [docPath, schemaPath, work] = process.argv.slice(2).map((p) => resolve(p));
const fail = (msg) => {
  console.error(`frontend: ${msg}`);
  process.exit(1);
};

// The custom scalars of graph/*.graphqls as their JSON arrives: codegen's
// strictScalars and Relay both need each one named, so a new scalar without
// a mapping here fails the check rather than becoming `any`.
const scalars = {
  Cursor: 'string',
  Date: 'string',
  Time: 'string',
  Map: 'Record<string, unknown>',
  Upload: 'File',
};

const doc = readFileSync(docPath, 'utf8');
const blockRe = /(?:<!--\s*example:(.*?)-->\s*\n)?```graphql\n([\s\S]*?)\n```/g;
const ops = new Map();
let skipped = 0;
for (const m of doc.matchAll(blockRe)) {
  const line = doc.slice(0, m.index).split('\n').length;
  let parsed;
  try {
    parsed = parse(m[2]);
  } catch (e) {
    // The guide's SDL excerpts are fenced as ```text, so a graphql block
    // that does not parse is a broken example.
    fail(`${docPath}:${line}: a graphql block that does not parse: ${e.message}`);
  }
  const executable = parsed.definitions.filter(
    (d) => d.kind === Kind.OPERATION_DEFINITION || d.kind === Kind.FRAGMENT_DEFINITION,
  );
  if (executable.length === 0) {
    skipped++;
    continue;
  }
  if (executable.length !== parsed.definitions.length) {
    fail(`${docPath}:${line}: a graphql block mixes operations with schema definitions`);
  }
  const anonymous = executable.find((d) => !d.name);
  if (anonymous) {
    fail(`${docPath}:${line}: an anonymous ${anonymous.operation}: Relay and codegen need every operation named`);
  }
  // Relay takes a module's name from its file and wants every operation
  // and fragment in it to start with that name, so the file is named after
  // the block's first operation (or fragment).
  const first = executable.find((d) => d.kind === Kind.OPERATION_DEFINITION) ?? executable[0];
  const name = first.name.value;
  if (ops.has(name)) fail(`${docPath}:${line}: ${name} is defined twice`);
  const operations = executable.filter((d) => d.kind === Kind.OPERATION_DEFINITION).map((d) => d.name.value);
  // A graphql tag holds one definition, so each becomes its own tag.
  const tags = executable.map((d) => m[2].slice(d.loc.start, d.loc.end));
  ops.set(name, { line, text: m[2], tags, operations, header: m[1]?.trim() ?? '' });
}
if (ops.size === 0) fail(`${docPath} has no GraphQL operations`);
const operationCount = [...ops.values()].reduce((n, b) => n + b.operations.length, 0);

mkdirSync(join(work, 'operations'), { recursive: true });
mkdirSync(join(work, 'src'), { recursive: true });
mkdirSync(join(work, '__generated__'), { recursive: true });
const examples = {};
for (const [name, { text, tags, operations, header }] of ops) {
  writeFileSync(join(work, 'operations', `${name}.graphql`), `${text}\n`);
  const ts = tags.map((t, i) => `export const definition${i} = graphql\`\n${t}\n\`;\n`);
  writeFileSync(join(work, 'src', `${name}.ts`), `import { graphql } from 'relay-runtime';\n\n${ts.join('\n')}`);
  // The header is internal/server/docs_test.go's: `name=… role=… unit=…
  // [sub=…] [vars={…}]`; the token's part is kept for served.mjs.
  const [, keys = '', vars] = header.match(/^(.*?)(?:vars=(\{.*\}))?$/s);
  const ex = Object.fromEntries(keys.split(/\s+/).filter(Boolean).map((kv) => kv.split('=', 2)));
  for (const op of operations) {
    examples[op] = { role: ex.role ?? 'CITY_ADMIN', unit: ex.unit ?? 'HCM', sub: ex.sub, vars: vars ? JSON.parse(vars) : {} };
  }
}
writeFileSync(join(work, 'examples.json'), JSON.stringify(examples, null, 2));
console.log(`frontend: ${operationCount} operations in ${ops.size} blocks of ${docPath}${skipped ? ` (${skipped} blocks without one)` : ''}`);

// graphql-codegen validates every document against the schema and fails on
// the first problem.
try {
  await generate(
    {
      cwd: here, // where codegen finds its plugins
      schema: schemaPath,
      documents: join(work, 'operations', '*.graphql'),
      silent: true,
      errorsOnly: true,
      generates: {
        [join(work, 'types.ts')]: {
          plugins: ['typescript', 'typescript-operations'],
          // dedupeOperationSuffix: the Relay names already end in Query or Mutation.
          config: { strictScalars: true, scalars, enumsAsTypes: true, avoidOptionals: true, dedupeOperationSuffix: true },
        },
      },
    },
    true,
  );
} catch (e) {
  fail(`graphql-codegen: ${e.message}${e.errors ? `\n${e.errors.map((x) => x.details ?? x.message).join('\n')}` : ''}`);
}
const types = readFileSync(join(work, 'types.ts'), 'utf8');
for (const name of Object.keys(examples)) {
  // Codegen appends Query or Mutation to a name that lacks it; Relay,
  // below, refuses such a name anyway.
  if (!new RegExp(`^export type ${name}\\w*Variables\\b`, 'm').test(types)) fail(`graphql-codegen wrote no types for ${name}`);
}
console.log(`frontend: graphql-codegen wrote types for ${operationCount} operations`);

// graphql-codegen's client preset, as a React or Vue app uses it, with its
// persisted documents (SHA-256 of each printed document): the second
// allowlist served.mjs runs on a server.
try {
  await generate(
    {
      cwd: here,
      schema: schemaPath,
      documents: join(work, 'operations', '*.graphql'),
      silent: true,
      errorsOnly: true,
      generates: {
        [join(work, 'gql') + '/']: {
          preset: 'client',
          config: { strictScalars: true, scalars, enumsAsTypes: true },
          presetConfig: { fragmentMasking: false, persistedDocuments: { hashAlgorithm: 'sha256' } },
        },
      },
    },
    true,
  );
} catch (e) {
  fail(`graphql-codegen (client preset): ${e.message}${e.errors ? `\n${e.errors.map((x) => x.details ?? x.message).join('\n')}` : ''}`);
}
const codegenPersisted = JSON.parse(readFileSync(join(work, 'gql', 'persisted-documents.json'), 'utf8'));
if (Object.keys(codegenPersisted).length !== operationCount) {
  fail(`graphql-codegen persisted ${Object.keys(codegenPersisted).length} documents for ${operationCount} operations`);
}
console.log(`frontend: graphql-codegen's client preset persisted ${operationCount} operations`);

// Relay also checks its own rules: names, Node ids, connections.
const relayConfig = {
  src: './src',
  schema: schemaPath,
  language: 'typescript',
  artifactDirectory: './__generated__',
  customScalarTypes: scalars,
  // SHA-256 of the printed text: the server's allowlist keys its
  // documents the same way, so this file is one it can load.
  persistConfig: { file: './persisted.json', algorithm: 'SHA256' },
  // Relay's naming rule (a module's operations start with its name and end
  // in Query, Mutation or Subscription) is enforced only for Haste projects
  // unless asked for; the guide's names must pass it in any project.
  featureFlags: { enforce_module_name_prefix_for_non_haste: true, enable_strict_custom_scalars: true },
};
writeFileSync(join(work, 'relay.config.json'), JSON.stringify(relayConfig, null, 2));
// Relay adds to the persisted file rather than creating it.
writeFileSync(join(work, 'persisted.json'), '{}');
const relay = spawnSync(join(here, 'node_modules', '.bin', 'relay-compiler'), ['--noWatchman', 'relay.config.json'], {
  cwd: work,
  encoding: 'utf8',
});
if (relay.status !== 0) fail(`relay-compiler (exit ${relay.status}):\n${relay.stdout}${relay.stderr}`);
const persisted = JSON.parse(readFileSync(join(work, 'persisted.json'), 'utf8'));
if (Object.keys(persisted).length !== operationCount) {
  fail(`relay-compiler persisted ${Object.keys(persisted).length} documents for ${operationCount} operations`);
}
console.log(`frontend: relay-compiler compiled and persisted ${operationCount} operations`);
