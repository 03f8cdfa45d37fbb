// The GS1 Application Identifiers: which exist, how long their data is, which
// characters it may hold, and which parts carry a check digit or a date. Facts
// from the GS1 General Specifications (§3 and Figure 7.8.5-2 "predefined
// length"), as broken into parts by the GS1 Barcode Syntax Dictionary.
//
// The table is kept as text so it reads like the standard and can be checked
// against it line by line; it is parsed once when the module loads. Lookups at
// decode time are two array reads (AI length by the first two digits, then the
// spec by the AI's numeric value): no maps of strings, no regular expressions.
//
// Line format:  AI[-AI]  [*]  part part …  | TITLE
//   *            predefined length (Figure 7.8.5-2): never needs a GS after it
//   N6, X..20    GS1 notation: N digits, X CSET 82, Y CSET 39, Z base64url;
//                a fixed count or "..max" (1 to max); only the last part varies
//   [part]       optional final part
//   :csum        the part ends with a GS1 mod-10 check digit
//   :date        the part starts with a date YYMMDD
//   :date0       the same, where day 00 means "the last day of the month"

const table = `
00        * N18:csum              | SSCC
01        * N14:csum              | GTIN
02        * N14:csum              | CONTENT
10          X..20                 | BATCH/LOT
11        * N6:date0              | PROD DATE
12        * N6:date0              | DUE DATE
13        * N6:date0              | PACK DATE
15        * N6:date0              | BEST BEFORE
16        * N6:date0              | SELL BY
17        * N6:date0              | USE BY OR EXPIRY
20        * N2                    | VARIANT
21          X..20                 | SERIAL
22          X..20                 | CPV
235         X..28                 | TPX
240         X..30                 | ADDITIONAL ID
241         X..30                 | CUST. PART No.
242         N..6                  | MTO VARIANT
243         X..20                 | PCN
250         X..30                 | SECONDARY SERIAL
251         X..30                 | REF. TO SOURCE
253         N13:csum [X..17]      | GDTI
254         X..20                 | GLN EXTENSION COMPONENT
255         N13:csum [N..12]      | GCN
30          N..8                  | VAR. COUNT
3100-3105 * N6                    | NET WEIGHT (kg)
3110-3115 * N6                    | LENGTH (m)
3120-3125 * N6                    | WIDTH (m)
3130-3135 * N6                    | HEIGHT (m)
3140-3145 * N6                    | AREA (m²)
3150-3155 * N6                    | NET VOLUME (l)
3160-3165 * N6                    | NET VOLUME (m³)
3200-3205 * N6                    | NET WEIGHT (lb)
3210-3215 * N6                    | LENGTH (in)
3220-3225 * N6                    | LENGTH (ft)
3230-3235 * N6                    | LENGTH (yd)
3240-3245 * N6                    | WIDTH (in)
3250-3255 * N6                    | WIDTH (ft)
3260-3265 * N6                    | WIDTH (yd)
3270-3275 * N6                    | HEIGHT (in)
3280-3285 * N6                    | HEIGHT (ft)
3290-3295 * N6                    | HEIGHT (yd)
3300-3305 * N6                    | GROSS WEIGHT (kg)
3310-3315 * N6                    | LENGTH (m), log
3320-3325 * N6                    | WIDTH (m), log
3330-3335 * N6                    | HEIGHT (m), log
3340-3345 * N6                    | AREA (m²), log
3350-3355 * N6                    | VOLUME (l), log
3360-3365 * N6                    | VOLUME (m³), log
3370-3375 * N6                    | KG PER m²
3400-3405 * N6                    | GROSS WEIGHT (lb)
3410-3415 * N6                    | LENGTH (in), log
3420-3425 * N6                    | LENGTH (ft), log
3430-3435 * N6                    | LENGTH (yd), log
3440-3445 * N6                    | WIDTH (in), log
3450-3455 * N6                    | WIDTH (ft), log
3460-3465 * N6                    | WIDTH (yd), log
3470-3475 * N6                    | HEIGHT (in), log
3480-3485 * N6                    | HEIGHT (ft), log
3490-3495 * N6                    | HEIGHT (yd), log
3500-3505 * N6                    | AREA (in²)
3510-3515 * N6                    | AREA (ft²)
3520-3525 * N6                    | AREA (yd²)
3530-3535 * N6                    | AREA (in²), log
3540-3545 * N6                    | AREA (ft²), log
3550-3555 * N6                    | AREA (yd²), log
3560-3565 * N6                    | NET WEIGHT (troy oz)
3570-3575 * N6                    | NET VOLUME (oz)
3600-3605 * N6                    | NET VOLUME (qt)
3610-3615 * N6                    | NET VOLUME (gal.)
3620-3625 * N6                    | VOLUME (qt), log
3630-3635 * N6                    | VOLUME (gal.), log
3640-3645 * N6                    | VOLUME (in³)
3650-3655 * N6                    | VOLUME (ft³)
3660-3665 * N6                    | VOLUME (yd³)
3670-3675 * N6                    | VOLUME (in³), log
3680-3685 * N6                    | VOLUME (ft³), log
3690-3695 * N6                    | VOLUME (yd³), log
37          N..8                  | COUNT
3900-3909   N..15                 | AMOUNT
3910-3919   N3 N..15              | AMOUNT (ISO currency)
3920-3929   N..15                 | PRICE
3930-3939   N3 N..15              | PRICE (ISO currency)
3940-3943   N4                    | PRCNT OFF
3950-3955   N6                    | PRICE/UoM
400         X..30                 | ORDER NUMBER
401         X..30                 | GINC
402         N17:csum              | GSIN
403         X..30                 | ROUTE
410       * N13:csum              | SHIP TO LOC
411       * N13:csum              | BILL TO
412       * N13:csum              | PURCHASE FROM
413       * N13:csum              | SHIP FOR LOC
414       * N13:csum              | LOC No.
415       * N13:csum              | PAY TO
416       * N13:csum              | PROD/SERV LOC
417       * N13:csum              | PARTY
420         X..20                 | SHIP TO POST
421         N3 X..9               | SHIP TO POST (ISO country)
422         N3                    | ORIGIN
423         N..15                 | COUNTRY - INITIAL PROCESS
424         N3                    | COUNTRY - PROCESS
425         N..15                 | COUNTRY - DISASSEMBLY
426         N3                    | COUNTRY - FULL PROCESS
427         X..3                  | ORIGIN SUBDIVISION
4300        X..35                 | SHIP TO COMP
4301        X..35                 | SHIP TO NAME
4302        X..70                 | SHIP TO ADD1
4303        X..70                 | SHIP TO ADD2
4304        X..70                 | SHIP TO SUB
4305        X..70                 | SHIP TO LOC
4306        X..70                 | SHIP TO REG
4307        X2                    | SHIP TO COUNTRY
4308        X..30                 | SHIP TO PHONE
4309        N10 N10               | SHIP TO GEO
4310        X..35                 | RTN TO COMP
4311        X..35                 | RTN TO NAME
4312        X..70                 | RTN TO ADD1
4313        X..70                 | RTN TO ADD2
4314        X..70                 | RTN TO SUB
4315        X..70                 | RTN TO LOC
4316        X..70                 | RTN TO REG
4317        X2                    | RTN TO COUNTRY
4318        X..20                 | RTN TO POST
4319        X..30                 | RTN TO PHONE
4320        X..35                 | SRV DESCRIPTION
4321        N1                    | DANGEROUS GOODS
4322        N1                    | AUTH TO LEAVE
4323        N1                    | SIG REQUIRED
4324        N6:date0 N4           | NOT BEF DEL DT
4325        N6:date0 N4           | NOT AFT DEL DT
4326        N6:date               | REL DATE
4330        N6 [X1]               | MAX TEMP F.
4331        N6 [X1]               | MAX TEMP C.
4332        N6 [X1]               | MIN TEMP F.
4333        N6 [X1]               | MIN TEMP C.
7001        N13                   | NSN
7002        X..30                 | MEAT CUT
7003        N6:date N4            | EXPIRY TIME
7004        N..4                  | ACTIVE POTENCY
7005        X..12                 | CATCH AREA
7006        N6:date               | FIRST FREEZE DATE
7007        N6:date [N6:date]     | HARVEST DATE
7008        X..3                  | AQUATIC SPECIES
7009        X..10                 | FISHING GEAR TYPE
7010        X..2                  | PROD METHOD
7011        N6:date [N4]          | TEST BY DATE
7020        X..20                 | REFURB LOT
7021        X..20                 | FUNC STAT
7022        X..20                 | REV STAT
7023        X..30                 | GIAI - ASSEMBLY
7030-7039   N3 X..27              | PROCESSOR #
7040        N1 X3                 | UIC+EXT
710         X..20                 | NHRN PZN
711         X..20                 | NHRN CIP
712         X..20                 | NHRN CN
713         X..20                 | NHRN DRN
714         X..20                 | NHRN AIM
715         X..20                 | NHRN NDC
7230-7239   X2 X..28              | CERT #
7240        X..20                 | PROTOCOL
7241        N2                    | AIDC MEDIA TYPE
7242        X..25                 | VCN
8001        N14                   | DIMENSIONS
8002        X..20                 | CMT No.
8003        N1 N13:csum [X..16]   | GRAI
8004        X..30                 | GIAI
8005        N6                    | PRICE PER UNIT
8006        N14:csum N4           | ITIP
8007        X..34                 | IBAN
8008        N6:date N2 [N..4]     | PROD TIME
8009        X..50                 | OPTSEN
8010        Y..30                 | CPID
8011        N..12                 | CPID SERIAL
8012        X..20                 | VERSION
8013        X..25                 | GMN
8017        N18:csum              | GSRN - PROVIDER
8018        N18:csum              | GSRN - RECIPIENT
8019        N..10                 | SRIN
8020        X..25                 | REF No.
8026        N14:csum N4           | ITIP CONTENT
8030        Z..90                 | DIGSIG
8110        X..70                 | COUPON
8111        N4                    | POINTS
8112        X..70                 | COUPON (paperless)
8200        X..70                 | PRODUCT URL
90          X..30                 | INTERNAL
91-99       X..90                 | INTERNAL
`;

