export { judgingServiceSpec } from './judging-wiring';
export { verifyTrackLedger } from './store/ledger-audit';
export { judgingCollections } from './store/collections';
