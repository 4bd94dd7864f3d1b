// Presence colours. The server uses the same palette when a client claims no colour, so a
// person keeps one colour everywhere. Every colour carries white text at 4.5:1 or more.
export const PALETTE = ['#1f6b2c', '#154273', '#a4001a', '#6a3d9a', '#8a5300', '#00677f', '#b3005e', '#3d5a00'] as const;

const HEX = /^#[0-9a-fA-F]{6}$/;

export const isHexColor = (v: unknown): v is string => typeof v === 'string' && HEX.test(v);

function hash(s: string): number {
  let h = 0;
  for (const ch of s) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

export function colorFor(userId: string): string {
  return PALETTE[hash(userId) % PALETTE.length]!;
}

/**
 * Index into the palette for CSS classes. The page's CSP forbids style attributes, so a
 * selection highlight is a class (`kleur-<n>`); a colour outside the palette still gets a
 * stable one.
 */
export function paletteIndex(color: unknown): number {
  if (!isHexColor(color)) return 0;
  const i = PALETTE.indexOf(color.toLowerCase() as (typeof PALETTE)[number]);
  return i >= 0 ? i : hash(color.toLowerCase()) % PALETTE.length;
}

/** Black or white, whichever reads better on this background (WCAG relative luminance). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
  if (!isHexColor(background)) return '#ffffff';
  const channel = (i: number) => {
    const c = parseInt(background.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? '#ffffff' : '#000000';
}
