// The dossier of an adopted plan version as a PDF, for the municipal file. pdfkit writes the
// PDF; Open Sans is embedded (subset) so that every name prints as written, also outside the
// Latin-1 range of the standard PDF fonts (Yıldız, Łukasz).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { BREAKTHROUGH_KINDS, BREAKTHROUGH_STATUS_LABELS } from '../../shared/breakthroughs';
import { DEVIATION_ROUTES, lawByKey, MANDATE_LABELS } from '../../shared/laws';
import { CASE_ROLE_LABELS } from '../../shared/roles';
import { BREAKTHROUGH_EVENT_LABELS, DOSSIER_VARIANT_LABELS, formatEuro, GOAL_STATUS_LABELS } from '../../shared/schemas';
import { OUTCOMES, VERDICTS } from '../../shared/vraagstukken';
import { ZRM_DOMAINS } from '../../shared/zrm';
import { formatDayNl } from '../dates';
import type { DossierModel } from './model';

const FONT_DIR = join(dirname(createRequire(import.meta.url).resolve('open-sans-fonts/package.json')), 'open-sans');
const FONTS = { regular: join(FONT_DIR, 'Regular', 'OpenSans-Regular.ttf'), bold: join(FONT_DIR, 'Bold', 'OpenSans-Bold.ttf') };

const INK = '#1a1a1a';
const MUTED = '#4a4a4a';
const ACCENT = '#154273';
const MARGIN = 56;

const dateTime = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Amsterdam' });
const onDay = (iso: string) => formatDayNl(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam' }).format(new Date(iso)));
const at = (iso: string) => dateTime.format(new Date(iso));
const day = (ymd: string | null) => (ymd ? formatDayNl(ymd) : 'geen');
const lawName = (key: Parameters<typeof lawByKey>[0]) => lawByKey(key).name;
const domainLabel = (key: string) => ZRM_DOMAINS.find((d) => d.key === key)?.label ?? key;

/** Small layout vocabulary over pdfkit, so the dossier below reads as its structure. */
class Writer {
  readonly doc: PDFKit.PDFDocument;
  private section = 0;

  constructor(title: string) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
      bufferPages: true,
      lang: 'nl-NL',
      displayTitle: true,
      info: { Title: title, Author: 'Casustafel', Subject: 'Dossier van een vastgesteld gezinsplan', Creator: 'Casustafel' },
    });
    this.doc.registerFont('regular', FONTS.regular);
    this.doc.registerFont('bold', FONTS.bold);
    this.doc.font('regular').fontSize(10.5).fillColor(INK);
  }

  private get width() {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  /** Starts a new page when fewer than `points` remain, so a heading never ends a page. */
  private keep(points: number) {
    if (this.doc.y + points > this.doc.page.height - this.doc.page.margins.bottom) this.doc.addPage();
  }

  title(text: string) {
    this.doc.font('bold').fontSize(20).fillColor(ACCENT).text(text, { width: this.width });
    this.doc.moveDown(0.3).font('regular').fontSize(10.5).fillColor(INK);
  }

  h2(text: string) {
    this.section += 1;
    this.keep(90);
    this.doc.moveDown(1).font('bold').fontSize(15).fillColor(ACCENT).text(`${this.section}. ${text}`, { width: this.width });
    const y = this.doc.y + 2;
    this.doc.moveTo(this.doc.page.margins.left, y).lineTo(this.doc.page.margins.left + this.width, y).lineWidth(0.7).strokeColor(ACCENT).stroke();
    this.doc.moveDown(0.5).font('regular').fontSize(10.5).fillColor(INK);
  }

  h3(text: string) {
    this.keep(60);
    this.doc.moveDown(0.6).font('bold').fontSize(12).fillColor(INK).text(text, { width: this.width });
    this.doc.moveDown(0.2).font('regular').fontSize(10.5);
  }

  label(text: string) {
    // A label and the first lines under it stay together.
    this.keep(48);
    this.doc.moveDown(0.3).font('bold').fontSize(10.5).fillColor(INK).text(text, { width: this.width });
    this.doc.font('regular');
  }

  para(text: string) {
    this.doc.font('regular').fontSize(10.5).fillColor(INK).text(text.trim() === '' ? '(leeg)' : text, { width: this.width, paragraphGap: 3 });
  }

  muted(text: string) {
    this.doc.font('regular').fontSize(9.5).fillColor(MUTED).text(text, { width: this.width });
    this.doc.fontSize(10.5).fillColor(INK);
  }

  /** "Label: value" lines; the label in bold. */
  fields(rows: [label: string, value: string | null | undefined][]) {
    for (const [label, value] of rows) {
      if (value === null || value === undefined || value === '') continue;
      this.doc.font('bold').fontSize(10.5).fillColor(INK).text(`${label}: `, { continued: true, width: this.width });
      this.doc.font('regular').text(value, { width: this.width });
    }
  }

  bullets(items: string[], empty = '(geen)') {
    if (items.length === 0) {
      this.muted(empty);
      return;
    }
    this.doc.font('regular').fontSize(10.5).fillColor(INK).list(items, { width: this.width - 14, bulletRadius: 2, textIndent: 12, paragraphGap: 2 });
    // list() leaves the cursor at the list's indentation.
    this.doc.x = this.doc.page.margins.left;
  }

  box(text: string) {
    this.keep(50);
    const x = this.doc.page.margins.left;
    const top = this.doc.y;
    const height = this.doc.heightOfString(text, { width: this.width - 16 }) + 12;
    this.doc.rect(x, top, this.width, height).lineWidth(1).strokeColor(ACCENT).stroke();
    this.doc.fillColor(INK).text(text, x + 8, top + 6, { width: this.width - 16 });
    this.doc.x = x;
    this.doc.y = top + height + 6;
  }

  /** Page numbers and what this is, on every page, once all pages exist. */
  footers(text: string) {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const bottom = this.doc.page.margins.bottom;
      // Writing inside the bottom margin must not start a new page.
      this.doc.page.margins.bottom = 0;
      this.doc
        .font('regular')
        .fontSize(8.5)
        .fillColor(MUTED)
        .text(`${text} · pagina ${i - range.start + 1} van ${range.count}`, this.doc.page.margins.left, this.doc.page.height - MARGIN + 10, { width: this.width, lineBreak: false });
      this.doc.page.margins.bottom = bottom;
    }
  }

  finish(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}

