import getPort from 'get-port';

/** A port free on 127.0.0.1 now; get-port also avoids handing the same port out twice. */
export const freePort = () => getPort({ host: '127.0.0.1' });
