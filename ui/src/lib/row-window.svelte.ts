// Windowed rendering for a long table (the portfolio, the assessment grid): only the rows in view,
// and a few either side, are in the page; spacers stand in for the rest. Every row has the same
// height, measured from a rendered row. The scroll container is the app's `main`.

const OVERSCAN = 8;

export class RowWindow {
  /** The table body; bind it with `bind:this`. */
  tbody = $state<HTMLTableSectionElement | null>(null);
  rowHeight = $state(0);
  private first = $state(0);
  private visible = $state(16);

  /** `rowSelector` picks a data row (not a spacer); `height` is the guess before one is measured. */
  constructor(
    private readonly rowSelector: string,
    height: number,
  ) {
    this.rowHeight = height;
  }

  /** The first row in the page, for a list of `total` rows. */
  start(total: number): number {
    return Math.max(0, Math.min(this.first, total) - OVERSCAN);
  }

  /** One past the last row in the page. */
  end(total: number): number {
    return Math.min(total, this.first + this.visible + OVERSCAN);
  }

  private scroller(): HTMLElement | null {
    return this.tbody?.closest('main') ?? null;
  }

  measure() {
    const box = this.scroller();
    if (!this.tbody || !box) return;
    const sample = this.tbody.querySelector<HTMLElement>(this.rowSelector);
    if (sample && sample.offsetHeight > 0) this.rowHeight = sample.offsetHeight;
    const offset = this.tbody.getBoundingClientRect().top - box.getBoundingClientRect().top;
    this.first = Math.max(0, Math.floor(-offset / this.rowHeight));
    this.visible = Math.ceil(box.clientHeight / this.rowHeight) + 1;
  }

  /** Follows scrolling and resizing; call inside `$effect` and return what it gives. */
  track(): (() => void) | undefined {
    const box = this.tbody ? this.scroller() : null;
    if (!box) return undefined;
    this.measure();
    const onScroll = () => this.measure();
    box.addEventListener('scroll', onScroll, { passive: true });
    window.addEventListener('resize', onScroll);
    return () => {
      box.removeEventListener('scroll', onScroll);
      window.removeEventListener('resize', onScroll);
    };
  }

  /**
   * The row `index` (found with `selector`), scrolled into the page first when it is not there;
   * `tick` lets the caller's component render the new window before the row is looked up.
   */
  async reveal(index: number, selector: string, tick: () => Promise<void>): Promise<HTMLElement | null> {
    const find = () => this.tbody?.querySelector<HTMLElement>(selector) ?? null;
    const box = this.scroller();
    if (!find() && box && this.tbody) {
      const top = this.tbody.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
      box.scrollTop = Math.max(0, top + index * this.rowHeight - box.clientHeight / 2);
      this.measure();
      await tick();
    }
    const row = find();
    row?.scrollIntoView({ block: 'nearest' });
    return row;
  }
}