function planPart(w: Writer, m: DossierModel) {
  w.h2('Het gezinsplan');
  for (const s of m.plan.sections) {
    w.h3(s.label);
    w.para(s.text);
  }
  w.h3('Samenstelling huishouden');
  w.bullets(
    m.plan.household.map((p) => `${p.voornaam || '(naam onbekend)'}, ${p.relatie || 'relatie onbekend'}${p.geboortejaar ? `, geboren ${p.geboortejaar}` : ''}`),
    '(niemand vastgelegd)',
  );
  const latest = m.plan.zrm.at(-1);
  w.h3(`Zelfredzaamheid (ZRM)${latest ? `, meting van ${day(latest.datum)}` : ''}`);
  if (!latest) w.muted('(nog geen meting)');
  else w.bullets(ZRM_DOMAINS.map((d) => `${d.label}: ${latest.scores[d.key] ?? '–'}`));
}

const NO_RECORDS = 'Bij deze versie is geen kopie van de besluiten bewaard: zij werd vastgesteld voordat Casustafel dat deed. Zie de casus zelf.';

function goalsPart(w: Writer, m: DossierModel) {
  w.h2('Doelen');
  if (!m.records) return w.muted(NO_RECORDS);
  if (m.records.goals.length === 0) return w.muted('Bij deze versie waren er geen doelen.');
  for (const g of m.records.goals) {
    w.h3(g.text);
    w.fields([
      ['Leefgebied', domainLabel(g.lifeDomain)],
      ['Eigenaar', g.owner.name],
      ['Streefdatum', day(g.dueDate)],
      ['Status', GOAL_STATUS_LABELS[g.status]],
      ['Instemming huishouden', g.householdAgreedOn ? `ingestemd op ${day(g.householdAgreedOn)}` : 'nog geen instemming'],
    ]);
    w.label('Legitimatie per wet');
    w.bullets(g.legitimations.map((l) => `${lawName(l.law)}: ${l.text}`));
    if (g.actions.length > 0) {
      w.label('Acties');
      w.bullets(g.actions.map((a) => `${a.done ? '[gedaan] ' : ''}${a.text} (${a.owner}${a.dueDate ? `, uiterlijk ${day(a.dueDate)}` : ''})`));
    }
  }
}

