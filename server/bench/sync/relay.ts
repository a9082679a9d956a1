import { type WebSocket, WebSocketServer } from 'ws';

/**
 * The floor of the benchmark: a bare `ws` relay that forwards every binary frame to the other sockets of the
 * same path, with no parsing, no validation and no storage.
 */
const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ port: Number(process.env.PORT), host: '127.0.0.1' });
server.on('connection', (socket, request) => {
  const room = request.url ?? '/';
  const members = rooms.get(room) ?? new Set<WebSocket>();
  rooms.set(room, members);
  members.add(socket);
  socket.on('message', (data, binary) => {
    for (const other of members)
      if (other !== socket && other.readyState === other.OPEN) other.send(data, { binary });
  });
  socket.on('close', () => members.delete(socket));
  socket.on('error', () => {});
});
server.on('listening', () => process.stdout.write('listening\n'));
