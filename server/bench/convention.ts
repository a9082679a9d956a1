import { parseTreatyText } from '@travaux/shared';
import type { Node } from 'prosemirror-model';

const WORDS =
  'State Party shall adopt such legislative and other measures as may be necessary to establish as criminal offences under its domestic law when committed intentionally the access to the whole or any part of an information and communications technology system without right cooperation mutual legal assistance extradition jurisdiction sovereignty protection of personal data human rights and fundamental freedoms'.split(
    ' ',
  );

/** A deterministic pseudo-random generator, so every run benchmarks the same text. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A generated convention of about `words` words in `articles` articles (the benchmark's "30,000-word,
 * 70-article convention"), in the plain-text treaty format.
 */
export function generateConventionText(words = 30_000, articles = 70, seed = 7): string {
  const next = random(seed);
  const word = () => WORDS[Math.floor(next() * WORDS.length)]!;
  const sentence = (n: number) => {
    const parts: string[] = [];
    for (let i = 0; i < n; i++) parts.push(word());
    return `${parts.join(' ')}.`;
  };
  const lines = ['Draft convention for benchmarking', ''];
  const perArticle = Math.floor(words / articles);
  for (let a = 1; a <= articles; a++) {
    lines.push(`Article ${a}`, `Heading of article ${a}`);
    let used = 0;
    let paragraph = 1;
    while (used < perArticle) {
      const length = 25 + Math.floor(next() * 30);
      lines.push(`${paragraph}. ${sentence(length)}`);
      used += length;
      paragraph++;
    }
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

/** The generated convention as a treaty document. */
export function generateConvention(words?: number, articles?: number): Node {
  const parsed = parseTreatyText(generateConventionText(words, articles));
  if (!parsed.ok) throw new Error(`the generated convention does not parse: ${parsed.error.message}`);
  return parsed.doc;
}
