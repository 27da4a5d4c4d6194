import { cpuMicrosPerAccepted, type ProcessFigures } from './processStats.js';

const proc = (name: string, cpuSeconds: number, loadCpuSeconds = cpuSeconds): ProcessFigures => ({
  name,
  pid: 1,
  peakRssMb: 1,
  cpuSeconds,
  cpuPercent: 0,
  loadCpuSeconds,
  loadCpuPercent: 0,
});

describe('cpuMicrosPerAccepted', () => {
  it('sums instances, counts the drain, and leaves the measuring side out of the total', () => {
    const figures = cpuMicrosPerAccepted(
      [
        proc('command-api', 0.2, 0.2),
        proc('command-api-2', 0.3, 0.25),
        proc('processors', 1.5, 0.5),
        proc('bench', 0.4),
        proc('screens', 0.1),
      ],
      1_000,
    );
    expect(figures).toEqual({
      'command-api': 500,
      processors: 1_500,
      bench: 400,
      screens: 100,
      total: 2_000,
    });
  });

  it('is null when nothing was accepted', () => {
    expect(cpuMicrosPerAccepted([proc('processors', 1)], 0)).toBeNull();
  });
});
