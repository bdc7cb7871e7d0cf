import { judgingV1 } from '@digicraft/contracts';
import type { DigiCraftGrpcServer } from '@digicraft/grpc';
import type { JudgingDeps } from './judging-deps';
import { markingHandlers } from './marking-handlers';
import { resultsHandlers } from './results-handlers';
import { reviewHandlers } from './review-handlers';
import { setupHandlers } from './setup-handlers';

export function registerJudgingService(server: DigiCraftGrpcServer, deps: JudgingDeps): void {
  server.addService(judgingV1.JudgingServiceService, {
    ...setupHandlers(deps),
    ...markingHandlers(deps),
    ...reviewHandlers(deps),
    ...resultsHandlers(deps),
  });
}
