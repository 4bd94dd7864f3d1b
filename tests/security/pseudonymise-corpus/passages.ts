// Realistic Dutch case notes of the social domain, written for this corpus, with identifiers
// seeded in every class and spelling. Per passage:
// - `known`: what the case's structured data knows (CORPUS_CASE), as written in the passage:
//   layer a must replace each one;
// - `unknown`: identifiers nobody registered, with their class: layer b must remove each one,
//   also without layer a;
// - `flagged`: what neither can know (a bare first name, an insurer, a village nobody lists):
//   layer c must flag each one for the review;
// - `clean`: a passage with nothing to find, which must come out unchanged and unflagged.

export type UnknownClass =
  | 'bsn' | 'iban' | 'telefoon' | 'kenteken' | 'paspoort' | 'handle' | 'e-mail' | 'link' | 'postcode' | 'adres' | 'geboortedatum' | 'datum' | 'tijd'
  | 'klantnummer' | 'naam' | 'school' | 'werkgever' | 'plaats' | 'jaar';

export interface Passage {
  text: string;
  known?: string[];
  unknown?: [UnknownClass, string][];
  flagged?: string[];
  clean?: boolean;
}

export const PASSAGES: Passage[] = [
  {
    text: 'Huisbezoek bij Sanne van der Berg. Sanne vertelt dat het slecht slapen weer begonnen is sinds Ahmed minder vaak komt.',
    known: ['Sanne van der Berg', 'Sanne', 'Ahmed'],
  },
  {
    text: 'Mevrouw Van der Berg geeft aan dat zij de post niet meer opent. Samen met mw. S. van der Berg de brieven gesorteerd.',
    known: ['Van der Berg', 'S. van der Berg'],
  },
  {
    text: "SANNE belde boos op. Sannes zus komt tijdelijk helpen; Sanne's moeder woont te ver weg.",
    known: ['SANNE', 'Sannes', "Sanne's"],
  },
  {
    text: 'Noortje (Noor) is erg stil op school, Daantje heeft driftbuien. Zoe en Zoë slapen bij moeder op de kamer.',
    known: ['Noortje', 'Noor', 'Daantje', 'Zoe', 'Zoë'],
  },
  {
    text: 'Jan-Willem, ook wel Jan Willem genoemd, is 16 en zit thuis sinds de schorsing. Jan-Willems mentor wil graag een gesprek.',
    known: ['Jan-Willem', 'Jan Willem', 'Jan-Willems'],
  },
  {
    text: 'Vader, dhr. El Amrani, wil betrokken blijven. Ahmed El Amrani kookt drie avonden per week en brengt de kinderen naar bed.',
    known: ['El Amrani', 'Ahmed El Amrani'],
  },
  {
    text: 'Casusregisseur Marieke de Vries heeft contact gehad met Anouk Peeters van GGZ Zuiderhaven. Marieke plant een overleg, Peeters schuift aan.',
    known: ['Marieke de Vries', 'Anouk Peeters', 'Zuiderhaven', 'Marieke', 'Peeters'],
  },
  {
    text: 'Mail ging naar marieke.devries@gemeente.example en a.peeters@zuiderhaven.example; terugbellen op 0162-000102 of 076 530 22 11.',
    known: ['marieke.devries@gemeente.example', 'a.peeters@zuiderhaven.example', '0162-000102', '076 530 22 11'],
  },
  {
    text: 'Moeder is zelf bereikbaar op 06-48291734 of via s.vanderberg@post.example, maar leest haar mail zelden.',
    known: ['06-48291734', 's.vanderberg@post.example'],
  },
  {
    text: 'De vorige regisseur, Erik Mulder, had al een aanvraag Wmo klaarstaan. Mulder is vertrokken zonder overdracht.',
    known: ['Erik Mulder', 'Mulder'],
  },
  {
    text: 'Klantmanager Sander Willemsen en Wmo-consulent Fatma Yildiz bespreken de samenloop; Willemsen ziet geen bezwaar, Yildiz wel.',
    known: ['Sander Willemsen', 'Fatma Yildiz', 'Willemsen', 'Yildiz'],
  },
  {
    text: 'Teamleider Ruud Smeets gaf akkoord op de afwijking. Smeets wil over drie maanden een evaluatie.',
    known: ['Ruud Smeets', 'Smeets'],
  },
  {
    text: 'ＳＡＮＮＥ en Ｎｏｏｒ staan zo in het oude systeem, in brede letters. Ook Sa\u200Bnne met een onzichtbare spatie.',
    known: ['ＳＡＮＮＥ', 'Ｎｏｏｒ', 'Sa\u200Bnne'],
  },
  {
    text: 'Sanne van der Berg-El Amrani tekende het plan; ook geschreven als S. Van Der Berg en VAN DER BERG.',
    known: ['Sanne van der Berg-El Amrani', 'S. Van Der Berg', 'VAN DER BERG'],
  },
  {
    text: 'BSN moeder 123456782, BSN Noor 123.456.782 en van Daan 123 456 782; het oude formulier noemt 1234.56.782.',
    known: ['Noor', 'Daan'],
    unknown: [['bsn', '123456782'], ['bsn', '123.456.782'], ['bsn', '123 456 782'], ['bsn', '1234.56.782']],
  },
  {
    text: 'Toeslagen worden gestort op NL91 ABNA 0417 1643 00; de beslaglegger noemt NL91-ABNA-0417-1643-00 en nl02rabo0123456789.',
    unknown: [['iban', 'NL91 ABNA 0417 1643 00'], ['iban', 'NL91-ABNA-0417-1643-00'], ['iban', 'nl02rabo0123456789']],
  },
  {
    text: 'Bewindvoerder is te bereiken op +31 6 12345678, 06 - 12 34 56 78 en (076) 502 34 56; fax 0031 76 5023457.',
    unknown: [['telefoon', '+31 6 12345678'], ['telefoon', '06 - 12 34 56 78'], ['telefoon', '(076) 502 34 56'], ['telefoon', '0031 76 5023457']],
  },
  {
    text: 'De auto van vader (12-ABC-3) staat op naam van oom; de oude bus AB-123-C is verkocht, de scooter 1-KBB-23 gestolen.',
    unknown: [['kenteken', '12-ABC-3'], ['kenteken', 'AB-123-C'], ['kenteken', '1-KBB-23']],
  },
  {
    text: 'Het paspoort NXC3P4R12 is verlopen; de ID-kaart IR1234567 ligt bij de bewindvoerder. Nieuw document aangevraagd.',
    unknown: [['paspoort', 'NXC3P4R12'], ['paspoort', 'IR1234567']],
  },
  {
    text: 'Noor zet foto’s op Instagram als @noor_vdb2014 en volgt @sanne_v; Jan-Willem gamet als @JW.gamer09.',
    known: ['Noor', 'Jan-Willem'],
    unknown: [['handle', '@noor_vdb2014'], ['handle', '@sanne_v'], ['handle', '@JW.gamer09']],
  },
  {
    text: 'Op https://www.facebook.com/sanne.vdberg.88 staat een inzamelingsactie; ook op www.doneeractie.example/gezin-vdberg.',
    unknown: [['link', 'facebook.com/sanne.vdberg.88'], ['link', 'doneeractie.example/gezin-vdberg']],
  },
  {
    text: 'Het gezin woont aan de Kerkstr. 12, eerder op Markt 3 en daarvoor Kastanjelaan 12a, 4901 AB; post gaat naar Postbus 4021.',
    unknown: [['adres', 'Kerkstr. 12'], ['adres', 'Markt 3'], ['adres', 'Kastanjelaan 12a'], ['postcode', '4901 AB'], ['adres', 'Postbus 4021']],
  },
  {
    text: 'Oma woont Van Goghstraat 3-5, 4902cd; de opvang zit aan de Hoge Ham 7. Woonadres: Brink 14b.',
    unknown: [['adres', 'Goghstraat 3-5'], ['postcode', '4902cd'], ['adres', 'Ham 7'], ['adres', 'Brink 14b']],
  },
  {
    text: 'Kinderen: Noor (12-05-2014), Daan (3-2-2017) en Zoë (2020-07-30). Geboortedatum moeder: 14 maart 1988.',
    known: ['Noor', 'Daan', 'Zoë'],
    unknown: [['geboortedatum', '12-05-2014'], ['geboortedatum', '3-2-2017'], ['geboortedatum', '2020-07-30'], ['geboortedatum', '14 maart 1988'], ['jaar', '1988'], ['jaar', '2014']],
  },
  {
    text: 'Gesprek op 14-10-2025 om 10.30 uur, vervolg op 2025-11-03T09:15:00Z en op 21 november 2025 om 14:00.',
    unknown: [['datum', '14-10-2025'], ['tijd', '10.30'], ['datum', '2025-11-03'], ['tijd', '09:15'], ['datum', '21 november 2025'], ['tijd', '14:00']],
  },
  {
    text: 'Klantnummer 87654, dossiernr. 2025-00412 en zaaknummer ZK-24/7781 bij de kredietbank; kenmerk 4521.',
    unknown: [['klantnummer', '87654'], ['klantnummer', '2025-00412'], ['klantnummer', 'ZK-24/7781'], ['klantnummer', '4521']],
  },
  {
    text: 'Schuld bij de zorgverzekeraar onder polis 700123987 en bij de energieleverancier klant 55501234; incasso loopt via 2024-INC-8812.',
    unknown: [['klantnummer', '700123987'], ['klantnummer', '55501234'], ['klantnummer', '2024-INC-8812']],
  },
  {
    text: 'In brede cijfers overgetypt: ０６－１２３４５６７８ en BSN １２３４５６７８２ en kamer ２１２.',
    unknown: [['telefoon', '12345678'], ['bsn', '123456782'], ['klantnummer', '212']],
  },
  {
    text: 'Mevrouw Van den Heuvel van de woningcorporatie en meneer ten Brink van de school belden; de heer De Wit ook.',
    unknown: [['naam', 'Heuvel'], ['naam', 'Brink'], ['naam', 'Wit']],
  },
  {
    text: 'Oma Truus past op, buurvrouw Jannie brengt eten en haar vriend Kevin Bakker helpt met de tuin.',
    unknown: [['naam', 'Truus'], ['naam', 'Jannie'], ['naam', 'Kevin'], ['naam', 'Bakker']],
  },
  {
    text: 'Daan zit op basisschool De Regenboog, Zoë op de bso Kiekeboe en Jan-Willem op het Da Vinci College.',
    known: ['Daan', 'Zoë', 'Jan-Willem'],
    unknown: [['school', 'Regenboog'], ['school', 'Kiekeboe'], ['school', 'Vinci']],
  },
  {
    text: 'Vader werkt sinds kort bij Albert Heijn in Breda en had eerder een leerwerkplek bij Bouwbedrijf Verhoeven.',
    unknown: [['werkgever', 'Albert'], ['werkgever', 'Heijn'], ['plaats', 'Breda'], ['werkgever', 'Verhoeven']],
  },
  {
    text: 'Het gezin verhuisde van Oosterhout naar Rijsbergen; opa woont in Bergen op Zoom en een tante in ’s-Hertogenbosch.',
    unknown: [['plaats', 'Oosterhout'], ['plaats', 'Rijsbergen'], ['plaats', 'Bergen op Zoom'], ['plaats', 'Hertogenbosch']],
  },
  {
    text: 'Sinds 2019 zijn er schulden; in 2021 ging het mis met de huur. Vader kwam in 2016 naar Nederland.',
    unknown: [['jaar', '2019'], ['jaar', '2021'], ['jaar', '2016']],
  },
  {
    text: 'Truus komt elke woensdag. Gerrit van het buurthuis regelt de kerstpakketten.',
    flagged: ['Truus', 'Gerrit'],
  },
  {
    text: 'De zorgverzekering loopt via Zilveren Kruis en de huur via Woonstichting Thuisvester.',
    flagged: ['Zilveren', 'Kruis', 'Thuisvester'],
  },
  {
    text: 'Kevin, de nieuwe vriend van moeder, blijft soms slapen. Volgens Noor is Kevin aardig.',
    known: ['Noor'],
    flagged: ['Kevin'],
  },
  {
    text: 'De kinderen voetballen bij VV Terheijden en de oudste gaat naar de Scouting Dongemond.',
    flagged: ['VV', 'Terheijden', 'Dongemond'],
  },
  {
    text: 'Moeder kreeg via Kredietbank West-Brabant een saneringskrediet; Bakkerij Van Gils bood een bijbaan aan.',
    unknown: [['werkgever', 'Gils']],
    flagged: ['West-Brabant'],
  },
  {
    text: 'Ahmeds broer Youssef belt vaak. Youssef wil de kinderen in de zomer meenemen.',
    known: ['Ahmeds'],
    unknown: [['naam', 'Youssef']],
    flagged: ['Youssef'],
  },
  {
    text: 'Sanne Jansen, de ex-partner van vader, en Sanne van der Velde zijn niet dezelfde Sanne als moeder.',
    known: ['Sanne Jansen', 'Sanne van der Velde', 'Sanne'],
  },
  {
    text: 'Volgens Participatiewet art. 18 lid 1 en Awb 4:84 kan de gemeente afwijken. De Wmo 2015, artikel 2.3.5, biedt ruimte voor maatwerk.',
    clean: true,
  },
  {
    text: 'De uitkering is € 1.250 per maand, de huur 38% van het inkomen. Moeder scoort 2 op financiën (ZRM) en wil naar 3.',
    clean: true,
  },
  {
    text: 'De kinderen zijn 8 en 11 jaar. Er waren 3 gesprekken van 1,5 uur, steeds tussen 09.00-10.30, twee keer per week.',
    clean: true,
  },
  {
    text: 'Het doel is stabiliteit binnen vier maanden. Stap 3 van de omgekeerde toets is afgerond; groep 7 van de school werkt mee.',
    clean: true,
  },
  {
    text: 'moeder wil werken, maar de kinderopvang past niet bij de roosters. De klantmanager kijkt naar een proefplaatsing.',
    clean: true,
  },
];
