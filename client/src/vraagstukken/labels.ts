import { VERDICTS } from '../../../shared/vraagstukken';

/** A verdict in words, for the signing step and the decisions that rest on it. */
export const verdictLabel = (v: string) => VERDICTS.find((x) => x.key === v)?.label ?? v;
