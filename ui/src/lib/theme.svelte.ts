// Light, dark, or follow the system; remembered on this machine.

export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'crosswalk.theme';

class Theme {
  choice = $state<ThemeChoice>(read());

  set(choice: ThemeChoice) {
    this.choice = choice;
    try {
      localStorage.setItem(KEY, choice);
    } catch {
      // Storage may be unavailable; the choice then lasts for this session only.
    }
    apply(choice);
  }
}

function read(): ThemeChoice {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored === 'light' || stored === 'dark' || stored === 'system') return stored;
  } catch {
    // Fall through to the default.
  }
  return 'system';
}

function apply(choice: ThemeChoice) {
  if (typeof document === 'undefined') return;
  if (choice === 'system') delete document.documentElement.dataset['theme'];
  else document.documentElement.dataset['theme'] = choice;
}

export const theme = new Theme();
apply(theme.choice);
