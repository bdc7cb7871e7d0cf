import { runStandardService } from '@digicraft/runtime';
import { judgingServiceSpec } from './judging-wiring';

// Wiring only: the rules live in domain/, persistence in store/, the API in grpc/, events in events/.
runStandardService(judgingServiceSpec());
