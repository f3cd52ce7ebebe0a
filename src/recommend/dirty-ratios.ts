/**
 * Dirty writeback thresholds in the wrong order. dirty_background_ratio and dirty_ratio are
 * percentages of available (free + reclaimable) memory, defaults 10 and 20 [K1][K31]; the *_bytes
 * forms replace them. When the background threshold is at or above the foreground one the kernel
 * silently uses half the foreground value (`if (bg_thresh >= thresh) bg_thresh = thresh / 2`) [K32], so
 * the setting does not do what it says. Unrelated to cache or slab growth: a lint (kernel.md §3).
 */

import type { RecommendationRule } from './rule.js';
import { describeCurrent, effectiveValue } from './settings.js';

const CONF_FILE = '/etc/sysctl.d/90-memautopsy-dirty.conf';

export const dirtyRatios: RecommendationRule = {
  id: 'dirty-ratios',
  recommend({ settings }) {
    for (const unit of ['ratio', 'bytes'] as const) {
      const background = effectiveValue(settings, `vm.dirty_background_${unit}`);
      const foreground = effectiveValue(settings, `vm.dirty_${unit}`);
      const bg = background?.numeric ?? 0;
      const fg = foreground?.numeric ?? 0;
      if (!(bg > 0 && fg > 0 && bg >= fg)) continue;
      const key = `vm.dirty_background_${unit}`;
      // What the kernel already uses, made explicit; for ratios the defaults 10/20 are the usual choice.
      const target = unit === 'ratio' && fg >= 20 ? 10 : Math.max(1, Math.floor(fg / 2));
      return {
        key,
        value: String(target),
        rationale: `vm.dirty_background_${unit} (${bg}) is not below vm.dirty_${unit} (${fg}), so the kernel ignores it and starts background writeback at half the foreground threshold. Set it below the foreground value so the configuration says what the kernel does. This is a correctness lint, not a fix for memory growth.`,
        risk: 'Low: background writeback starts where the kernel already starts it today.',
        apply: [
          `grep -rlE '^[[:space:]]*vm\\.dirty_background_${unit}' /etc/sysctl.conf /etc/sysctl.d/ | xargs -r sed -i.memautopsy.bak '/^[[:space:]]*vm\\.dirty_background_${unit}/d'`,
          `sysctl -w ${key}=${target}`,
          `printf '${key} = ${target}\\n' > ${CONF_FILE}`,
        ].join('\n'),
        verify: `sysctl ${key} vm.dirty_${unit} prints ${target} and ${fg}.`,
        rollback: `rm ${CONF_FILE}; restore the *.memautopsy.bak files next to the sysctl files they came from; sysctl --system`,
        current: `${key} ${describeCurrent(settings, key)}; vm.dirty_${unit} ${describeCurrent(settings, `vm.dirty_${unit}`)}`,
      };
    }
    return null;
  },
};
