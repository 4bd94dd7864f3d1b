// Remote carets drawn without style attributes: the page's CSP (style-src 'self') blocks
// them, while colours set through the CSSOM (element.style.x = …) are allowed.
import type { DecorationAttrs } from '@tiptap/pm/view';
import { isHexColor, paletteIndex, textColorOn } from './colors';

export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const name = typeof user.name === 'string' && user.name ? user.name : 'Onbekende deelnemer';
  const color = isHexColor(user.color) ? user.color : '#4a4a4a';
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  // Screen readers would read the name in the middle of the text; the presence list says who is here.
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.backgroundColor = color;
  label.style.color = textColorOn(color);
  label.textContent = name;
  caret.append(label);
  return caret;
}

export function renderSelection(user: Record<string, unknown>): DecorationAttrs {
  return { nodeName: 'span', class: `collab-selectie kleur-${paletteIndex(user.color)}` };
}
