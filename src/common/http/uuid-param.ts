import { Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { isUUID } from 'class-validator';

/**
 * A path id: an id that is not even a UUID names nothing we hold (404, like any unknown id).
 * UUIDs are case-insensitive; stream ids are text, so the id is taken in lower case.
 */
@Injectable()
export class IdParamPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUUID(value)) throw new NotFoundException({ message: 'No such resource: the id is not one this service issues.', code: 'ID.NOT_FOUND' });
    return value.toLowerCase();
  }
}

export const UUID_404 = new IdParamPipe();
