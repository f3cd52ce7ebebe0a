// Through bin/memautopsy as a user runs it: bad files exit 2 with file and line; --help lists every
// importer id; --input-format picks an importer for each id.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importerIds, readInput } from '../../src/ingest/index.js';
import { fixture, runCli } from '../helpers/cli.js';

const FIXTURE_OF: Record<string, string> = {
  'prometheus-json': 'same-series/prometheus.json',
  'datadog-json': 'same-series/datadog.json',
  'newrelic-json': 'same-series/newrelic.json',
  'cloudwatch-json': 'same-series/cloudwatch.json',
  sadf: 'same-series/sadf-dU.csv',
  sar: 'sar/sar-r-rhel7-memory-spike-then-release.txt',
  'grafana-csv': 'same-series/grafana-raw.csv',
  'newrelic-csv': 'newrelic-csv/table-export-facet-hostname-HANDMADE.csv',
  'telegraf-csv': 'same-series/telegraf.csv',
  'netdata-csv': 'same-series/netdata.csv',
  'collectd-csv': 'collectd-csv/web-01/memory/memory-used-2026-03-02',
  'snapshot-loop': 'snapshot-loop/collect-evidence-loop-HANDMADE.txt',
  slabinfo: 'slabinfo/procfs-fixture-desktop-nvidia.slabinfo',
  slabtop: 'slabtop/opencloudtouch-387-dentry-dominant-TRUNCATED.slabtop',
  free: 'free/do-agent-245-free-m-new-layout.txt',
  meminfo: 'meminfo/falcon-plus-230-kernel3x-with-memavailable.meminfo',
  'dentry-state': 'dentry-state/opencloudtouch-387-mostly-negative.dentry-state',
  'cgroup-memory': 'cgroup-memory/sysinfo-1219-cgroupv2-memory.stat',
  sysctl: 'sysctl/sysctl-a-excerpt-HANDMADE.txt',
  'generic-csv': 'same-series/generic.csv',
};

describe('every importer id', () => {
  it('has a fixture that is sniffed as it, and reads with --input-format', async () => {
    expect(Object.keys(FIXTURE_OF).sort()).toEqual([...importerIds()].sort());
    for (const [id, name] of Object.entries(FIXTURE_OF)) {
      const sniffed = await readInput(fixture(...name.split('/')), { tz: 'UTC' });
      expect(sniffed.format, name).toBe(id);
      const forced = await readInput(fixture(...name.split('/')), { tz: 'UTC', inputFormat: id });
      expect(forced.format).toBe(id);
    }
  });

  it('is listed by --help', () => {
    const help = runCli(['--help']);
    expect(help.status).toBe(0);
    for (const id of importerIds()) expect(help.stdout).toContain(id);
  });
});

describe('bad files exit 2 naming the file and line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'memautopsy-ingest-cli-'));
  const write = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it.each([
    [
      'sar row that does not fit its header',
      'web-01-sar.txt',
      'Linux 6.1.0 (web-01) \t2026-03-02 \t_x86_64_\t(2 CPU)\n\n00:00:01    kbmemfree kbmemused  %memused\n00:10:01      1000        3000     75.00\n00:20:01      1000\n',
      5,
      /not a sar row/,
    ],
    [
      'Prometheus JSON with a syntax error',
      'prom.json',
      '{"status":"success",\n "data":{"resultType":"matrix",\n  "result":[{"metric":{} "values":[]}]}}\n',
      3,
      /not valid JSON/,
    ],
    [
      'spreadsheet dates no row can order',
      'sheet.csv',
      'Date,Used (MiB)\n03/04/2026 10:00,1\n03/04/2026 11:00,2\n03/04/2026 12:00,3\n',
      2,
      /day-first or month-first/,
    ],
    [
      'a broken meminfo line',
      'meminfo.txt',
      'MemTotal:       16314528 kB\nMemFree:        lots kB\n',
      2,
      /not a meminfo line/,
    ],
  ])('%s', (_, name, text, line, says) => {
    const input = write(name, text);
    const out = mkdtempSync(join(tmpdir(), 'memautopsy-ingest-cli-out-'));
    const run = runCli(['analyze', input, '-o', join(out, 'report.json')]);
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${input}:${line}: `);
    expect(run.stderr).toMatch(says);
    expect(readdirSync(out)).toEqual([]);
  });
});
