import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { Role, ROLES } from '../roles';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'osce-desk-1', description: "The key's name: written into each event's metadata.actor" })
  @Matches(/^[A-Za-z0-9_.-]{1,64}$/, { message: 'name must be 1–64 letters, digits, _ . or -' })
  name: string;

  @ApiProperty({ enum: ROLES, example: 'verifier' })
  @IsIn(ROLES)
  role: Role;
}
