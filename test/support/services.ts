import { createDispatcher, type Dispatcher } from '../../main/ipc/dispatcher.js';
import { createHandlers } from '../../main/ipc/handlers.js';
import { demoClusterDir } from '../../main/paths.js';
import { Services } from '../../main/services/services.js';

export interface TestBackend {
  services: Services;
  dispatcher: Dispatcher;
}

/** The real services on the bundled demo cluster, as every transport uses them. */
export async function demoBackend(mode: 'desktop' | 'web' = 'web'): Promise<TestBackend> {
  const services = await Services.create({
    appInfo: { name: 'Clusterdeck', version: '0.0.0-test', mode },
    demoRoot: demoClusterDir,
  });
  return { services, dispatcher: createDispatcher(createHandlers(services)) };
}
