// Stuck cases (vastgelopen casussen): the signals and their thresholds. Thresholds are
// municipal configuration (signal_settings, kept by the functional administrator); these are
// the defaults when nothing is stored.

export const STUCK_SIGNALS = [
  { key: 'doelen_verlopen', label: 'Doelen over de streefdatum', setting: null },
  { key: 'plan_stil', label: 'Plan lang niet gewijzigd', setting: 'plan_stil_weken' },
  { key: 'vraagstuk_lang_open', label: 'Vraagstuk lang open', setting: 'vraagstuk_open_dagen' },
  { key: 'afwijking_herbeoordelen', label: 'Afwijking over de herbeoordelingsdatum', setting: null },
  { key: 'geen_regisseur', label: 'Geen regisseur', setting: null },
  { key: 'gesloten_zonder_borging', label: 'Gesloten zonder vervolgafspraken', setting: null },
  { key: 'vastgelopen', label: 'Door een lid als vastgelopen gemeld', setting: null },
] as const;
export type StuckSignal = (typeof STUCK_SIGNALS)[number]['key'];

/** Configurable thresholds of the signals, with their defaults and sane bounds. */
export const SIGNAL_SETTINGS = [
  { key: 'plan_stil_weken', label: 'Plan niet gewijzigd na (weken)', default: 6, min: 1, max: 104 },
  { key: 'vraagstuk_open_dagen', label: 'Vraagstuk open langer dan (dagen)', default: 42, min: 1, max: 730 },
] as const;
export type SignalSetting = (typeof SIGNAL_SETTINGS)[number]['key'];
