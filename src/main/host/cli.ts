/** `npm run serve`: the local web host under plain Node, for browsers, tests and machines without Electron. */
import { join } from 'node:path';
import { AppError } from '../../shared/errors';
import { startHost } from './start';

async function main(): Promise<void> {
  // out/main/host.js: the built renderer beside it, 使用说明 in the repository's resources/guide
  const host = await startHost(process.argv.slice(2), {
    rendererDir: join(__dirname, '../renderer'),
    guideDir: join(__dirname, '../../resources/guide'),
    out: console,
  });
  if (host.url === null) {
    process.exitCode = host.exitCode;
    return;
  }
  const stop = () => {
    host.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof AppError || e instanceof Error ? e.message : String(e));
  process.exit(e instanceof AppError ? 2 : 1);
});
