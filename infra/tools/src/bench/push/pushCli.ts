import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { runPushScenario } from './pushScenario.js';

/** `--scenario push`: runs it, prints the figures as JSON, writes them to `--json` if given. */
export async function pushCli(opts: {
  products: string;
  stockNotices: string;
  users: string;
  orderNotices: string;
  watchers: string;
  queryApis?: string;
  rate?: string;
  cpuProf?: string;
  json?: string;
}): Promise<number> {
  const result = await runPushScenario({
    products: Number(opts.products),
    stockNotices: Number(opts.stockNotices),
    users: Number(opts.users),
    orderNotices: Number(opts.orderNotices),
    watchers: Number(opts.watchers),
    instances: Number(opts.queryApis ?? 2),
    rate: Number(opts.rate ?? 0),
    ...(opts.cpuProf ? { cpuProfDir: path.resolve(opts.cpuProf) } : {}),
    onPhase: (phase) => console.error(`bench: ${phase}…`),
  });
  const json = `${JSON.stringify(result, null, 2)}\n`;
  console.log(json);
  if (opts.json) {
    mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    writeFileSync(opts.json, json);
    console.log(`figures written to ${opts.json}`);
  }
  return 0;
}
