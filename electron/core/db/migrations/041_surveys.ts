// Satisfaction surveys 满意度调查 (issue 17 §5): a short questionnaire the
// CS manager defines (scores on a scale, and free text), asked on the
// follow-up calls or entered from paper forms; one response per customer
// answer sheet, one answer per question.
//
// A survey is edited while a draft; opening it freezes its questions, so
// every response of a survey answers the same questions and its results stay
// comparable month to month (a changed questionnaire is a new survey).
// At most one open survey is asked on the calls (the partial unique index).
import type { Migration } from './index';

export const surveys: Migration = {
  version: 41,
  name: 'surveys',
  sql: `
CREATE TABLE surveys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','open','closed')),
  on_calls INTEGER NOT NULL DEFAULT 0 CHECK (on_calls IN (0,1)),
  created_by INTEGER NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  opened_at TEXT,
  closed_at TEXT
) STRICT;
CREATE UNIQUE INDEX surveys_one_on_calls ON surveys(on_calls) WHERE state = 'open' AND on_calls = 1;

CREATE TABLE survey_questions (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys(id),
  sort INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('score','text')),
  text_zh TEXT NOT NULL,
  text_en TEXT NOT NULL,
  -- A score is 1..scale_max; NULL for free text.
  scale_max INTEGER,
  required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0,1)),
  CHECK ((kind = 'score' AND scale_max BETWEEN 2 AND 10) OR (kind = 'text' AND scale_max IS NULL)),
  UNIQUE (survey_id, sort)
) STRICT;

CREATE TABLE survey_responses (
  id INTEGER PRIMARY KEY,
  survey_id INTEGER NOT NULL REFERENCES surveys(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  source TEXT NOT NULL CHECK (source IN ('call','paper')),
  call_id INTEGER REFERENCES calls(id),
  -- The business day the customer answered.
  response_date TEXT NOT NULL,
  entered_by INTEGER NOT NULL REFERENCES users(id),
  entered_at TEXT NOT NULL,
  CHECK ((source = 'call') = (call_id IS NOT NULL)),
  UNIQUE (survey_id, call_id)
) STRICT;
CREATE INDEX survey_responses_date ON survey_responses(survey_id, response_date);
CREATE INDEX survey_responses_customer ON survey_responses(customer_id);

CREATE TABLE survey_answers (
  response_id INTEGER NOT NULL REFERENCES survey_responses(id),
  question_id INTEGER NOT NULL REFERENCES survey_questions(id),
  score INTEGER CHECK (score IS NULL OR score >= 1),
  text TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (response_id, question_id)
) STRICT;
`,
};
