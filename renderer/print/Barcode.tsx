// A scannable barcode for printed sheets (bin labels, product codes, command
// barcodes such as CMD:DONE), drawn as SVG by bwip-js so it prints sharp at
// any size. Code 128 reads every ASCII code our labels carry.
import { toSVG } from 'bwip-js/browser';
import { useMemo } from 'react';

type Props = {
  text: string;
  /** Bar height in millimetres. */
  heightMm?: number;
  /** The human-readable line under the bars. */
  showText?: boolean;
  className?: string;
};

export function Barcode({ text, heightMm = 9, showText = true, className }: Props) {
  const src = useMemo(() => {
    try {
      const svg = toSVG({
        bcid: 'code128',
        text,
        height: heightMm,
        includetext: showText,
        textxalign: 'center',
        textsize: 8,
      });
      return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    } catch {
      // A code Code 128 cannot carry (not ASCII): the text still prints, for typing in.
      return null;
    }
  }, [text, heightMm, showText]);
  if (!src) return <span className={`barcode-fallback ${className ?? ''}`}>{text}</span>;
  return <img className={`barcode ${className ?? ''}`} src={src} alt={text} />;
}
