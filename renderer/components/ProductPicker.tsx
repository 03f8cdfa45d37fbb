// Pick a product by typing its code or name: a text input with a datalist of
// "code name" entries. Typing an exact code (or picking an entry) selects it.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProductView } from '../../shared/contract/types';
import { useFormat } from '../i18n/format';

export function productLabel(p: ProductView, name: (zh: string, en: string) => string): string {
  return `${p.code} ${name(p.nameZh, p.nameEn)}`;
}

export function ProductPicker({
  products,
  value,
  onChange,
  testId,
  autoFocus,
  required,
}: {
  products: ProductView[];
  value: number | null;
  onChange(productId: number | null): void;
  testId: string;
  autoFocus?: boolean;
  required?: boolean;
}) {
  const { t } = useTranslation();
  const f = useFormat();
  const listId = useId();
  const byText = useMemo(() => {
    const m = new Map<string, number>();
    for (const p of products) {
      m.set(p.code.toLowerCase(), p.id);
      m.set(productLabel(p, f.productName).toLowerCase(), p.id);
    }
    return m;
  }, [products, f]);
  const selected = products.find((p) => p.id === value) ?? null;
  const [text, setText] = useState(selected ? productLabel(selected, f.productName) : '');

  // The selection changed from outside (a cleared form): show it. Only a change
  // of `value` counts — the product list arriving must not wipe what was typed.
  const shownValue = useRef(value);
  useEffect(() => {
    if (value === shownValue.current) return;
    shownValue.current = value;
    if (value === null) setText((old) => (byText.has(old.trim().toLowerCase()) ? '' : old));
    else if (selected) setText(productLabel(selected, f.productName));
  }, [value, selected, byText, f]);
  // Typed before the product list had arrived: resolve it when the list comes.
  const seenList = useRef(byText);
  useEffect(() => {
    if (byText === seenList.current) return;
    seenList.current = byText;
    if (value !== null) return;
    const id = byText.get(text.trim().toLowerCase());
    if (id !== undefined) onChange(id);
  }, [byText, text, value, onChange]);

  return (
    <>
      <input
        data-testid={testId}
        list={listId}
        value={text}
        autoFocus={autoFocus}
        required={required}
        placeholder={t('common:productPicker.placeholder')}
        aria-label={t('common:productPicker.label')}
        aria-invalid={text.trim() !== '' && value === null ? true : undefined}
        onChange={(e) => {
          setText(e.target.value);
          onChange(byText.get(e.target.value.trim().toLowerCase()) ?? null);
        }}
      />
      <datalist id={listId}>
        {products
          .filter((p) => p.active)
          .map((p) => (
            <option key={p.id} value={productLabel(p, f.productName)} />
          ))}
      </datalist>
    </>
  );
}
