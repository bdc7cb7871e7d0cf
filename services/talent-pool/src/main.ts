import { runStandardService } from '@digicraft/runtime';

// Wiring only. The service's own rules, store, gRPC handlers and events arrive with its issue;
// until then the process starts, reports ready on /readyz and stops cleanly like every other.
runStandardService({ name: 'talent-pool', database: 'digicraft_talent_pool' });
