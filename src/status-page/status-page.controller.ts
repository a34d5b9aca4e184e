import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The page's files, read once: served from memory, never from a path a client names. */
const ASSETS_DIR = join(__dirname, 'assets');
const ASSETS: Record<string, { type: string; body: string }> = {
  'app.js': { type: 'text/javascript; charset=utf-8', body: readFileSync(join(ASSETS_DIR, 'app.js'), 'utf8') },
  'style.css': { type: 'text/css; charset=utf-8', body: readFileSync(join(ASSETS_DIR, 'style.css'), 'utf8') },
};
const INDEX = readFileSync(join(ASSETS_DIR, 'index.html'), 'utf8');

/**
 * The live status page at `/`: static HTML, script and style of our own (the content security
 * policy of app.setup.ts allows nothing else), which read the public API like any client. Not an
 * API operation, so it stays out of the OpenAPI document.
 */
@ApiExcludeController()
@Controller()
export class StatusPageController {
  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  page(): string {
    return INDEX;
  }

  @Get('status-page/:file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res({ passthrough: true }) reply: { header(name: string, value: string): unknown }): string {
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) throw new NotFoundException({ message: `The status page has no file ${file}.`, code: 'STATUS_PAGE.NOT_FOUND' });
    reply.header('Content-Type', asset.type);
    return asset.body;
  }
}
