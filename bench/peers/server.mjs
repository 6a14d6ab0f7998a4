// The PouchDB side's server: express-pouchdb over PouchDB's leveldb adapter on
// loopback, in its own process so that it has a core of its own as Imbang's
// server has. It is started by pouch.mjs (fork) with the directory for its
// databases, answers {port} once it listens, and on {cmd: "stats"} reports its
// CPU time and the bytes its sockets moved (HTTP headers included), so the
// driver can add the server's share to its own.
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-node';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: server.mjs DIR');
  process.exit(2);
}

const ServerPouch = PouchDB.defaults({ prefix: dir + path.sep });
const app = express();
app.use('/', expressPouchDB(ServerPouch, {
  mode: 'minimumForPouchDB',
  inMemoryConfig: true,
  logPath: path.join(dir, 'log.txt'),
}));

// Bytes are counted per socket; a closed socket's bytes stay counted.
let closedIn = 0;
let closedOut = 0;
const open = new Set();
const server = app.listen(0, '127.0.0.1', () => {
  process.send({ port: server.address().port });
});
server.keepAliveTimeout = 60_000;
server.on('connection', (sock) => {
  open.add(sock);
  sock.on('close', () => {
    closedIn += sock.bytesRead;
    closedOut += sock.bytesWritten;
    open.delete(sock);
  });
});

process.on('message', (msg) => {
  if (msg.cmd === 'stats') {
    let bytesIn = closedIn;
    let bytesOut = closedOut;
    for (const s of open) {
      bytesIn += s.bytesRead;
      bytesOut += s.bytesWritten;
    }
    const cpu = process.cpuUsage();
    process.send({ stats: { cpuMicros: cpu.user + cpu.system, bytesIn, bytesOut } });
  } else if (msg.cmd === 'exit') {
    server.close();
    process.exit(0);
  }
});
process.on('disconnect', () => process.exit(0));