function toetsPart(w: Writer, m: DossierModel) {
  w.h2('Omgekeerde toets: besluiten');
  if (!m.records) return w.muted(NO_RECORDS);
  if (m.records.vraagstukken.length === 0) return w.muted('Bij deze versie was over geen enkel vraagstuk besloten.');
  for (const v of m.records.vraagstukken) {
    const c = v.conclusion;
    w.h3(v.title);
    w.fields([
      ['Besluit', OUTCOMES.find((o) => o.key === c.outcome)?.label ?? 'onbekend'],
      ['Besloten door', `${c.by.name} (${CASE_ROLE_LABELS[c.caseRole]})`],
      ['Datum', at(c.at)],
      ['Herbeoordeling', c.reviewDate ? day(c.reviewDate) : null],
    ]);
    w.label('Motivering');
    w.para(c.motivation);
    if (c.basis) {
      w.label('Oordelen per wet');
      w.bullets(c.basis.signatures.map((s) => `${lawName(s.law)}: ${VERDICTS.find((x) => x.key === s.verdict)?.label ?? s.verdict} (ondertekend door ${s.by.name}, ${onDay(s.at)})`));
      if (c.basis.deviations.length > 0) {
        w.label('Steunt op afwijkingen');
        w.bullets(c.basis.deviations.map((d) => `${lawName(d.law)}: ${d.rule}${d.internal ? ' (intern)' : ''}`));
      }
      if (c.basis.citations.length > 0) {
        w.label('Artikelen');
        w.bullets(c.basis.citations.map((x) => `${x.ref} ${x.title} (${x.source})`));
      }
    }
  }
}

function deviationsPart(w: Writer, m: DossierModel) {
  w.h2('Goedgekeurde afwijkingen');
  if (!m.records) return w.muted(NO_RECORDS);
  if (m.records.deviations.length === 0) return w.muted('Bij deze versie gold geen goedgekeurde afwijking.');
  for (const d of m.records.deviations) {
    w.h3(`${lawName(d.law)}: ${d.rule}${d.internal ? ' (intern: niet voor externe partners)' : ''}`);
    const route = DEVIATION_ROUTES.find((r) => r.key === d.route)?.label ?? d.route;
    w.fields([
      ['Route', d.route === 'anders' && d.routeOther ? `${route}: ${d.routeOther}` : route],
      ['Wat we wel doen', d.willDo],
      ['Wat we niet doen', d.willNotDo],
      ['Motivering', d.reasoning],
      ['Looptijd', `${day(d.startDate)} tot en met ${day(d.endDate)}`],
      ['Herbeoordeling', day(d.reviewDate)],
      ['Voorgesteld door', d.proposedBy.name],
      ['Goedgekeurd door', `${d.approval.by.name} (mandaat ${MANDATE_LABELS[d.approval.mandate].toLowerCase()}), ${at(d.approval.at)}`],
      ['Notitie bij goedkeuring', d.approval.note],
    ]);
  }
}

function breakthroughsPart(w: Writer, m: DossierModel) {
  w.h2('Doorbraken');
  if (!m.records) return w.muted(NO_RECORDS);
  const list = m.records.breakthroughs;
  if (list.length === 0) return w.muted('Bij deze versie was er geen doorbraakverzoek.');
  for (const b of list) {
    w.h3(BREAKTHROUGH_KINDS.find((k) => k.key === b.kind)?.label ?? b.kind);
    w.fields([
      ['Status', BREAKTHROUGH_STATUS_LABELS[b.status]],
      ['Gevraagd budget', formatEuro(b.amountCents)],
      ['Wat zit vast', b.stuck],
      ['Voorstel', b.proposal],
    ]);
    w.label('Besluiten');
    w.bullets(
      b.decisions.map((e) => {
        const parts = [`${onDay(e.at)}: ${BREAKTHROUGH_EVENT_LABELS[e.kind]} door ${e.by.name}${e.mandate ? ` (mandaat ${MANDATE_LABELS[e.mandate].toLowerCase()})` : ''}`];
        if (e.budgetCents !== null) parts.push(`budget ${formatEuro(e.budgetCents)}`);
        if (e.termEnd) parts.push(`looptijd tot ${day(e.termEnd)}`);
        if (e.conditions) parts.push(`voorwaarden: ${e.conditions}`);
        if (e.note) parts.push(`toelichting: ${e.note}`);
        return parts.join('; ');
      }),
      '(nog geen besluit)',
    );
  }
}

