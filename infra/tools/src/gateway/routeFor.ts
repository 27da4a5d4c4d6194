/** Where the one origin sends a request. */
export type Upstream = 'command' | 'query' | 'static';

const isApi = (path: string) => path === '/api' || path.startsWith('/api/');
const isSocket = (path: string) => path === '/socket.io' || path.startsWith('/socket.io/');

/**
 * The gateway rule: reads of /api and the socket go to query-api, every other /api method to
 * command-api, anything else to the web app's built files. The socket (polling POSTs included)
 * always goes to query-api, whatever the method.
 */
export function routeFor(method: string | undefined, url: string | undefined): Upstream {
  const path = (url ?? '/').split('?', 1)[0]!;
  if (isSocket(path)) return 'query';
  if (!isApi(path)) return 'static';
  return method === 'GET' || method === 'HEAD' ? 'query' : 'command';
}
