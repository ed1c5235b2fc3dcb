// A logger whose lines a test reads, as parsed JSON objects.
import { Writable } from 'node:stream';
import { createLogger } from '../../src/log.ts';

export function capturedLog() {
  const lines: Array<{ level: number; msg: string; [field: string]: unknown }> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: createLogger({ level: 'info', destination }), lines };
}
