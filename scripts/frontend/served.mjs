// The checks against a running server, after check.mjs compiled the
// operations.
//
//   node served.mjs schema URL TOKEN SCHEMA WORKDIR
//     The schema `thidua schema` printed is the one the server introspects
//     as; and the examples' "@unit:CODE", "@person:CODE", "@idea:CODE"
//     variables become ids (WORKDIR/examples.json is rewritten).
//   node served.mjs persisted URL BINARY WORKDIR [FILE TOOL]
//     A server started with --persisted-queries FILE (WORKDIR/persisted.json,
//     Relay's output, or graphql-codegen's gql/persisted-documents.json)
//     runs every operation sent by hash alone, each with
//     its example's token and variables, and refuses a hash it does not know.
//     The guide's subscriptions are opened first with graphql-sse's client
//     (as a browser app would), and each must deliver a result once the
//     guide's queries and mutations have run.
import { spawnSync } from 'node:child_process';
import { createClient } from 'graphql-sse';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';

const [mode, url, ...rest] = process.argv.slice(2);
const fail = (msg) => {
  console.error(`frontend: ${msg}`);
  process.exit(1);
};

async function post(token, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

if (mode === 'schema') {
  const [token, schemaPath, work] = rest;
  const { body } = await post(token, { query: getIntrospectionQuery({ specifiedByUrl: true, inputValueDeprecation: true }) });
  if (body.errors) fail(`introspection: ${JSON.stringify(body.errors)}`);
  const print = (s) => printSchema(lexicographicSortSchema(s));
  const served = print(buildClientSchema(body.data));
  const printed = print(buildSchema(readFileSync(schemaPath, 'utf8')));
  if (served !== printed) {
    const a = served.split('\n');
    const b = printed.split('\n');
    const i = a.findIndex((l, k) => l !== b[k]);
    writeFileSync(join(work, 'served.graphql'), served);
    writeFileSync(join(work, 'printed.graphql'), printed);
    fail(
      `thidua schema differs from the served schema at line ${i + 1} (${work}/served.graphql and printed.graphql, kept with FRONTEND_KEEP=1):` +
        `\n  served:  ${a[i]}\n  printed: ${b[i]}`,
    );
  }
  console.log('frontend: thidua schema prints the schema the server introspects as');

  const examples = JSON.parse(readFileSync(join(work, 'examples.json'), 'utf8'));
  const lists = { unit: 'units', person: 'people', idea: 'ideas' };
  const ids = new Map();
  const resolve = async (v) => {
    if (typeof v === 'string' && /^@(unit|person|idea):/.test(v)) {
      if (!ids.has(v)) {
        const [kind, code] = v.slice(1).split(':');
        const q = `query($code: String!) { ${lists[kind]}(where: {code: $code}) { edges { node { id } } } }`;
        const { body: r } = await post(token, { query: q, variables: { code } });
        const id = r.data?.[lists[kind]]?.edges?.[0]?.node?.id;
        if (!id) fail(`no ${kind} ${code} in the demo data: ${JSON.stringify(r.errors ?? r.data)}`);
        ids.set(v, id);
      }
      return ids.get(v);
    }
    if (Array.isArray(v)) return Promise.all(v.map(resolve));
    if (v && typeof v === 'object') {
      const out = {};
      for (const [k, x] of Object.entries(v)) out[k] = await resolve(x);
      return out;
    }
    return v;
  };
  for (const ex of Object.values(examples)) ex.vars = await resolve(ex.vars);
  writeFileSync(join(work, 'examples.json'), JSON.stringify(examples, null, 2));
} else if (mode === 'persisted') {
  const [binary, work, file = join(work, 'persisted.json'), tool = 'Relay'] = rest;
  const examples = JSON.parse(readFileSync(join(work, 'examples.json'), 'utf8'));
  const persisted = JSON.parse(readFileSync(file, 'utf8'));
  const token = ({ role, unit, sub }) => {
    const args = ['token', '--role', role, '--unit', unit, '--sub', sub ?? `frontend-${role.toLowerCase()}`, '--ttl', '10m'];
    const r = spawnSync(binary, args, { encoding: 'utf8' });
    if (r.status !== 0) fail(`thidua ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };
  const extensions = (sha256Hash) => ({ persistedQuery: { version: 1, sha256Hash } });
  // How each tool's client names a persisted document: Relay's network
  // layers send the hash as Automatic Persisted Queries do; codegen's client
  // preset sends {"documentId": "sha256:…"} (GraphQL over HTTP's proposal).
  const byID = (key) => (key.startsWith('sha256:') ? { documentId: key } : { extensions: extensions(key) });
  let problems = 0;
  const nameOf = (text) => text.match(/^(?:query|mutation|subscription)\s+(\w+)/m)?.[1];
  const streams = [];
  for (const [hash, text] of Object.entries(persisted)) {
    if (!/^subscription\s/m.test(text)) continue;
    const name = nameOf(text);
    const ex = examples[name];
    if (!ex) fail(`${tool} persisted ${name}, which is no operation of the guide`);
    const client = createClient({ url, headers: { authorization: `Bearer ${token(ex)}` }, retryAttempts: 0 });
    const s = { name, results: [], errors: [] };
    let connected;
    const ready = new Promise((r) => (connected = r));
    s.stop = client.subscribe(
      { variables: ex.vars, ...byID(hash) },
      {
        next: (r) => (r.errors ? s.errors.push(r.errors) : s.results.push(r.data)),
        error: (e) => s.errors.push(String(e?.message ?? e)),
        complete: () => {},
      },
      { connected: () => connected() },
    );
    const timeout = setTimeout(() => connected(), 10000);
    await ready;
    clearTimeout(timeout);
    streams.push(s);
  }
  // The stream's headers come just before its resolver subscribes.
  await new Promise((r) => setTimeout(r, 300));
  for (const [hash, text] of Object.entries(persisted)) {
    if (/^subscription\s/m.test(text)) continue;
    const name = nameOf(text);
    const ex = examples[name];
    if (!ex) fail(`${tool} persisted ${name ?? text.slice(0, 40)}, which is no operation of the guide`);
    // Relay sends the id alone; the server's allowlist takes it as the
    // Automatic Persisted Queries extension.
    const { status, body } = await post(token(ex), { variables: ex.vars, ...byID(hash) });
    if (status !== 200 || body.errors || !body.data) {
      problems++;
      console.error(`frontend: ${name} sent by its ${tool} hash: HTTP ${status} ${JSON.stringify(body.errors ?? body)}`);
    }
  }
  for (const s of streams) {
    for (let waited = 0; s.results.length === 0 && s.errors.length === 0 && waited < 10000; waited += 100) {
      await new Promise((r) => setTimeout(r, 100));
    }
    s.stop();
    if (s.errors.length || s.results.length === 0) {
      problems++;
      console.error(`frontend: ${s.name} over graphql-sse: ${s.errors.length ? JSON.stringify(s.errors) : 'no result in 10 s'}`);
    } else {
      console.log(`frontend: ${s.name} over graphql-sse delivered ${JSON.stringify(s.results[0]).slice(0, 160)}`);
    }
  }
  if (problems) fail(`${problems} of the guide's operations failed on a server holding ${tool}'s persisted documents`);
  const admin = token({ role: 'CITY_ADMIN', unit: 'HCM' });
  const { body: refused } = await post(admin, { extensions: extensions('0'.repeat(64)) });
  if (refused.errors?.[0]?.extensions?.limit !== 'persistedQueries') {
    fail(`an unknown hash was not refused as an unregistered document: ${JSON.stringify(refused)}`);
  }
  console.log(`frontend: the server runs all ${Object.keys(persisted).length} of ${tool}'s persisted documents by hash`);
} else {
  fail(`unknown mode ${mode}`);
}
