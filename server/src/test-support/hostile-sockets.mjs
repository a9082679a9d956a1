// A worker thread of hostile sockets (issue 16): each connects with its token, sends its frame (a refused
// update) and reconnects as soon as it is closed, in a tight loop, until told to stop. It runs on its own event
// loop so that the attackers' work is not counted against the server's latency in the process that measures it.
import { parentPort, workerData } from 'node:worker_threads';
import WebSocket from 'ws';

/** @type {{ url: string, tokens: string[], frame: Uint8Array }} */
const { url, tokens, frame } = workerData;
const closes = new Map();
let connections = 0;
let stopping = false;
const open = new Set();

function attack(token) {
  if (stopping) return;
  connections += 1;
  const socket = new WebSocket(`${url}?token=${encodeURIComponent(token)}`);
  open.add(socket);
  socket.on('error', () => {});
  socket.on('open', () => socket.send(frame));
  socket.on('unexpected-response', (_request, response) => {
    closes.set(`http ${response.statusCode}`, (closes.get(`http ${response.statusCode}`) ?? 0) + 1);
    response.resume();
  });
  socket.on('close', (code) => {
    open.delete(socket);
    closes.set(String(code), (closes.get(String(code)) ?? 0) + 1);
    setImmediate(() => attack(token));
  });
}

for (const token of tokens) attack(token);
parentPort.postMessage({ started: true });
parentPort.on('message', () => {
  stopping = true;
  for (const socket of open) socket.terminate();
  parentPort.postMessage({ connections, closes: Object.fromEntries(closes) });
});
