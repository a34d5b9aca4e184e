import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WritePathModule } from '../write-path/write-path.module';
import { TruceCommandHandler } from './truce.command-handler';
import { TruceFactsProvider } from './truce-facts.provider';
import { TruceView } from './truce-view.entity';
import { TrucesController } from './truces.controller';

/** Truces: their commands, their read model, and the narrow view other slices may have of one (TruceFactsProvider). */
@Module({
  imports: [TypeOrmModule.forFeature([TruceView]), WritePathModule],
  controllers: [TrucesController],
  providers: [TruceCommandHandler, TruceFactsProvider],
  exports: [TruceFactsProvider],
})
export class TrucesModule {}
