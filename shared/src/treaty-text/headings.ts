import { LATIN_SUFFIXES, toRoman } from '../numbering.ts';
import type { StructureLevel } from '../schema.ts';

/**
 * Heading lines of the plain-text format in the six UN languages (TX17–TX20): "Article 1", "Article premier",
 * "Статья 1", "Artículo 1", "المادة 1", "第一条", the levels above articles ("Part I", "Chapitre II", "Sección 1",
 * "第一章"), in capitals too ("CHAPTER II"), and one-line headings ("Article 1. Scope").
 */

/** The languages whose heading words the format reads (TX17). */
export const TEXT_LANGUAGES = ['en', 'fr', 'es', 'ru', 'ar', 'zh'] as const;
export type TextLanguage = (typeof TEXT_LANGUAGES)[number];

/** What a heading line names: an article or one of the levels above it. */
export type HeadingKind = 'article' | StructureLevel;

/** The words of each heading and of the preamble, per language; the first is the one the canonical form writes. */
const WORDS: Record<Exclude<TextLanguage, 'zh'>, Record<HeadingKind | 'preamble', readonly string[]>> = {
  en: {
    preamble: ['Preamble'],
    article: ['Article'],
    part: ['Part'],
    chapter: ['Chapter'],
    section: ['Section'],
    subsection: ['Sub-section', 'Subsection'],
    title: ['Title'],
  },
  fr: {
    preamble: ['Préambule'],
    article: ['Article'],
    part: ['Partie'],
    chapter: ['Chapitre'],
    section: ['Section'],
    subsection: ['Sous-section'],
    title: ['Titre'],
  },
  es: {
    preamble: ['Preámbulo'],
    article: ['Artículo'],
    part: ['Parte'],
    chapter: ['Capítulo'],
    section: ['Sección'],
    subsection: ['Subsección'],
    title: ['Título'],
  },
  ru: {
    preamble: ['Преамбула'],
    article: ['Статья'],
    part: ['Часть'],
    chapter: ['Глава'],
    section: ['Раздел'],
    subsection: ['Подраздел'],
    title: ['Титул'],
  },
  ar: {
    preamble: ['الديباجة'],
    article: ['المادة'],
    part: ['الجزء'],
    chapter: ['الفصل'],
    section: ['الفرع'],
    subsection: ['الفرع الفرعي'],
    title: ['العنوان'],
  },
};

/** Chinese headings: 第…条 (article), 第…部分 (part), 第…章, 第…节, 第…目 (sub-section), 第…编 (title). */
const ZH_SUFFIX: Record<HeadingKind, string> = {
  article: '条',
  part: '部分',
  chapter: '章',
  section: '节',
  subsection: '目',
  title: '编',
};
const ZH_PREAMBLE = '序言';

const ZH_DIGITS = '零一二三四五六七八九';

/** A Chinese numeral for 1–999 ("十一", "二十", "一百零五"). */
export function toChineseNumeral(n: number): string {
  if (n < 10) return ZH_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
  if (n < 100) return `${ZH_DIGITS[Math.floor(n / 10)]}十${n % 10 ? ZH_DIGITS[n % 10] : ''}`;
  const rest = n % 100;
  const tail =
    rest === 0
      ? ''
      : rest < 10
        ? `零${ZH_DIGITS[rest]}`
        : rest < 20
          ? `一${toChineseNumeral(rest)}`
          : toChineseNumeral(rest);
  return `${ZH_DIGITS[Math.floor(n / 100)]}百${tail}`;
}

/** The value of a Chinese numeral up to 999, or null. */
function fromChineseNumeral(text: string): number | null {
  for (let n = 1; n < 1000; n++) if (toChineseNumeral(n) === text) return n;
  return null;
}

