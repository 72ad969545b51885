// The language the catalogue's bilingual content is shown in (the app's own words stay English;
// reports choose their language per report).

import type { Lang, Text } from './bindings';

class ContentLanguage {
  lang = $state<Lang>('en');

  pick(text: Text): string {
    return this.lang === 'de' ? text.de : text.en;
  }
}

export const contentLang = new ContentLanguage();
