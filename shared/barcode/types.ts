// The decoder's result types (re-exported by decode.ts, the public entry).

export type DecodeErrorCode =
  | 'decode.empty'
  | 'decode.badCheckDigit'
  | 'decode.unknownAi'
  | 'decode.badDate'
  | 'decode.truncated'
  | 'decode.badLength'
  | 'decode.badCharacter';

/** The AIM symbology identifier the scanner sent, or null when it sent none. */
export type Symbology = { id: string /* ']C1' */; name: string /* 'GS1-128' */; gs1: boolean } | null;

export type Gs1Element = { ai: string; value: string };

/** How GS1 data was written: an element string (FNC1/GS), a Digital Link URI, or bracketed "(01)…(10)…" text. */
export type Gs1Form = 'elementString' | 'digitalLink' | 'bracketed';

/** The GTIN formats a product barcode comes in. */
export type GtinFormat = 'EAN-13' | 'EAN-8' | 'UPC-A' | 'UPC-E' | 'GTIN-14';

export type DecodeResult =
  | {
      ok: true;
      kind: 'gs1';
      symbology: Symbology;
      elements: Gs1Element[];
      /** From AI 01, else AI 02 (the content of a logistic unit), 14 digits. */
      gtin: string | null;
      /** Which AI the GTIN came from: '02' means "this pallet holds that product". */
      gtinAi: '01' | '02' | null;
      sscc: string | null;
      lot: string | null;
      /** AI 21. */
      serial: string | null;
      /** AI 17 as 'YYYY-MM-DD'; day 00 = last day of month. */
      expiry: string | null;
      /** AI 15 as 'YYYY-MM-DD' (many food labels carry this instead of 17). */
      bestBefore: string | null;
      /** AI 11 as 'YYYY-MM-DD'. */
      productionDate: string | null;
      /** AI 37 (or 30). */
      count: number | null;
      form: Gs1Form;
      /** "(01)06901234567892 (10)A1" */
      summary: string;
    }
  | {
      ok: true;
      kind: 'gtin';
      symbology: Symbology;
      /** As GTIN-14, zero-padded. */
      gtin: string;
      /** The digits as scanned (UPC-E expanded to UPC-A). */
      scanned: string;
      format: GtinFormat;
      /** The 8 UPC-E digits as scanned, when format is 'UPC-E'. */
      upcE: string | null;
      /** An EAN/UPC 2- or 5-digit add-on (]E3), e.g. a periodical's issue. */
      addOn: string | null;
      summary: string;
    }
  | {
      ok: true;
      kind: 'text';
      symbology: Symbology;
      text: string;
      /**
       * Nothing said GS1, yet the text parses cleanly as a GS1 element string
       * starting with an SSCC or GTIN: most likely a GS1-128 label read by a
       * scanner that sends neither AIM identifiers nor GS. The text is not
       * parsed (a lot "10D9T" must not become AI 10); the screen can suggest
       * enabling AIM identifiers on the scanner.
       */
      gs1Like: boolean;
      summary: string;
    }
  | {
      ok: false;
      error: DecodeErrorCode;
      /** For logs and the scanner test screen (English, not translated). */
      detail: string | null;
      /** The AI the error is about, when there is one. */
      ai: string | null;
      symbology: Symbology;
      /** What was decoded before the error ("(01)06901234567892"), or null. */
      summary: string | null;
    };

export type DecodeOptions = {
  /**
   * "Now" for the GS1 century rule on YYMMDD dates (GS1 General
   * Specifications §7.12: YY within 49 years back to 50 years ahead).
   * Default: the current date.
   */
  today?: Date;
};