/** Character sets: N digits, X GS1 CSET 82, Y CSET 39, Z base64url (+ '='). */
export const Charset = { N: 1, X: 2, Y: 4, Z: 8 } as const;
export type Charset = (typeof Charset)[keyof typeof Charset];

export type AiPart = {
  charset: Charset;
  /** Fixed parts have min === max; only the last part may vary. */
  min: number;
  max: number;
  fixed: boolean;
  optional: boolean;
  csum: boolean;
  /** 0: none; 1: YYMMDD; 2: YYMMDD where DD may be 00. */
  date: 0 | 1 | 2;
};

export type AiSpec = {
  ai: string;
  title: string;
  /** Predefined length (Figure 7.8.5-2): a GS never needs to follow it. */
  predefined: boolean;
  /** Every part fixed and none optional: the value is exactly `max` long. */
  fixed: boolean;
  min: number;
  max: number;
  parts: AiPart[];
};

/** AI length (2, 3 or 4) by its first two digits; 0 where no AI starts so. */
const lengthByPrefix = new Uint8Array(100);
/** Specs by slot(ai): 2-digit AIs at 0–99, 3-digit at 100–1099, 4-digit at 1100–11099. */
const specBySlot: (AiSpec | undefined)[] = new Array<AiSpec | undefined>(11100).fill(undefined);

