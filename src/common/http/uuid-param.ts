import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** An id that is not even a UUID names nothing we hold: 404, like any unknown id. */
export const UUID_404 = new ParseUUIDPipe({
  exceptionFactory: () => new NotFoundException({ message: 'No such resource: the id is not one this service issues.', code: 'ID.NOT_FOUND' }),
});
