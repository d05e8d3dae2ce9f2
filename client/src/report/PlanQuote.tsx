import { tMeasure } from '../strings/measure.js';
import { planParagraphs } from './planParagraphs.js';

/** The plan's own text about a measure: a block quote, as in the exports (it quotes the plan). */
export function PlanQuote({ text, className }: { text: string; className?: string }) {
  return (
    <blockquote className={className ? `plan-quote ${className}` : 'plan-quote'} aria-label={tMeasure.planText} data-testid="plan-text">
      {planParagraphs(text).map((paragraph, i) => (
        <p key={i}>{paragraph}</p>
      ))}
    </blockquote>
  );
}