function slot(length: number, value: number): number {
  return length === 2 ? value : length === 3 ? 100 + value : 1100 + value;
}

function parsePart(token: string, line: string): AiPart {
  const optional = token.startsWith('[') && token.endsWith(']');
  const body = optional ? token.slice(1, -1) : token;
  const [format = '', ...linters] = body.split(':');
  const charset = (Charset as Record<string, Charset>)[format[0] ?? ''];
  const variable = format.slice(1, 3) === '..';
  const count = Number(format.slice(variable ? 3 : 1));
  if (charset === undefined || !Number.isInteger(count) || count < 1)
    throw new Error(`AI table: bad part in "${line}"`);
  return {
    charset,
    min: variable ? 1 : count,
    max: count,
    fixed: !variable,
    optional,
    csum: linters.includes('csum'),
    date: linters.includes('date0') ? 2 : linters.includes('date') ? 1 : 0,
  };
}

function load(): void {
  for (const raw of table.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const [left = '', title = ''] = line.split('|').map((s) => s.trim());
    const tokens = left.split(/\s+/);
    const range = tokens.shift() ?? '';
    const predefined = tokens[0] === '*';
    if (predefined) tokens.shift();
    const parts = tokens.map((t) => parsePart(t, line));
    const [first = '', last = first] = range.split('-');
    const length = first.length;
    let min = 0;
    let max = 0;
    for (const p of parts) {
      if (!p.optional) min += p.min;
      max += p.max;
    }
    const fixed = parts.every((p) => p.fixed && !p.optional);
    for (let n = Number(first); n <= Number(last); n++) {
      const ai = String(n).padStart(length, '0');
      const prefix = Number(ai.slice(0, 2));
      const known = lengthByPrefix[prefix] ?? 0;
      // GS1 fixes an AI's length by its first two digits; the parser relies on it.
      if (known !== 0 && known !== length) throw new Error(`AI table: ${ai} breaks the length of prefix ${prefix}`);
      lengthByPrefix[prefix] = length;
      specBySlot[slot(length, n)] = { ai, title, predefined, fixed, min, max, parts };
    }
  }
}
load();

