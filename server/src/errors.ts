/** Errors a client can act on. Each has a stable code and its HTTP status. */
import { StorelensError } from '@storelens/sql';

export { StorelensError };

export class BadRequestError extends StorelensError {
  readonly field: string | undefined;
  constructor(message: string, field?: string) {
    super('BAD_REQUEST', message, 400);
    this.field = field;
  }
}

export class NotFoundError extends StorelensError {
  constructor(message: string) {
    super('NOT_FOUND', message, 404);
  }
}

export class ConflictError extends StorelensError {
  constructor(message: string) {
    super('CONFLICT', message, 409);
  }
}

export class UnauthenticatedError extends StorelensError {
  constructor(message: string) {
    super('UNAUTHENTICATED', message, 401);
  }
}

export class ForbiddenError extends StorelensError {
  constructor(message: string) {
    super('FORBIDDEN', message, 403);
  }
}
