import { runStandardService } from '@digicraft/runtime';
import { registrationServiceSpec } from './service-spec';

// Wiring only: the spec holds config, models, outbox collections and gRPC handlers.
runStandardService(registrationServiceSpec());
