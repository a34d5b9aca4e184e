import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class RetractReportDto {
  @ApiProperty({ example: 'The location was misidentified.' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(5000)
  reason: string;
}
