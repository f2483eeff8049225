// Audits a running server against the GraphQL-over-HTTP specification with
// graphql-http's auditServer; exits non-zero on any failed MUST or SHOULD.
// Usage: node audit.mjs URL TOKEN
import { auditServer } from 'graphql-http';

const [url, token] = process.argv.slice(2);
const fetchFn = (input, init = {}) =>
  fetch(input, { ...init, headers: { ...(init.headers || {}), authorization: `Bearer ${token}` } });
const results = await auditServer({ url, fetchFn });
let failed = 0;
for (const r of results) {
  const mark = r.status === 'ok' ? 'ok  ' : r.status === 'warn' ? 'WARN' : 'FAIL';
  if (r.status !== 'ok') failed++;
  console.log(`${mark} ${r.name}${r.status === 'ok' ? '' : ` — ${r.reason}`}`);
}
console.log(`${results.length - failed}/${results.length} passed`);
process.exit(failed ? 1 : 0);
