import path from 'node:path';
import { mintJwtSecret } from '@scalemart/runtime/service';
import type { StackUrls } from '@scalemart/testkit';
import type { ScaleMartOptions } from './scaleMartOptions.js';
import { ServiceProcess } from './serviceProcess.js';
import { builtEntry, SERVICE_KINDS, USUAL_PORTS, type ServiceKind } from './services.js';

/**
 * What every service reads: the servers, the namespace's names (or the plain ones), and a token
 * secret minted for this system unless `extra` brings one (npm start keeps one per installation).
 */
export function systemEnv(
  urls: StackUrls,
  namespace: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const names: Record<string, string> = namespace
    ? {
        MONGO_DB: `scalemart_${namespace}`,
        SCALEMART_NAMESPACE: namespace,
        REDIS_KEY_PREFIX: `${namespace}:`,
      }
    : { MONGO_DB: process.env.MONGO_DB ?? 'scalemart' };
  return {
    NATS_URL: urls.nats,
    REDIS_URL: urls.redis,
    MONGO_URL: urls.mongo,
    JWT_SECRET: mintJwtSecret(),
    ...names,
    ...extra,
  };
}

/** The service processes in start order: the command-apis first, each with its port, env and log. */
export function makeServices(
  options: ScaleMartOptions,
  context: {
    env: Record<string, string>;
    admin: { email: string; password: string };
    logDir: string | undefined;
  },
): ServiceProcess[] {
  const instances: [string, ServiceKind][] = [];
  for (let i = 1; i <= (options.commandApis ?? 1); i++)
    instances.push([i === 1 ? 'command-api' : `command-api-${i}`, 'command-api']);
  for (const kind of SERVICE_KINDS.filter((k) => k !== 'command-api')) instances.push([kind, kind]);
  for (let i = 2; i <= (options.queryApis ?? 1); i++)
    instances.push([`query-api-${i}`, 'query-api']);
  const admin = { ADMIN_EMAIL: context.admin.email, ADMIN_PASSWORD: context.admin.password };
  const services: ServiceProcess[] = [];
  for (const [name, kind] of instances) {
    services.push(
      new ServiceProcess({
        name,
        entry: builtEntry(kind),
        port: options.ports === 'usual' && name === kind ? USUAL_PORTS[kind] : 0,
        env: {
          ...context.env,
          ...(kind === 'command-api' ? admin : {}),
          ...options.serviceEnv?.[kind],
        },
        ...(context.logDir ? { logFile: path.join(context.logDir, `${name}.log`) } : {}),
        ...(options.cpuProfDir ? { cpuProfDir: options.cpuProfDir } : {}),
        // The gateway hands websockets to query-api over IPC (see gateway/socketHandoff.ts).
        ...(kind === 'query-api' ? { acceptsSockets: true } : {}),
        ...(options.onUnexpectedExit
          ? { onUnexpectedExit: (code: number | null) => options.onUnexpectedExit!(name, code) }
          : {}),
      }),
    );
  }
  return services;
}
