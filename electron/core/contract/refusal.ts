// A refusal whose writes must still be kept. A failed login refuses the caller
// but has to record the failure (or lockout could never trigger): the
// dispatcher commits the transaction, then answers with the error.
import type { AppError } from '../../../shared/errors';

export class CommittedRefusal extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
    this.name = 'CommittedRefusal';
  }
}