/** The length of the AI starting with these two digits (0–99), or 0 when no AI starts so. */
export function aiLengthForPrefix(prefix: number): number {
  return lengthByPrefix[prefix] ?? 0;
}

/** The spec of the `length`-digit AI whose digits read as `value`. */
export function aiSpecByNumber(length: number, value: number): AiSpec | undefined {
  return specBySlot[slot(length, value)];
}

/** The spec of an AI given as text ("01", "3103"), or undefined when GS1 has no such AI. */
export function aiSpec(ai: string): AiSpec | undefined {
  if (ai.length < 2 || ai.length > 4) return undefined;
  for (let i = 0; i < ai.length; i++) {
    const c = ai.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (aiLengthForPrefix(Number(ai.slice(0, 2))) !== ai.length) return undefined;
  return aiSpecByNumber(ai.length, Number(ai));
}

/** The GS1 data title of an AI ("BATCH/LOT"), or null for an unknown AI. */
export function aiTitle(ai: string): string | null {
  return aiSpec(ai)?.title ?? null;
}

/**
 * For the measures 310n–369n and the amounts 390n–395n: the implied number of
 * decimal places (the AI's last digit), else null.
 */
export function aiDecimals(ai: string): number | null {
  if (ai.length !== 4) return null;
  const p = ai.charCodeAt(1);
  const family = ai.charCodeAt(0) === 51 /* 3 */ && ((p >= 49 && p <= 54) || p === 57); /* 31–36, 39 */
  return family && aiSpec(ai) ? ai.charCodeAt(3) - 48 : null;
}

/** Character classes by code point, a bit per Charset (ASCII only; anything above is in no GS1 set). */
export const charClasses = new Uint8Array(128);
const classes = charClasses;
(() => {
  const add = (chars: string, flag: number) => {
    for (const ch of chars) classes[ch.charCodeAt(0)]! |= flag;
  };
  const digits = '0123456789';
  const upper = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const lower = 'abcdefghijklmnopqrstuvwxyz';
  add(digits, Charset.N | Charset.X | Charset.Y | Charset.Z);
  add(upper, Charset.X | Charset.Y | Charset.Z);
  add(lower, Charset.X | Charset.Z);
  add(`!"%&'()*+,-./:;<=>?_`, Charset.X);
  add('#-/', Charset.Y);
  add('-_=', Charset.Z);
})();
