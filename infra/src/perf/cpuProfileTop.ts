import { readFileSync } from 'node:fs';

/**
 * The top frames of V8 CPU profiles (`node --cpu-prof`, e.g. the bench's `--cpu-prof <dir>`), by
 * self time, and the same time grouped by package: `node infra/dist/perf/cpuProfileTop.js
 * <file.cpuprofile>... [--top 25]`. Several files (two command-api instances) are summed. Idle
 * samples are left out: shares are of the time the process was busy.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt === -1 ? 25 : Number(args[topAt + 1]);
const files = args.filter((arg, i) => arg !== '--top' && i !== topAt + 1);

/** node_modules/<package>, node:internal, our own dist, or V8's pseudo-frames. */
function packageOf(url: string, name: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node (internal)';
  const ours = /\/(command-api|infra|contracts|processors|query-api)\/dist\//.exec(url);
  if (ours) return `@scalemart/${ours[1]}`;
  return url === '' ? `(${name || 'native'})` : url;
}

const selfByFrame = new Map<string, number>();
const selfByPackage = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)') return;
    const short = url.replace(/^.*node_modules\//, '').replace(/^.*\/(\w[\w-]*\/dist\/)/, '$1');
    const frame = `${functionName || '(anonymous)'} ${short}:${lineNumber + 1}`;
    selfByFrame.set(frame, (selfByFrame.get(frame) ?? 0) + micros);
    const pkg = packageOf(url, functionName);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + micros);
    total += micros;
  });
}

const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title} (${(total / 1e6).toFixed(2)} s busy, sampled)`);
  for (const [name, micros] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((micros / total) * 100).toFixed(1).padStart(5)} %  ${(micros / 1e3).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
print('self time by package', selfByPackage);
print('self time by frame', selfByFrame);
