import { SYNC_PATH } from '@travaux/shared';

/** The y-websocket server URL for a page served from `location`: same host, ws or wss to match http(s). */
export function syncServerUrl(location: { readonly protocol: string; readonly host: string }): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${SYNC_PATH}`;
}
