// One transient message at the bottom of the window ("Client saved").

class Notice {
  text = $state<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | undefined;

  show(text: string) {
    this.text = text;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => (this.text = null), 3500);
  }
}

export const notice = new Notice();
