// The PouchDB side of `make bench-peers`: the same three workloads as
// Imbang's sync benchmark (sync/simtest/peers_bench_test.go), on documents
// the Go side exported from the demo generator, one document per row.
//
//   node pouch.mjs --docs FILE.jsonl --edits FILE.json [--reps N] [--batch-size N]
//
// (b) full upload: the region bulk-loaded into a local leveldb database (not
//     timed), then replicate.to an empty database on the server;
// (c) initial pull: a new local database, replicate.from the server;
// (a) edits: one column of 1,000 documents changed (1,000 separate puts,
//     not timed), then replicate.to; --reps times.
// It prints one JSON object: per workload the documents moved, wall time,
// CPU time of this process and the server's together, and the bytes the
// server's sockets read and wrote. It exits non-zero when a replication moved
// other than the expected number of documents.
import PouchDB from 'pouchdb-node';
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

function args() {
  const a = { reps: 5, batchSize: 0 };
  const v = process.argv.slice(2);
  for (let i = 0; i < v.length; i += 2) {
    const k = v[i];
    const x = v[i + 1];
    if (k === '--docs') a.docs = x;
    else if (k === '--edits') a.edits = x;
    else if (k === '--reps') a.reps = Number(x);
    else if (k === '--batch-size') a.batchSize = Number(x);
    else throw new Error(`unknown argument ${k}`);
  }
  if (!a.docs || !a.edits || !(a.reps > 0)) {
    throw new Error('usage: pouch.mjs --docs FILE.jsonl --edits FILE.json [--reps N] [--batch-size N]');
  }
  return a;
}

function fail(msg) {
  console.error(`pouch.mjs: ${msg}`);
  process.exit(1);
}

// startServer forks server.mjs and resolves with its URL and a stats probe.
function startServer(dir) {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const child = fork(path.join(here, 'server.mjs'), [dir], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let waiting = null;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) fail(`server exited with ${code}`);
    });
    child.on('message', (m) => {
      if (m.port) {
        resolve({
          url: `http://127.0.0.1:${m.port}`,
          stats: () => new Promise((res) => { waiting = res; child.send({ cmd: 'stats' }); }),
          stop: () => new Promise((res) => { child.once('exit', res); child.send({ cmd: 'exit' }); }),
        });
      } else if (m.stats && waiting) {
        const w = waiting;
        waiting = null;
        w(m.stats);
      }
    });
  });
}

function cpuMicros() {
  const c = process.cpuUsage();
  return c.user + c.system;
}

// measure runs fn and returns what it cost both processes.
async function measure(srv, fn) {
  const s0 = await srv.stats();
  const c0 = cpuMicros();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const c1 = cpuMicros();
  const s1 = await srv.stats();
  return {
    result,
    wall_ms: wallMs,
    cpu_ms: (c1 - c0 + s1.cpuMicros - s0.cpuMicros) / 1000,
    bytes_up: s1.bytesIn - s0.bytesIn,
    bytes_down: s1.bytesOut - s0.bytesOut,
  };
}

function checkReplication(what, r, want) {
  if (!r.ok || (r.errors && r.errors.length) || r.docs_written !== want) {
    fail(`${what}: wrote ${r.docs_written} documents (want ${want}), ok=${r.ok}, errors=${JSON.stringify(r.errors || []).slice(0, 500)}`);
  }
}

async function main() {
  const a = args();
  const docs = fs.readFileSync(a.docs, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l));
  const edits = JSON.parse(fs.readFileSync(a.edits, 'utf8'));
  if (docs.length === 0 || !edits.ids || edits.ids.length === 0) fail('nothing to measure: no documents or no ids to edit');
  const opts = a.batchSize > 0 ? { batch_size: a.batchSize } : {};

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'imbang-peers-pouch-'));
  fs.mkdirSync(path.join(work, 'server'));
  const srv = await startServer(path.join(work, 'server'));
  const remote = new PouchDB(`${srv.url}/region`);
  const out = { docs: docs.length, batch_size: a.batchSize || 100, edits: [] };
  try {
    // The desktop's database holds the region before its first replication.
    const desk = new PouchDB(path.join(work, 'desk'));
    for (let i = 0; i < docs.length; i += 2000) {
      const res = await desk.bulkDocs(docs.slice(i, i + 2000));
      const bad = res.find((r) => !r.ok);
      if (bad) fail(`local load: ${JSON.stringify(bad)}`);
    }

    // (b) full upload to the empty server database.
    const up = await measure(srv, () => desk.replicate.to(remote, opts));
    checkReplication('full upload', up.result, docs.length);
    out.upload = { ...up, result: undefined, docs: up.result.docs_written };
    const info = await remote.info();
    if (info.doc_count !== docs.length) fail(`server holds ${info.doc_count} documents after the upload, want ${docs.length}`);

    // (c) initial pull by a new desktop.
    const fresh = new PouchDB(path.join(work, 'fresh'));
    const pull = await measure(srv, () => fresh.replicate.from(remote, opts));
    checkReplication('initial pull', pull.result, docs.length);
    const held = (await fresh.info()).doc_count;
    if (held !== docs.length) fail(`the new desktop holds ${held} documents, want ${docs.length}`);
    out.pull = { ...pull, result: undefined, docs: pull.result.docs_written };
    await fresh.close();

    // (a) 1,000 single-field edits on the uploading desktop, then push.
    for (let rep = 0; rep < a.reps; rep++) {
      for (let k = 0; k < edits.ids.length; k++) {
        const d = await desk.get(edits.ids[k]);
        d[edits.column] = `Sorong ${rep + 1}-${k}`;
        await desk.put(d);
      }
      const e = await measure(srv, () => desk.replicate.to(remote, opts));
      checkReplication(`edits, repetition ${rep + 1}`, e.result, edits.ids.length);
      out.edits.push({ ...e, result: undefined, docs: e.result.docs_written });
    }
    await desk.close();
  } finally {
    await remote.close();
    await srv.stop();
  }
  fs.rmSync(work, { recursive: true, force: true });
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => fail(e && e.stack ? e.stack : String(e)));
