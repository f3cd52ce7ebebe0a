import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
const file = process.argv[2]!; const rows = Number(process.argv[3] ?? 2592000);
const out = createWriteStream(file);
out.write('"Time","node_memory_MemTotal_bytes{instance=""web-01:9100""} - node_memory_MemAvailable_bytes{instance=""web-01:9100""}"\r\n');
let state = 42, noise = 0, chunk = ''; const start = Date.UTC(2026, 2, 1);
for (let i = 0; i < rows; i++) {
  state = (state * 1103515245 + 12345) % 2147483648; noise = 0.98 * noise + (state / 2147483648 - 0.5);
  const value = Math.round(2.5e9 + (i % 1_000_000) * 3000 + 3e8 * Math.sin((2 * Math.PI * i) / 86_400) + 2e7 * noise);
  chunk += `${start + i * 1000},${value}${i + 1 < rows ? '\r\n' : ''}`;
  if (chunk.length > 1 << 20) { if (!out.write(chunk)) await once(out, 'drain'); chunk = ''; }
}
out.end(chunk); await once(out, 'finish');
