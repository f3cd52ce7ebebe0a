/**
 * Current settings from `sysctl -a` output (the running kernel) and sysctl.conf / sysctl.d files (what
 * boot applies), for the rules that flag harmful settings already in place, and the kernel version
 * (`kernel.osrelease`) for the knobs that changed meaning (vm.vfs_cache_pressure_denom, 6.16 [K9][K10]).
 */

import type { SysctlSnapshot } from '../model/snapshot.js';

export interface Setting {
  key: string;
  value: string;
  /** The value as a number, when it is one. */
  numeric: number | null;
  file: string;
  kind: SysctlSnapshot['kind'];
}

export interface KernelVersion {
  release: string;
  major: number;
  minor: number;
  /** Where the version came from. */
  source: string;
}

export interface CurrentSettings {
  /** Whether any sysctl input was given (so "not set" can be told from "not known"). */
  given: boolean;
  /** `sysctl -a` values; the last snapshot given wins. */
  running: ReadonlyMap<string, Setting>;
  /** sysctl.conf / sysctl.d values; later files win, as `sysctl --system` applies them. */
  config: ReadonlyMap<string, Setting>;
  kernel: KernelVersion | null;
}

export const NO_SETTINGS: CurrentSettings = {
  given: false,
  running: new Map(),
  config: new Map(),
  kernel: null,
};

/** "6.17.3-200.fc42.x86_64" → 6.17; null when the text is not a kernel release. */
export function parseKernelRelease(release: string, source: string): KernelVersion | null {
  const match = /^(\d+)\.(\d+)/.exec(release.trim());
  if (match === null) return null;
  return { release: release.trim(), major: Number(match[1]), minor: Number(match[2]), source };
}

export function kernelAtLeast(kernel: KernelVersion | null, major: number, minor: number): boolean {
  return kernel !== null && (kernel.major > major || (kernel.major === major && kernel.minor >= minor));
}

/**
 * Settings from sysctl snapshots (running and configured kept apart). The kernel version comes from the
 * running `kernel.osrelease`, else from any other source that states one (e.g. a sar banner's
 * `Linux <release> (<host>)`), given as `kernelReleases`.
 */
export function readSettings(
  snapshots: SysctlSnapshot[],
  kernelReleases: readonly { release: string; file: string }[] = [],
): CurrentSettings {
  const running = new Map<string, Setting>();
  const config = new Map<string, Setting>();
  for (const snapshot of snapshots) {
    const target = snapshot.kind === 'running' ? running : config;
    for (const [key, value] of Object.entries(snapshot.settings)) {
      const trimmed = value.trim();
      const numeric = /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : null;
      target.set(key, { key, value: trimmed, numeric, file: snapshot.source.file, kind: snapshot.kind });
    }
  }
  const release = running.get('kernel.osrelease');
  const kernel =
    (release === undefined ? null : parseKernelRelease(release.value, release.file)) ??
    kernelReleases.map((k) => parseKernelRelease(k.release, k.file)).find((k) => k !== null) ??
    null;
  return { given: snapshots.length > 0, running, config, kernel };
}

/** Every known value of a key: the running one first, then the configured one. */
export function valuesOf(settings: CurrentSettings, key: string): Setting[] {
  return [settings.running.get(key), settings.config.get(key)].filter((s): s is Setting => s !== undefined);
}

/** The value in effect now: running, else configured. */
export function effectiveValue(settings: CurrentSettings, key: string): Setting | undefined {
  return settings.running.get(key) ?? settings.config.get(key);
}

/** "100000 (sysctl -a in host/sysctl.txt)" or "100000 (set in /etc/sysctl.d/99-tuning.conf)". */
export function describeSetting(setting: Setting): string {
  return `${setting.value} (${setting.kind === 'running' ? 'running, from' : 'configured in'} ${setting.file})`;
}

/** All given values of a key as one `current` text, running first. */
export function describeCurrent(settings: CurrentSettings, key: string): string | undefined {
  const values = valuesOf(settings, key);
  return values.length === 0 ? undefined : values.map(describeSetting).join('; ');
}

/**
 * Whether vm.vfs_cache_pressure_denom applies: the running kernel lists it, or its release is ≥ 6.16
 * (the knob was merged for 6.16; effective pressure = vfs_cache_pressure / denom) [K9][K10][K11].
 */
export function hasVfsCachePressureDenom(settings: CurrentSettings): boolean {
  return settings.running.has('vm.vfs_cache_pressure_denom') || kernelAtLeast(settings.kernel, 6, 16);
}
