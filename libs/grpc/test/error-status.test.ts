import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { DigiCraftError, type ErrorKind } from '@digicraft/errors';
import { GRPC_STATUS_BY_KIND, fromGrpcError, kindFromGrpcStatus, toGrpcError } from '../src';
import { capturedLogger } from './fixtures/probe';

const KINDS = Object.keys(GRPC_STATUS_BY_KIND) as ErrorKind[];

describe('the one mapping between error kinds and gRPC statuses', () => {
  it('maps every kind to a distinct status that maps back to the same kind', () => {
    expect(new Set(KINDS.map((kind) => GRPC_STATUS_BY_KIND[kind])).size).toBe(KINDS.length);
    for (const kind of KINDS) expect(kindFromGrpcStatus(GRPC_STATUS_BY_KIND[kind])).toBe(kind);
  });

  it('sends conflicts as ALREADY_EXISTS and reads ABORTED from foreign servers as conflict too', () => {
    expect(GRPC_STATUS_BY_KIND.conflict).toBe(GrpcStatus.ALREADY_EXISTS);
    expect(kindFromGrpcStatus(GrpcStatus.ABORTED)).toBe('conflict');
  });

  it('round-trips every kind through toGrpcError and fromGrpcError', () => {
    const { logger } = capturedLogger('mapping');
    for (const kind of KINDS.filter((k) => k !== 'internal')) {
      const sent = new DigiCraftError(`DC_ERR_${kind}`, kind, `it was ${kind}`, { fields: [{ field: 'a', message: 'b' }] });
      const back = fromGrpcError(toGrpcError(sent, logger), { serviceName: 'judging' });
      expect(back).toMatchObject({ code: sent.code, kind, message: sent.message, fields: sent.fields });
    }
  });

  it('keeps a deliberate internal error\'s code but not its message', () => {
    const { logger, lines } = capturedLogger('mapping');
    const wire = toGrpcError(new DigiCraftError('DC_ERR_LEDGER_CORRUPT', 'internal', 'ledger row 17 has no entry'), logger);
    expect(wire.code).toBe(GrpcStatus.INTERNAL);
    expect(wire.details).toBe('Internal error');
    expect(fromGrpcError(wire, { serviceName: 'judging' })).toMatchObject({ code: 'DC_ERR_LEDGER_CORRUPT', kind: 'internal' });
    expect(JSON.stringify(lines())).toContain('ledger row 17');
  });

  it('names the service for a status that carries none of our metadata', () => {
    const foreign: ServiceError = Object.assign(new Error('12 UNIMPLEMENTED'), {
      code: GrpcStatus.UNIMPLEMENTED,
      details: 'grpc-js internals',
      metadata: new Metadata(),
    });
    expect(fromGrpcError(foreign, { serviceName: 'matching' })).toMatchObject({
      code: 'DC_ERR_INTERNAL',
      kind: 'internal',
      message: 'matching answered UNIMPLEMENTED',
    });
  });
});
