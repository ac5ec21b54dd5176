import type { OutgoingTemplate } from './correspondence.ts';

/**
 * The body as printed: the drafter's text, then (surat tugas) the people assigned as a numbered
 * list, then the type's fields as "label : value" lines (an invitation's day, time and place).
 * Composed at rendering, so a version keeps the parts apart and its form can show them again.
 */
export const composeBody = (t: Pick<OutgoingTemplate, 'body' | 'fields' | 'assignees'>): string => {
  const parts = [t.body.trim()];
  if (t.assignees?.length) {
    const people = t.assignees.map((a, i) => `${i + 1}. ${[a.name, a.nip ? `NIP ${a.nip}` : null, a.position].filter(Boolean).join(', ')}`);
    parts.push(['Yang ditugaskan:', ...people].join('\n'));
  }
  if (t.fields?.length) {
    const width = Math.max(...t.fields.map((f) => f.label.length));
    parts.push(t.fields.map((f) => `${f.label.padEnd(width)} : ${f.value}`).join('\n'));
  }
  return parts.join('\n\n');
};