const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** The value of a capital Roman numeral written canonically ("XIV"), or null. */
function fromRoman(text: string): number | null {
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN_VALUES[text[i]!];
    if (!value) return null;
    const next = ROMAN_VALUES[text[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total > 0 && toRoman(total).toUpperCase() === text ? total : null;
}

/** A heading line as read (TX17). */
export interface HeadingLine {
  readonly kind: HeadingKind;
  /** The languages that write the heading this way (the word "Article" is English and French). */
  readonly languages: readonly TextLanguage[];
  /** The number as a value (1 for "premier", "1er", "I", "一"), or null when it is not one. */
  readonly number: number | null;
  /** The number as written, for messages. */
  readonly written: string;
  /** "bis", "ter" ... after an article number (ST7), or null. */
  readonly suffix: string | null;
  /** 0-based offset of the number in the trimmed line. */
  readonly numberAt: number;
  /** The heading text written on the same line ("Article 1. Scope"), or null (TX19). */
  readonly heading: string | null;
  /** 0-based offset of that heading text in the trimmed line. */
  readonly headingAt: number;
}

const escapeWord = (word: string) => word.replace(/[-]/g, '\\-');
const bothCases = (word: string) =>
  word.toUpperCase() === word
    ? escapeWord(word)
    : `(?:${escapeWord(word)}|${escapeWord(word.toUpperCase())})`;
const SUFFIX = `(?:[ \\t]?(${LATIN_SUFFIXES.join('|')}))?`;
/** TX19: a one-line heading follows the number after ".", ":", "-", "–" or "—". */
const ONE_LINE = '(?:[ \\t]*[.:\\-–—][ \\t]*(.*))?';

function latinHeading(trimmed: string): HeadingLine | null {
  for (const language of TEXT_LANGUAGES) {
    if (language === 'zh') continue;
    for (const [kind, words] of Object.entries(WORDS[language]) as [HeadingKind | 'preamble', string[]][]) {
      if (kind === 'preamble') continue;
      for (const word of words) {
        const number =
          kind === 'article'
            ? `(\\d+|premier|1er|PREMIER|1ER)${SUFFIX}`
            : kind === 'part' || kind === 'chapter'
              ? '([IVXLCDM]+|\\d+)()'
              : '(\\d+)()';
        const match = new RegExp(`^${bothCases(word)}[ \\t]+${number}${ONE_LINE}$`).exec(trimmed);
        if (!match) continue;
        const written = match[1]!;
        const value = /^\d+$/.test(written)
          ? Number(written)
          : /^(premier|1er)$/i.test(written)
            ? 1
            : fromRoman(written);
        const heading = match[3] ?? null;
        const same = (other: string) => other.toUpperCase() === word.toUpperCase();
        const languages = /^(premier|1er)$/i.test(written)
          ? (['fr'] as TextLanguage[])
          : TEXT_LANGUAGES.filter((l) => l !== 'zh' && WORDS[l][kind].some(same));
        return {
          kind,
          languages,
          number: value,
          written,
          suffix: match[2] || null,
          numberAt: match[0].indexOf(written, word.length),
          heading: heading === null ? null : heading.trimEnd(),
          headingAt: heading === null ? 0 : trimmed.length - heading.length,
        };
      }
    }
  }
  return null;
}

function chineseHeading(trimmed: string): HeadingLine | null {
  for (const [kind, suffix] of Object.entries(ZH_SUFFIX) as [HeadingKind, string][]) {
    const latin = kind === 'article' ? `(${LATIN_SUFFIXES.join('|')})?` : '()';
    const match = new RegExp(`^第(\\d+|[${ZH_DIGITS}十百]+)${latin}${suffix}(?:[ \\t　]+(.*))?$`).exec(
      trimmed,
    );
    if (!match) continue;
    const written = match[1]!;
    const heading = match[3] ?? null;
    return {
      kind,
      languages: ['zh'],
      number: /^\d+$/.test(written) ? Number(written) : fromChineseNumeral(written),
      written,
      suffix: match[2] || null,
      numberAt: 1,
      heading,
      headingAt: heading === null ? 0 : trimmed.length - heading.length,
    };
  }
  return null;
}

/**
 * TX17: the languages a text's heading words fit, narrowed line by line (`previous` null at the start); a
 * text mixing languages keeps what fitted before.
 */
export function narrowLanguages(
  previous: readonly TextLanguage[] | null,
  line: readonly TextLanguage[],
): readonly TextLanguage[] {
  if (previous === null) return line;
  const both = previous.filter((language) => line.includes(language));
  return both.length > 0 ? both : previous;
}

/** Reads a (trimmed) heading line in any of the six languages, or null when the line is not one (TX17). */
export function readHeadingLine(trimmed: string): HeadingLine | null {
  return latinHeading(trimmed) ?? chineseHeading(trimmed);
}

/** Whether a (trimmed) line is the preamble's marker in one of the six languages (TX3, TX17). */
export function preambleLanguage(trimmed: string): TextLanguage | null {
  if (trimmed === ZH_PREAMBLE) return 'zh';
  for (const language of TEXT_LANGUAGES) {
    if (language === 'zh') continue;
    if (WORDS[language].preamble.some((word) => trimmed === word || trimmed === word.toUpperCase()))
      return language;
  }
  return null;
}

/**
 * The canonical heading of the n-th block of `kind` in `language` (TX17): "Article 3", "Article premier",
 * "Chapitre II", "第三条"; `label` is an article's typed number ("2bis", ST7) when it has one.
 */
export function headingLabel(
  language: TextLanguage,
  kind: HeadingKind,
  n: number,
  label: string | null = null,
): string {
  if (language === 'zh') return `第${label ?? toChineseNumeral(n)}${ZH_SUFFIX[kind]}`;
  const word = WORDS[language][kind][0]!;
  if (label) return `${word} ${label}`;
  if (kind === 'article') return `${word} ${language === 'fr' && n === 1 ? 'premier' : n}`;
  return `${word} ${kind === 'part' || kind === 'chapter' ? toRoman(n).toUpperCase() : n}`;
}

/** The preamble's marker in `language`. */
export function preambleWord(language: TextLanguage): string {
  return language === 'zh' ? ZH_PREAMBLE : WORDS[language].preamble[0]!;
}