function minutesPart(w: Writer, m: DossierModel) {
  w.h2('Verslag van het casusoverleg');
  const c = m.conference;
  if (!c) return w.muted('Deze versie is niet bij het sluiten van een casusoverleg vastgesteld.');
  w.fields([
    ['Overleg', `${at(c.startedAt)} tot ${at(c.closedAt)}`],
    ['Voorzitter', c.chair],
    ['Huishouden aanwezig', c.householdPresent === null ? 'niet vastgelegd' : c.householdPresent ? 'ja' : 'nee'],
  ]);
  w.label('Aanwezigheid');
  w.bullets(
    c.attendance.map((a) => `${a.name}${a.role ? `, ${a.role}` : ''}${a.guest ? ' (gast)' : ''}: ${a.present ? 'aanwezig' : 'afwezig'}`),
    '(niet vastgelegd)',
  );
  w.label('Besluiten tijdens het overleg');
  w.bullets(c.decisions.map((d) => d.text));
  w.label('Verslag');
  frozenText(w, c.minutes);
}

/**
 * A conference's frozen text ("# Agenda", numbered items, "# Verslag", the minutes) as the
 * paper shows it: the "#" lines become headings, never a visible Markdown mark.
 */
function frozenText(w: Writer, text: string) {
  let lines: string[] = [];
  const flush = () => {
    const para = lines.join('\n').trim();
    if (para) w.para(para);
    lines = [];
  };
  for (const line of text.split('\n')) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) {
      flush();
      w.label(heading[1]!.trim());
    } else lines.push(line);
  }
  flush();
  if (!text.trim()) w.para('');
}

export function renderDossierPdf(m: DossierModel): Promise<Buffer> {
  const versionLine = `Versie ${m.version.number}, vastgesteld op ${onDay(m.version.adoptedAt)} door ${m.version.adoptedBy}`;
  const w = new Writer(`Dossier ${m.caseTitle}, versie ${m.version.number}`);
  w.muted('Dossier gezinsplan · Casustafel');
  w.title(m.caseTitle);
  w.fields([
    ['Plan', versionLine],
    ['Toelichting bij vaststellen', m.version.note],
    ['Regisseur', m.regisseur ?? 'geen regisseur'],
    ['Status van de casus', m.caseStatus === 'open' ? 'open' : 'gesloten'],
    ['Uitgave', DOSSIER_VARIANT_LABELS[m.variant]],
    ['Gemaakt', `${at(m.exportedAt)} door ${m.exportedBy.name} (${m.exportedBy.role})`],
  ]);
  w.doc.moveDown(0.5);
  w.box(
    m.variant === 'volledig'
      ? 'Vertrouwelijk. Deze uitgave is voor het dossier van de gemeente en bevat ook informatie die alleen voor medewerkers van de gemeente is. Deel haar niet met externe partners.'
      : 'Deze uitgave is voor een externe partner. Informatie die alleen voor medewerkers van de gemeente is, staat er niet in.',
  );
  planPart(w, m);
  goalsPart(w, m);
  toetsPart(w, m);
  deviationsPart(w, m);
  if (m.variant === 'volledig') breakthroughsPart(w, m);
  minutesPart(w, m);
  w.footers(`${m.caseTitle} · versie ${m.version.number} · ${m.variant === 'volledig' ? 'volledig (vertrouwelijk)' : 'voor externe partner'}`);
  return w.finish();
}
