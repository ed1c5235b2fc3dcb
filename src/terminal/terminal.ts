/**
 * stderr on a terminal, shared by log lines and progress bars (cli-progress): while bars are
 * shown, a log line is written above them and they are drawn again below it, so neither breaks
 * the other. Without bars, lines go straight to the stream.
 */
import { MultiBar, type SingleBar } from 'cli-progress';

export interface Bar {
  /** `value` of `total`; `fields` fill the format's {placeholders}. */
  update(value: number, total: number, fields: Record<string, string>): void;
  remove(): void;
}

/** One line a bar shows: its label, the bar, a count, and what the fields say (rate, time left). */
const FORMAT = '{label} [{bar}] {value}/{total} {what} | {rate} | {left}';

export class Terminal {
  private bars: MultiBar | null = null;
  private shown = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  /** Writes text (whole lines) above the bars, or straight out when there are none. */
  write(text: string): void {
    if (this.bars) this.bars.log(text);
    else this.stream.write(text);
  }

  addBar(total: number, fields: Record<string, string>): Bar {
    this.bars ??= new MultiBar({
      stream: this.stream,
      format: FORMAT,
      barsize: 24,
      hideCursor: true,
      // Terminals narrower than the line cut it instead of wrapping it onto the next one.
      linewrap: false,
      fps: 5,
    });
    const bars = this.bars;
    const bar: SingleBar = bars.create(total, 0, fields);
    this.shown++;
    return {
      update: (value, newTotal, newFields) => {
        bar.setTotal(newTotal);
        bar.update(value, newFields);
      },
      remove: () => {
        bars.remove(bar);
        this.shown--;
        if (this.shown > 0) return;
        // Lines logged since the last redraw are written out before the bars go.
        bars.update();
        bars.stop();
        this.bars = null;
      },
    };
  }
}
