/**
 * A small agenda for the import tests: three of the real challenges with their
 * real section numbers (2.1 has 2.1.1–2.1.6, 3.4 has 3.4.1–3.4.11, 3.5 has
 * 3.5.1–3.5.7), so the fixtures can cite existing and missing subsections.
 */
import type { Agenda, Challenge } from '../../../../src/core/agenda/model.js';
import { targetFromAgenda } from '../../../../src/core/agenda/import/index.js';

function challenge(id: string, categoryId: string, slug: string, title: string, paperTitle: string, count: number): Challenge {
  const subsections = Array.from({ length: count }, (_, k) => ({ section: `${id}.${k + 1}`, challengeId: id, title: `Subsection ${k + 1}` }));
  return { id, categoryId, slug, title, paperTitle, summary: '', keywords: [], subsections, questions: [] };
}

export const miniAgenda: Agenda = {
  id: 'mini',
  title: 'Mini agenda',
  shortTitle: 'Mini',
  source: { authors: 'Test', year: 2024, url: 'https://example.org', license: 'CC BY 4.0' },
  links: { challenge: 'https://example.org/{section}', subsection: 'https://example.org/{section}' },
  categories: [],
  challenges: [
    challenge('2.1', 'scientific-understanding', 'icl-black-box', 'In-context learning is a black box', 'In-Context Learning (ICL) is Black-Box', 6),
    challenge('3.4', 'deployment', 'interpretability-faithfulness', 'Interpretability', 'Tools for Interpreting or Explaining LLM Behavior are Absent or Lack Faithfulness', 11),
    challenge('3.5', 'deployment', 'jailbreaks-prompt-injection', 'Jailbreaks and prompt injection', 'Jailbreaks and Prompt Injections Threaten Security of LLMs', 7),
  ],
};

export const miniTarget = targetFromAgenda(miniAgenda);
