import { prettyLogs, serviceStdio } from './serviceLogs.js';

describe('service logs of npm start', () => {
  it('are pretty on a terminal and JSON otherwise, unless LOG_FORMAT says', () => {
    expect(prettyLogs({}, true)).toBe(true);
    expect(prettyLogs({}, false)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'json' }, true)).toBe(false);
    expect(prettyLogs({ LOG_FORMAT: 'pretty' }, false)).toBe(true);
  });

  it('pipe stdout only when pretty-printing', () => {
    expect(serviceStdio(true)).toEqual(['ignore', 'pipe', 'inherit']);
    expect(serviceStdio(false)).toBe('inherit');
  });
});
