// SPDX-License-Identifier: MIT
// The peer of fieldbook-bench-initial-sync (issue 6, figure 5): N
// history-entry-shaped documents (random UUID ids) replicated by PouchDB 9
// from an express-pouchdb server (express 4) to an empty local PouchDB
// (LevelDB on disk) over loopback, median of RUNS runs with min and max.
// Prints one line "pouchdb initial sync: ..." that bench/run-bench reads.
//   node initial_sync.js [DOCS=20000] [RUNS=3] [BATCH=1000]
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const express = require('express');
const PouchDB = require('pouchdb');

const docs = parseInt(process.argv[2] || '20000', 10);
const runs = parseInt(process.argv[3] || '3', 10);
const batch = parseInt(process.argv[4] || '1000', 10);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fieldbook-bench-pouchdb-'));

const ServerPouch = PouchDB.defaults({prefix: path.join(dir, 'server-')});
const kinds = ['call', 'meeting', 'letter', 'email', 'visit', 'note'];

function historyEntry(i, now) {
  return {
    _id: crypto.randomUUID(),
    entity: 'history_entry',
    version: 1,
    updated_at: now,
    updated_by: 'import',
    client_id: crypto.randomUUID(),
    deal_id: i % 3 === 0 ? crypto.randomUUID() : null,
    planned_activity_id: null,
    author_id: '5f0c6a52-6d1e-4b7e-9a51-0d0c2f1f0b11',
    kind: kinds[i % kinds.length],
    summary: `Talked to Darcel Schlecht about Acme Corporation ${i}: next step agreed`,
    occurred_at: now - (i % 700) * 43200000,
    revisions: null,
  };
}

async function main() {
  const app = express();
  app.use('/', require('express-pouchdb')(ServerPouch, {
    mode: 'minimumForPouchDB',
    configPath: path.join(dir, 'config.json'),
    logPath: path.join(dir, 'log.txt'),
  }));
  const server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${server.address().port}/history`;

  const source = new ServerPouch('history');
  const now = Date.now();
  for (let i = 0; i < docs; i += 5000) {
    const chunk = [];
    for (let k = i; k < Math.min(docs, i + 5000); ++k) {
      chunk.push(historyEntry(k, now));
    }
    await source.bulkDocs(chunk);
  }

  const seconds = [];
  for (let run = 0; run < runs; ++run) {
    const local = new PouchDB(path.join(dir, `local-${run}`));
    const remote = new PouchDB(url);
    const t0 = process.hrtime.bigint();
    const result = await PouchDB.replicate(remote, local, {batch_size: batch});
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    if (result.docs_written !== docs) {
      throw new Error(`replicated ${result.docs_written} of ${docs} documents`);
    }
    seconds.push(s);
    console.log(`  pouchdb run ${run + 1}: ${docs} docs in ${s.toFixed(3)} s`);
    await local.close();
  }
  seconds.sort((a, b) => a - b);
  const median = seconds[Math.floor(seconds.length / 2)];
  console.log(`pouchdb initial sync: ${docs} docs, ${median.toFixed(3)} s (min ` +
              `${seconds[0].toFixed(3)}, max ${seconds[seconds.length - 1].toFixed(3)}), ` +
              `${Math.round(docs / median)} docs/s (batch_size ${batch})`);
  server.close();
  await source.close();
  fs.rmSync(dir, {recursive: true, force: true});
}

main().catch((e) => {
  console.error(`pouchdb bench failed: ${e.stack || e}`);
  fs.rmSync(dir, {recursive: true, force: true});
  process.exit(1);
});
