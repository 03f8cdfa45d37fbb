// Entering a paper survey form (issue 17 §5), keyboard-first: the customer
// (code or name, from the list), the day they answered, then each question
// (a digit gives a score and moves on); Enter on the customer goes to the first question;
// Ctrl+Enter or the button saves and
// clears the form for the next sheet, keeping the day.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerView, Survey } from '../../../shared/contract';
import { api } from '../../api/client';
import { useNotify } from '../../components/toast/useNotify';
import { warehouseToday } from '../../i18n/format';
import { answersInput, SurveyQuestions, type Answers } from './SurveyQuestions';

export function EnterView({ survey }: { survey: Survey }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [customers, setCustomers] = useState<CustomerView[]>([]);
  const [customerText, setCustomerText] = useState('');
  const [date, setDate] = useState(warehouseToday());
  const [answers, setAnswers] = useState<Answers>({});
  const [entered, setEntered] = useState(0);
  const [busy, setBusy] = useState(false);
  const customerRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    api.request('customers.list', {}).then(setCustomers, notify.error);
  }, [notify]);
  const customer = useMemo(() => {
    const code = customerText.trim().split(' ')[0];
    return customers.find((c) => c.code === code) ?? null;
  }, [customerText, customers]);

  const save = async () => {
    if (!customer || busy) {
      if (!customer) customerRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.request('surveys.answer', {
        surveyId: survey.id,
        customerId: customer.id,
        date,
        answers: answersInput(survey, answers),
      });
      notify.success(t('surveys:enter.saved', { customer: `${customer.code} ${customer.name}` }));
      setEntered((n) => n + 1);
      setAnswers({});
      setCustomerText('');
      customerRef.current?.focus();
    } catch (e) {
      notify.error(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      ref={formRef}
      className="survey-enter"
      data-testid="survey-enter"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && e.ctrlKey) {
          e.preventDefault();
          void save();
        }
      }}
    >
      <p className="page-hint">{t('surveys:enter.hint')}</p>
      <div className="toolbar">
        <label className="inline-field">
          {t('surveys:enter.customer')}
          <input
            ref={customerRef}
            list="survey-customers"
            value={customerText}
            autoFocus
            onChange={(e) => setCustomerText(e.target.value)}
            onKeyDown={(e) => {
              // Enter on a known customer goes straight to the first question (the day is usually today's).
              if (e.key === 'Enter' && !e.ctrlKey && customer) {
                e.preventDefault();
                formRef.current
                  ?.querySelector<HTMLElement>('.survey-questions [tabindex="0"], .survey-questions input')
                  ?.focus();
              }
            }}
            data-testid="survey-customer"
          />
          <datalist id="survey-customers">
            {customers.map((c) => (
              <option key={c.id} value={`${c.code} ${c.name}`} />
            ))}
          </datalist>
        </label>
        <label className="inline-field">
          {t('surveys:enter.date')}
          <input
            type="date"
            value={date}
            max={warehouseToday()}
            onChange={(e) => setDate(e.target.value)}
            data-testid="survey-date"
          />
        </label>
        {customer && (
          <span className="page-hint">
            {customer.area} · {customer.name}
          </span>
        )}
      </div>
      <SurveyQuestions survey={survey} answers={answers} onChange={setAnswers} />
      <div className="toolbar">
        <button type="submit" className="primary" disabled={busy || !customer} data-testid="survey-submit">
          {t('surveys:enter.save')}
        </button>
        <span className="page-hint" data-testid="survey-entered">
          {t('surveys:enter.count', { count: entered })}
        </span>
      </div>
    </form>
  );
}
