import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Dev mode mirrors the one-origin gateway of `npm start`: reads (GET/HEAD /api, the socket) go to
// query-api, every other /api method to command-api, with hot reload on :5173.
const COMMAND_API = process.env.COMMAND_API_URL ?? 'http://localhost:3001';
const QUERY_API = process.env.QUERY_API_URL ?? 'http://localhost:3002';
const COMMAND_PREFIX = '/__command';

/**
 * Vite's proxy matches on the path only. This middleware runs before it and moves every /api
 * command (POST, PUT, PATCH, DELETE) under a private prefix that proxies to command-api.
 */
function routeCommandsByMethod(): Plugin {
  return {
    name: 'scalemart-route-commands',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const read = req.method === 'GET' || req.method === 'HEAD';
        if (!read && req.url?.startsWith('/api/')) req.url = COMMAND_PREFIX + req.url;
        next();
      });
    },
  };
}

export default defineConfig({
  plugins: [react(), routeCommandsByMethod()],
  server: {
    port: 5173,
    proxy: {
      [COMMAND_PREFIX]: {
        target: COMMAND_API,
        changeOrigin: true,
        rewrite: (path) => path.slice(COMMAND_PREFIX.length),
      },
      '/api': { target: QUERY_API, changeOrigin: true },
      '/socket.io': { target: QUERY_API, ws: true, changeOrigin: true },
    },
  },
  build: { sourcemap: true },
});
