import type { WebSocket } from 'ws';

/**
 * Pings a socket every `intervalMs` and calls `onDead` once a ping has gone unanswered for two
 * intervals (as y-websocket's server and Hocuspocus do): a half-open socket would otherwise
 * keep its document loaded and its session watched forever. Returns the function that stops it.
 */
export function keepAlive(socket: WebSocket, intervalMs: number, onDead: () => void): () => void {
  let unanswered = 0;
  const onPong = (): void => {
    unanswered = 0;
  };
  socket.on('pong', onPong);
  const stop = (): void => {
    clearInterval(timer);
    socket.off('pong', onPong);
  };
  const timer = setInterval(() => {
    if (unanswered >= 2) {
      stop();
      onDead();
      return;
    }
    unanswered++;
    if (socket.readyState === socket.OPEN) socket.ping();
  }, intervalMs);
  timer.unref();
  return stop;
}
