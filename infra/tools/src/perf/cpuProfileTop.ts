import { readFileSync } from 'node:fs';

/**
 * The top frames of V8 CPU profiles (`node --cpu-prof`, e.g. the bench's `--cpu-prof <dir>`), by
 * self time, and the same time grouped by package: `node infra/tools/dist/perf/cpuProfileTop.js
 * <file.cpuprofile>... [--top 25] [--from-s 6 --to-s 15] [--timeline]`. Several files (two
 * command-api instances) are summed. Idle samples are left out: shares are of the time the process
 * was busy. `--from-s`/`--to-s` keep the samples of that window (seconds since each profile
 * started), so a service's startup does not count as load; `--timeline` prints the busy time per
 * second to find the window.
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
const valueOf = (flag: string, fallback: number) => {
  const at = args.indexOf(flag);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const top = valueOf('--top', 25);
const fromMicros = valueOf('--from-s', 0) * 1e6;
const toMicros = valueOf('--to-s', Infinity) * 1e6;
const timeline = args.includes('--timeline');
const files = args.filter(
  (arg, i) => !arg.startsWith('--') && !/^--(top|from-s|to-s)$/.test(args[i - 1] ?? ''),
);
const busyPerSecond: number[] = [];

/** node_modules/<package>, node:internal, our own dist, or V8's pseudo-frames. */
function packageOf(url: string, name: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node (internal)';
  const ours = /\/(command-api|runtime|testkit|tools|contracts|processors|query-api)\/dist\//.exec(
    url,
  );
  if (ours) return `@scalemart/${ours[1]}`;
  return url === '' ? `(${name || 'native'})` : url;
}

const selfByFrame = new Map<string, number>();
const selfByPackage = new Map<string, number>();
let total = 0;
for (const file of files) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  let at = 0;
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    at += micros;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || at < fromMicros || at > toMicros) return;
    const second = Math.floor(at / 1e6);
    busyPerSecond[second] = (busyPerSecond[second] ?? 0) + micros;
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
if (timeline) {
  console.log('\nbusy ms per second since the profiles started (all files summed)');
  busyPerSecond.forEach((micros, second) =>
    console.log(`${second} s: ${Math.round(micros / 1e3)} ms`),
  );
}
print('self time by package', selfByPackage);
print('self time by frame', selfByFrame);
