// The web host run from the TypeScript sources under plain Node, for the fault suite to kill -9 at will:
// node tests/fault/host-child.mjs DATA_DIR TOKEN → prints "PORT n" once it listens.
import { register } from 'node:module';

register('../support/plain-node-loader.mjs', import.meta.url);
const { CoreRuntime } = await import('../../src/main/core/runtime.ts');
const { createHostServer } = await import('../../src/main/host/server.ts');

const [dataDir, token] = process.argv.slice(2);
const runtime = await CoreRuntime.start({ dataDir, appVersion: 'fault' });
const server = createHostServer({ runtime, token, rendererDir: dataDir, actor: { name: '管理员', role: 'admin' } });
server.listen(0, '127.0.0.1', () => console.log(`PORT ${server.address().port}`));
