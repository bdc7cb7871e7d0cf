import { platformServices, portVariable, serviceEnvironment } from '../src/platform/platform-services';

describe('platform service ports', () => {
  it('keep the docker-compose defaults and take DIGICRAFT_<SERVICE>_<KIND>_PORT overrides', () => {
    const services = platformServices({ DIGICRAFT_JUDGING_GRPC_PORT: '41052', DIGICRAFT_GATEWAY_HTTP_PORT: '48080', DIGICRAFT_TALENT_POOL_ADMIN_PORT: '49103' });
    const byName = new Map(services.map((s) => [s.name, s]));
    expect(byName.get('registration')).toEqual({ name: 'registration', grpcPort: 50051, adminPort: 9101 });
    expect(byName.get('judging')?.grpcPort).toBe(41052);
    expect(byName.get('talent-pool')?.adminPort).toBe(49103);
    // The gateway is pointed at the overridden judging port, and listens where it was told.
    const gatewayEnv = serviceEnvironment(byName.get('gateway')!, services);
    expect(gatewayEnv).toMatchObject({ HTTP_PORT: '48080', JUDGING_GRPC_ADDR: '127.0.0.1:41052', REGISTRATION_GRPC_ADDR: '127.0.0.1:50051' });
    expect(portVariable('talent-pool', 'grpc')).toBe('DIGICRAFT_TALENT_POOL_GRPC_PORT');
  });

  it('refuses a bad override, naming the variable', () => {
    expect(() => platformServices({ DIGICRAFT_GATEWAY_HTTP_PORT: 'eighty' })).toThrow('DIGICRAFT_GATEWAY_HTTP_PORT: "eighty" is not a port between 1024 and 65535');
    expect(() => platformServices({ DIGICRAFT_MATCHING_ADMIN_PORT: '80' })).toThrow(/DIGICRAFT_MATCHING_ADMIN_PORT/);
  });
});
