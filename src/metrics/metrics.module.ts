import { Global, Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { StoreMetrics } from './store-metrics';

@Global()
@Module({ controllers: [MetricsController], providers: [MetricsService, HttpMetrics, StoreMetrics], exports: [MetricsService, HttpMetrics] })
export class MetricsModule {}
